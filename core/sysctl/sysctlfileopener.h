// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/descriptorbroker.h"

#include <QFile>
#include <QString>

#include <expected>
#include <memory>

namespace TcpLens {

// Opens the files of one namespace's /proc/sys: by path, in the calling thread (/proc/sys shows the
// namespace of the task that looks a file up: net_ctl_header_lookup() uses current->nsproxy), or,
// for a namespace this process may not enter, through the DescriptorBroker of a process inside it.
class SysctlFileOpener
{
public:
    explicit SysctlFileOpener(
        QString procSysRoot = QStringLiteral("/proc/sys"), std::shared_ptr<DescriptorBroker> broker = {});

    // Through a broker: no thread needs to enter the namespace first.
    bool isBrokered() const { return m_broker != nullptr; }
    QString root() const { return m_root; }
    // `relativePath` like "net/ipv4/tcp_fin_timeout"; `mode` ReadOnly or WriteOnly (unbuffered: a
    // sysctl takes its value from one write() at offset 0).
    std::expected<std::unique_ptr<QFile>, QString> open(const QString &relativePath, QIODevice::OpenMode mode) const;
    bool exists(const QString &relativePath) const;
    // faccessat(W_OK, AT_EACCESS) by path, or the broker's file opened read-write: either way the
    // kernel's net_ctl_permissions() decided.
    bool mayWrite(const QString &relativePath) const;
    QString pathOf(const QString &relativePath) const { return m_root + u'/' + relativePath; }

private:
    QString m_root;
    std::shared_ptr<DescriptorBroker> m_broker;
};

} // namespace TcpLens
