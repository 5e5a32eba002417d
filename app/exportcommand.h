// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens export FILE`: a recording's snapshot at a moment (the schema of `snapshot --json`), its
// connection events (the schema of `watch --json`, made again by replaying the recorded inputs
// through the tracker) or its listener and counter samples, as JSON, JSON Lines or CSV
// (docs/json-schema.md, "Recordings").
int runExportCommand(const QStringList &arguments);

} // namespace TcpLens
