// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlcatalog.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <expected>

namespace TcpLens {

// What the privileged sysctl helper (tcplens-sysctl-helper, started through pkexec) is asked to do:
// `[--netns PATH] KEY VALUE`, taken as data. Parsing refuses everything that is not exactly that: a
// key that is not the full name of a catalog entry, a namespace that is not /proc/PID/ns/net or
// /run/netns/NAME, a value with control characters or longer than the validator reads. Pure; the
// value itself is validated against the target namespace by the helper.
struct SysctlHelperRequest
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::SysctlHelperRequest)
public:
    const SysctlEntry *entry = nullptr;
    QString value;
    QString netns; // empty: the helper's own namespace, the host's

    static std::expected<SysctlHelperRequest, QString> parse(
        const SysctlCatalog &catalog, const QStringList &arguments);
};

} // namespace TcpLens
