// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

namespace TcpLens {

// `tcplens snapshot ...` and the other commands that need no display. Creates its own
// QCoreApplication; returns the process's exit code.
int runHeadlessCommand(int argc, char **argv);

} // namespace TcpLens
