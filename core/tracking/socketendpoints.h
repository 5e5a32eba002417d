// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"
#include "tracking/statechangeevent.h"

#include <QHashFunctions>

#include <array>

namespace TcpLens {

// A socket's 4-tuple as the socket itself sees it: "local" is its own address and port. On loopback
// both ends of a connection live in one namespace, with local and remote swapped, so the two ends
// never share endpoints.
struct SocketEndpoints
{
    quint8 family = 0;
    std::array<quint8, 16> local{};
    std::array<quint8, 16> remote{};
    quint16 localPort = 0;
    quint16 remotePort = 0;

    static SocketEndpoints of(const SocketRecord &socket)
    {
        return {socket.family, socket.localAddress, socket.remoteAddress, socket.localPort, socket.remotePort};
    }
    static SocketEndpoints of(const StateChangeEvent &change)
    {
        return {change.family, change.localAddress, change.remoteAddress, change.localPort, change.remotePort};
    }

    friend bool operator==(const SocketEndpoints &, const SocketEndpoints &) = default;
};

inline size_t qHash(const SocketEndpoints &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.family, qHashBits(key.local.data(), key.local.size()),
        qHashBits(key.remote.data(), key.remote.size()), key.localPort, key.remotePort);
}

} // namespace TcpLens
