// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlfileopener.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <unistd.h>

namespace TcpLens {

SysctlFileOpener::SysctlFileOpener(QString procSysRoot, std::shared_ptr<DescriptorBroker> broker)
    : m_root(std::move(procSysRoot))
    , m_broker(std::move(broker))
{
}

std::expected<std::unique_ptr<QFile>, QString> SysctlFileOpener::open(
    const QString &relativePath, QIODevice::OpenMode mode) const
{
    auto file = std::make_unique<QFile>(pathOf(relativePath));
    if (!m_broker) {
        if (!file->open(mode))
            return std::unexpected(QCoreApplication::translate("SysctlFileOpener", "cannot open %1: %2")
                    .arg(file->fileName(), file->errorString()));
        return file;
    }
    auto descriptor = m_broker->sysctlFile(relativePath);
    if (!descriptor)
        return std::unexpected(descriptor.error());
    if ((mode & QIODevice::WriteOnly) && (::fcntl(descriptor->get(), F_GETFL) & O_ACCMODE) != O_RDWR)
        return std::unexpected(
            QCoreApplication::translate("SysctlFileOpener", "%1 is read-only in this namespace").arg(relativePath));
    if (!file->open(descriptor->get(), mode, QFileDevice::AutoCloseHandle))
        return std::unexpected(file->errorString());
    descriptor->release();
    return file;
}

bool SysctlFileOpener::exists(const QString &relativePath) const
{
    if (!m_broker)
        return QFile::exists(pathOf(relativePath));
    return m_broker->sysctlFile(relativePath).has_value();
}

bool SysctlFileOpener::mayWrite(const QString &relativePath) const
{
    if (!m_broker)
        return ::faccessat(AT_FDCWD, QFile::encodeName(pathOf(relativePath)).constData(), W_OK, AT_EACCESS) == 0;
    auto descriptor = m_broker->sysctlFile(relativePath);
    return descriptor && (::fcntl(descriptor->get(), F_GETFL) & O_ACCMODE) == O_RDWR;
}

} // namespace TcpLens
