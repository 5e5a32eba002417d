// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labnamespace.h"

#include "netlink/uniquefd.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Plain write(2): QFile would be fine too, but this runs before QCoreApplication exists.
std::expected<void, QString> writeFile(const char *path, const QByteArray &content)
{
    const UniqueFd fd(::open(path, O_WRONLY | O_CLOEXEC));
    if (!fd || ::write(fd.get(), content.constData(), size_t(content.size())) != content.size())
        return std::unexpected(u"cannot write %1 to %2: %3"_s.arg(
            QString::fromLatin1(content), QString::fromLatin1(path), errnoText(errno)));
    return {};
}

} // namespace

std::expected<LabNamespace::Info, QString> LabNamespace::create()
{
    Info info;
    // A root without CAP_SYS_ADMIN in its user namespace (a container) takes the unprivileged way.
    if (::geteuid() != 0 || ::unshare(CLONE_NEWNET) < 0) {
        const uid_t uid = ::geteuid();
        const gid_t gid = ::getegid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
            const int error = errno;
            QString advice = u"run it as root, or allow unprivileged user namespaces "
                             "(sysctl kernel.unprivileged_userns_clone=1 on Debian, "
                             "kernel.apparmor_restrict_unprivileged_userns=0 on Ubuntu, "
                             "user.max_user_namespaces > 0)"_s;
            if (error == EINVAL)
                advice = u"the process already has threads: the namespace must be made first"_s;
            return std::unexpected(
                u"cannot make the lab's network namespace (unshare: %1): %2"_s.arg(errnoText(error), advice));
        }
        info.userNamespace = true;
        if (auto written = writeFile("/proc/self/setgroups", "deny"); !written)
            return std::unexpected(written.error());
        if (auto written = writeFile("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1"); !written)
            return std::unexpected(written.error());
        if (auto written = writeFile("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1"); !written)
            return std::unexpected(written.error());
    }
    const UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    if (!fd || ::ioctl(fd.get(), SIOCGIFFLAGS, &request) < 0)
        return std::unexpected(u"cannot read the flags of lo in the lab: %1"_s.arg(errnoText(errno)));
    request.ifr_flags |= IFF_UP;
    if (::ioctl(fd.get(), SIOCSIFFLAGS, &request) < 0)
        return std::unexpected(u"cannot bring lo up in the lab: %1"_s.arg(errnoText(errno)));
    struct stat status{};
    if (::stat("/proc/self/ns/net", &status) == 0)
        info.netnsInode = status.st_ino;
    return info;
}

} // namespace TcpLens
