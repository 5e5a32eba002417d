// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "benchenvironment.h"

#include "netlink/uniquefd.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

namespace TcpLens::Bench {

using namespace Qt::StringLiterals;

namespace {
QString errnoText(const QString &what)
{
    return what + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
}

std::string netSysctlPath(const char *name)
{
    return std::string("/proc/sys/net/") + name;
}
} // namespace

std::expected<void, QString> BenchEnvironment::enterPrivateNetwork()
{
    if (::unshare(CLONE_NEWNET) < 0)
        return std::unexpected(errnoText(u"unshare(CLONE_NEWNET) failed (the benchmark needs root)"_s));
    // A new namespace has `lo` down; up, it carries 127.0.0.0/8 and ::1 without further setup.
    UniqueFd control(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!control)
        return std::unexpected(errnoText(u"cannot open a socket to configure lo"_s));
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    if (::ioctl(control.get(), SIOCGIFFLAGS, &request) < 0)
        return std::unexpected(errnoText(u"SIOCGIFFLAGS on lo"_s));
    request.ifr_flags = short(request.ifr_flags | IFF_UP);
    if (::ioctl(control.get(), SIOCSIFFLAGS, &request) < 0)
        return std::unexpected(errnoText(u"SIOCSIFFLAGS on lo"_s));
    return {};
}

std::expected<long, QString> BenchEnvironment::raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) < 0)
        return std::unexpected(errnoText(u"getrlimit(RLIMIT_NOFILE)"_s));
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) < 0)
        return std::unexpected(errnoText(u"setrlimit(RLIMIT_NOFILE)"_s));
    return limit.rlim_cur == RLIM_INFINITY ? long(1) << 30 : long(limit.rlim_cur);
}

std::expected<long, QString> BenchEnvironment::readNetSysctl(const char *name)
{
    const std::string path = netSysctlPath(name);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return std::unexpected(errnoText(u"cannot open %1"_s.arg(QString::fromStdString(path))));
    std::array<char, 64> text{};
    const auto length = ::read(fd.get(), text.data(), text.size() - 1);
    if (length <= 0)
        return std::unexpected(errnoText(u"cannot read %1"_s.arg(QString::fromStdString(path))));
    long value = 0;
    // Multi-valued files (ip_local_port_range) give their first number.
    const auto [end, error] = std::from_chars(text.data(), text.data() + length, value);
    if (error != std::errc())
        return std::unexpected(u"%1 holds no number"_s.arg(QString::fromStdString(path)));
    return value;
}

std::expected<QString, QString> BenchEnvironment::readNetSysctlText(const char *name)
{
    const std::string path = netSysctlPath(name);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return std::unexpected(errnoText(u"cannot open %1"_s.arg(QString::fromStdString(path))));
    std::array<char, 256> text{};
    const auto length = ::read(fd.get(), text.data(), text.size() - 1);
    if (length < 0)
        return std::unexpected(errnoText(u"cannot read %1"_s.arg(QString::fromStdString(path))));
    return QString::fromLocal8Bit(text.data(), length).trimmed();
}

std::expected<void, QString> BenchEnvironment::writeNetSysctl(const char *name, long value)
{
    const std::string path = netSysctlPath(name);
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd)
        return std::unexpected(errnoText(u"cannot open %1 for writing"_s.arg(QString::fromStdString(path))));
    const std::string text = std::to_string(value) + '\n';
    if (::write(fd.get(), text.data(), text.size()) != ssize_t(text.size()))
        return std::unexpected(errnoText(u"cannot write %1"_s.arg(QString::fromStdString(path))));
    return {};
}

} // namespace TcpLens::Bench
