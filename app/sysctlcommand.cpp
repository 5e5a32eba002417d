// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlcommand.h"

#include <cstdio>

namespace TcpLens {

int runSysctlCommand(const QStringList &arguments)
{
    Q_UNUSED(arguments)
    std::fputs("tcplens sysctl: not built yet\n", stderr);
    return 2;
}

} // namespace TcpLens
