// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens sysctl lint FILE... [--json] [--netns PATH]`: each problem of the sysctl.conf files as
// "FILE:LINE: error|warning: message" (or a JSON array); exit status 1 when there is an error, 0
// when there are only warnings or none, 2 when a file cannot be read.
int runSysctlLintCommand(const QStringList &arguments);

} // namespace TcpLens
