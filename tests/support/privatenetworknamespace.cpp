// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "privatenetworknamespace.h"

#include "netlink/uniquefd.h"

#include <QFile>

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace TcpLens::Test {

using namespace Qt::StringLiterals;

namespace {

bool writeFile(const char *path, const QByteArray &content)
{
    QFile file(QString::fromLatin1(path));
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

QString &kernelProblem()
{
    static QString problem;
    return problem;
}

std::expected<void, QString> PrivateNetworkNamespace::enter()
{
    if (::unshare(CLONE_NEWNET) < 0) {
        const auto uid = ::getuid();
        const auto gid = ::getgid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
            return std::unexpected(
                u"cannot create a private network namespace (%1). Run the tests as root, "
                "or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)"_s.arg(
                    errnoText()));
        }
        writeFile("/proc/self/setgroups", "deny");
        writeFile("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1");
        writeFile("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1");
    }
    UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    if (!fd || ::ioctl(fd.get(), SIOCGIFFLAGS, &request) < 0)
        return std::unexpected(u"cannot read the flags of lo: %1"_s.arg(errnoText()));
    request.ifr_flags |= IFF_UP;
    if (::ioctl(fd.get(), SIOCSIFFLAGS, &request) < 0)
        return std::unexpected(u"cannot bring lo up: %1"_s.arg(errnoText()));
    return {};
}

} // namespace TcpLens::Test
