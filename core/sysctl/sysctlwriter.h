// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlchange.h"
#include "sysctlentry.h"
#include "sysctlfileopener.h"
#include "sysctlvalue.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// Writes validated values of per-namespace keys into one network namespace (a lab's, where this
// process has CAP_NET_ADMIN) and journals every change so that each can be reverted. Global keys are
// refused: a write there changes every namespace on the machine.
class SysctlWriter
{
    Q_DECLARE_TR_FUNCTIONS(SysctlWriter)
public:
    // `netnsPath` empty: the namespace this process runs in.
    explicit SysctlWriter(QString netnsPath = {}, QString procSysRoot = QStringLiteral("/proc/sys"));
    // Writes through `broker` into the namespace at `netnsPath` (a lab's), which no thread enters.
    SysctlWriter(QString netnsPath, std::shared_ptr<DescriptorBroker> broker);

    // Which keys a write may touch.
    enum class Reach : quint8 {
        NamespaceOnly, // per-namespace keys: what an unprivileged lab or a container may change
        HostToo, // global keys as well, on the host only: the privileged helper, after polkit said yes
    };

    std::expected<SysctlChange, QString> write(
        const SysctlEntry &entry, const SysctlValue &value, Reach reach = Reach::NamespaceOnly);
    // Writes the old value of journal entry `index` back and marks it reverted.
    std::expected<void, QString> revert(qsizetype index);
    // Reverts every change not yet reverted, newest first.
    std::expected<void, QString> revertAll();

    const QList<SysctlChange> &journal() const { return m_journal; }

private:
    std::expected<SysctlChange, QString> writeText(
        const QString &key, const QString &relativePath, const QString &text);

    QString m_netns;
    SysctlFileOpener m_files;
    QList<SysctlChange> m_journal;
};

} // namespace TcpLens
