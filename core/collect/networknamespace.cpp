// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "networknamespace.h"

#include "netlink/uniquefd.h"

#include <QFile>

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

QString NetworkNamespace::resolvePath(const QString &nameOrPath)
{
    if (nameOrPath.isEmpty() || nameOrPath.contains(u'/'))
        return nameOrPath;
    return u"/run/netns/"_s + nameOrPath;
}

std::expected<quint64, QString> NetworkNamespace::inodeOf(const QString &path)
{
    struct stat status{};
    if (::stat(QFile::encodeName(path).constData(), &status) < 0)
        return std::unexpected(u"cannot find the network namespace %1: %2"_s.arg(path, errnoText()));
    return quint64(status.st_ino);
}

quint64 NetworkNamespace::currentInode()
{
    return inodeOf(u"/proc/thread-self/ns/net"_s).value_or(0);
}

std::expected<quint64, QString> NetworkNamespace::enter(const QString &path)
{
    const QString resolved = resolvePath(path);
    UniqueFd fd(::open(QFile::encodeName(resolved).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return std::unexpected(u"cannot open the network namespace %1: %2"_s.arg(resolved, errnoText()));
    if (::setns(fd.get(), CLONE_NEWNET) < 0) {
        const bool denied = errno == EPERM;
        return std::unexpected(u"cannot enter the network namespace %1: %2%3"_s.arg(resolved, errnoText(),
            denied ? u" (entering another namespace needs CAP_SYS_ADMIN over it: run as its owner or as root)"_s
                   : QString()));
    }
    return currentInode();
}

} // namespace TcpLens
