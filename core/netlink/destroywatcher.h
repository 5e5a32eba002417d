// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"
#include "netlink/inetdiagdecoder.h"
#include "netlink/netlinksocket.h"

#include <QString>

#include <expected>
#include <memory>
#include <vector>

namespace TcpLens {

// Receives the kernel's notice of every full TCP socket destroyed in the namespace the watcher was
// opened in, with its final tcp_info: sock_diag_broadcast_destroy() sends one to the
// SKNLGRP_INET_TCP_DESTROY / SKNLGRP_INET6_TCP_DESTROY groups, which any user may join (this is
// what `ss -E` reads). It catches connections that open and close between two polls. Timewait and
// request sockets send no notice.
class DestroyWatcher
{
public:
    static std::expected<DestroyWatcher, QString> open(const NetlinkSocket::Maker &maker = {});

    DestroyWatcher(DestroyWatcher &&) noexcept;
    DestroyWatcher &operator=(DestroyWatcher &&) noexcept;
    ~DestroyWatcher();

    // For a QSocketNotifier or poll().
    int fd() const { return m_socket.fd(); }
    // Appends every notice queued now, without blocking. Returns how many notices were lost to a full
    // socket buffer since the last call (ENOBUFS): the caller's next poll fills that gap.
    std::expected<int, QString> readAvailable(std::vector<SocketRecord> &destroyed);
    const QList<QByteArray> &congestionNames() const { return m_congestion.names(); }

private:
    explicit DestroyWatcher(NetlinkSocket socket);

    NetlinkSocket m_socket;
    CongestionNameTable m_congestion;
    std::unique_ptr<std::byte[]> m_buffer;
};

} // namespace TcpLens
