// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tracefsaccess.h"

#include <linux/magic.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
bool tracefsMounted()
{
    struct statfs info{};
    return ::statfs(TracefsAccess::Root, &info) == 0 && info.f_type == TRACEFS_MAGIC;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

std::expected<void, QString> TracefsAccess::ensureForThisThread()
{
    if (tracefsMounted())
        return {};
    if (::geteuid() != 0)
        return std::unexpected(u"exact mode needs tracefs: mount -t tracefs nodev /sys/kernel/tracing (as root)"_s);
    if (::unshare(CLONE_FS | CLONE_NEWNS) < 0)
        return std::unexpected(
            u"exact mode needs tracefs, and a private mount namespace failed: %1"_s.arg(errnoText()));
    // Keep the mount from propagating out. In a chroot "/" is no mount point (EINVAL); /sys is one.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0 &&
        ::mount(nullptr, "/sys", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0)
        return std::unexpected(
            u"exact mode needs tracefs, and the mounts cannot be made private: %1"_s.arg(errnoText()));
    if (::mount("nodev", Root, "tracefs", 0, nullptr) < 0)
        return std::unexpected(u"exact mode needs tracefs, and mounting it at %1 failed: %2"_s.arg(
            QString::fromLatin1(Root), errnoText()));
    return {};
}

} // namespace TcpLens
