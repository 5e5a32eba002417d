// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens lab list [--json]` and `tcplens lab run NAME|FILE [--json] [--fast]` (docs/lab.md): replaces
// this process with tcplens-lab and the same arguments, so its output, its exit status and a Ctrl+C are
// the helper's own. Returns only when it cannot: 2 for a missing or unknown subcommand (with usage), 3
// when tcplens-lab is neither beside this program nor installed, or does not start.
int runLabCommand(const QStringList &arguments);

} // namespace TcpLens
