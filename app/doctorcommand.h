// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens doctor [--json] [--netns PATH] [--interval MS] [--rules FILE]`: two snapshots, the
// counters and the sysctls of a namespace, diagnosed (docs/diagnosis.md). `arguments` starts with the
// program name ("tcplens doctor"). Exit code 0: no problem; 1: a problem found; 2: an error.
int runDoctorCommand(const QStringList &arguments);

} // namespace TcpLens
