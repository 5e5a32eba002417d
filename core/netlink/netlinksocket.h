// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/uniquefd.h"

#include <QString>

#include <cstddef>
#include <expected>
#include <functional>
#include <span>

namespace TcpLens {

// A NETLINK_SOCK_DIAG socket. It sees the network namespace of the thread that opened it, for its
// whole life (netlink_create() takes the creating task's net), so open it where you want to look.
class NetlinkSocket
{
public:
    struct Error
    {
        int errorNumber = 0;
        QString message; // what failed, in words
    };

    // Makes the unbound socket. The default opens it here; a lab hands out sockets opened inside a
    // namespace this process may not enter (see DescriptorBroker).
    using Maker = std::function<std::expected<UniqueFd, Error>()>;

    // Opens the socket; `groups` is a bitmask of multicast groups to join (0: none).
    static std::expected<NetlinkSocket, Error> open(unsigned groups = 0, const Maker &maker = {});
    // socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG) in the calling thread's namespace.
    static std::expected<UniqueFd, Error> makeHere();

    NetlinkSocket(NetlinkSocket &&) noexcept = default;
    NetlinkSocket &operator=(NetlinkSocket &&) noexcept = default;

    int fd() const { return m_fd.get(); }
    std::expected<void, Error> send(std::span<const std::byte> message);
    // One datagram; retries on EINTR. Returns 0 bytes on EAGAIN for a non-blocking socket.
    std::expected<std::size_t, Error> receive(std::span<std::byte> buffer, bool dontWait = false);
    // Bigger buffers keep multicast (destroy events) from overflowing into ENOBUFS under churn.
    void setReceiveBufferSize(int bytes);
    // Drops whatever is queued (used after ENOBUFS, which leaves a dump or a stream in pieces).
    void drain();

private:
    explicit NetlinkSocket(UniqueFd fd)
        : m_fd(std::move(fd))
    {
    }
    UniqueFd m_fd;
};

} // namespace TcpLens
