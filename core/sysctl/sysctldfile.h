// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlcatalog.h"
#include "sysctlchange.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace TcpLens {

// The text of an /etc/sysctl.d/ file for a chosen set of changes, each with comments that say what
// the key does, its range and scope, and the value it replaces. Pure; golden files in tests/data/.
class SysctlDFile
{
    Q_DECLARE_TR_FUNCTIONS(SysctlDFile)
public:
    static QString render(const SysctlCatalog &catalog, const QList<SysctlChange> &changes);
};

} // namespace TcpLens
