// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

class QCoreApplication;

namespace TcpLens {

// `tcplens record FILE`: what the kernel shows (snapshots, destroy notices, exact transitions,
// listener queues, counters, sysctls) into a recording (docs/recording-format.md) until Ctrl+C,
// SIGTERM or --duration, with one progress line on stderr about every 5 s. The same pipeline as
// the window and `watch`, with a RecordingWriter attached to it.
int runRecordCommand(QCoreApplication &app, const QStringList &arguments);

} // namespace TcpLens
