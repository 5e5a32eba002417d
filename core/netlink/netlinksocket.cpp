// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "netlinksocket.h"

#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
NetlinkSocket::Error errnoError(const char *what)
{
    const int saved = errno;
    return {saved, QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(std::strerror(saved))};
}
} // namespace

std::expected<UniqueFd, NetlinkSocket::Error> NetlinkSocket::makeHere()
{
    UniqueFd fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!fd)
        return std::unexpected(errnoError("cannot open a NETLINK_SOCK_DIAG socket"));
    return fd;
}

std::expected<NetlinkSocket, NetlinkSocket::Error> NetlinkSocket::open(unsigned groups, const Maker &maker)
{
    auto made = maker ? maker() : makeHere();
    if (!made)
        return std::unexpected(made.error());
    UniqueFd fd = std::move(*made);
    sockaddr_nl address{};
    address.nl_family = AF_NETLINK;
    address.nl_groups = groups;
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0)
        return std::unexpected(errnoError("cannot bind the sock_diag socket"));
    // Ask for NLMSG_DONE to carry extended errors and keep dumps strict about our request.
    const int one = 1;
    ::setsockopt(fd.get(), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
    return NetlinkSocket(std::move(fd));
}

std::expected<void, NetlinkSocket::Error> NetlinkSocket::send(std::span<const std::byte> message)
{
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    for (;;) {
        const auto sent = ::sendto(
            m_fd.get(), message.data(), message.size(), 0, reinterpret_cast<const sockaddr *>(&kernel), sizeof kernel);
        if (sent >= 0)
            return {};
        if (errno != EINTR)
            return std::unexpected(errnoError("cannot send the sock_diag request"));
    }
}

std::expected<std::size_t, NetlinkSocket::Error> NetlinkSocket::receive(std::span<std::byte> buffer, bool dontWait)
{
    for (;;) {
        const auto received = ::recv(m_fd.get(), buffer.data(), buffer.size(), dontWait ? MSG_DONTWAIT : 0);
        if (received >= 0)
            return std::size_t(received);
        if (errno == EINTR)
            continue;
        if (dontWait && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return std::unexpected(errnoError("cannot receive from the sock_diag socket"));
    }
}

void NetlinkSocket::setReceiveBufferSize(int bytes)
{
    // SO_RCVBUFFORCE passes net.core.rmem_max when we may (root); otherwise the capped request.
    if (::setsockopt(m_fd.get(), SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) < 0)
        ::setsockopt(m_fd.get(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}

void NetlinkSocket::drain()
{
    std::array<std::byte, 8192> scratch;
    while (::recv(m_fd.get(), scratch.data(), scratch.size(), MSG_DONTWAIT) > 0) { }
}

} // namespace TcpLens
