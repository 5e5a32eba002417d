// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens sysctl [--json] [--netns PATH] [KEY...]` and `tcplens sysctl validate KEY VALUE`.
// `arguments` starts with the program name ("tcplens sysctl"). Returns the exit code.
int runSysctlCommand(const QStringList &arguments);

} // namespace TcpLens
