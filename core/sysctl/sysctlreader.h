// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlcatalog.h"
#include "sysctlfileopener.h"
#include "sysctlreading.h"
#include "sysctlvalidator.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// Reads sysctls below an injected /proc/sys root. The plain methods read in the calling thread's
// namespace; read() and freshNamespaceValues() move a short-lived thread into the namespace to read.
class SysctlReader
{
    Q_DECLARE_TR_FUNCTIONS(SysctlReader)
public:
    explicit SysctlReader(QString procSysRoot = QStringLiteral("/proc/sys"));
    // Reads through `broker`: no thread enters the namespace, the plain methods read there too.
    explicit SysctlReader(std::shared_ptr<DescriptorBroker> broker);

    // "4096\t131072\t6291456\n" -> "4096 131072 6291456". Pure.
    static QString normalized(QByteArrayView text);

    std::expected<QString, QString> readText(const SysctlEntry &entry) const;
    bool exists(const SysctlEntry &entry) const;
    // faccessat(W_OK, AT_EACCESS): the kernel's net_ctl_permissions() decides, per namespace.
    bool mayWrite(const SysctlEntry &entry) const;
    // Global keys are registered for the initial namespace only (ipv4_table in
    // net/ipv4/sysctl_net_ipv4.c), so tcp_mem is visible exactly there.
    bool isInitialNamespace() const;
    // What the validator needs to know about this namespace for `entry`.
    SysctlValidator::Context validationContext(const SysctlCatalog &catalog, const SysctlEntry &entry) const;
    QList<SysctlReading> readHere(const QList<const SysctlEntry *> &entries) const;

    // Current values in `netnsPath` (empty: ours) and the kernel's defaults from a fresh namespace.
    std::expected<QList<SysctlReading>, QString> read(
        const QList<const SysctlEntry *> &entries, const QString &netnsPath) const;
    std::expected<SysctlValidator::Context, QString> validationContextIn(
        const SysctlCatalog &catalog, const SysctlEntry &entry, const QString &netnsPath) const;
    // Values a newly created namespace starts with, by key.
    std::expected<QHash<QString, QString>, QString> freshNamespaceValues(
        const QList<const SysctlEntry *> &entries) const;

private:
    SysctlFileOpener m_files;
};

} // namespace TcpLens
