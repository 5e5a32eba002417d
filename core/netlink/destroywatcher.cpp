// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "destroywatcher.h"

#include "netlink/netlinklogging.h"

#include <linux/sock_diag.h>

#include <cerrno>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
constexpr std::size_t BufferSize = 65536;
// Multicast group N is bit N - 1 of sockaddr_nl::nl_groups.
constexpr unsigned groupBit(unsigned group)
{
    return 1u << (group - 1);
}
} // namespace

std::expected<DestroyWatcher, QString> DestroyWatcher::open(const NetlinkSocket::Maker &maker)
{
    auto socket = NetlinkSocket::open(groupBit(SKNLGRP_INET_TCP_DESTROY) | groupBit(SKNLGRP_INET6_TCP_DESTROY), maker);
    if (!socket)
        return std::unexpected(socket.error().message);
    // A burst of closes (a load test ending) sends thousands of notices at once.
    socket->setReceiveBufferSize(8 * 1024 * 1024);
    return DestroyWatcher(std::move(*socket));
}

DestroyWatcher::DestroyWatcher(NetlinkSocket socket)
    : m_socket(std::move(socket))
    , m_buffer(new std::byte[BufferSize])
{
}

DestroyWatcher::DestroyWatcher(DestroyWatcher &&) noexcept = default;
DestroyWatcher &DestroyWatcher::operator=(DestroyWatcher &&) noexcept = default;
DestroyWatcher::~DestroyWatcher() = default;

std::expected<int, QString> DestroyWatcher::readAvailable(std::vector<SocketRecord> &destroyed)
{
    int overruns = 0;
    for (;;) {
        auto received = m_socket.receive(std::span(m_buffer.get(), BufferSize), true);
        if (!received) {
            if (received.error().errorNumber == ENOBUFS) {
                ++overruns;
                continue;
            }
            return std::unexpected(received.error().message);
        }
        if (*received == 0)
            return overruns;
        auto chunk = decodeDumpChunk(std::span(m_buffer.get(), *received), m_congestion, destroyed);
        if (!chunk)
            qCWarning(lcNetlink) << "malformed destroy notice skipped:" << chunk.error().message;
    }
}

} // namespace TcpLens
