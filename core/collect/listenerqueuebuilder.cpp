// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenerqueuebuilder.h"

#include <QHash>

#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace TcpLens {

namespace {

enum Match : int {
    NoMatch = 0,
    DualStackWildcard = 1,
    SameFamilyWildcard = 2,
    V4MappedExact = 3,
    Exact = 4,
};

Match matchQuality(const SocketRecord &listener, const SocketRecord &request)
{
    if (listener.family == request.family) {
        const std::size_t size = request.family == AF_INET ? 4 : 16;
        if (std::memcmp(listener.localAddress.data(), request.localAddress.data(), size) == 0)
            return Exact;
        return listener.localIsUnspecified() ? SameFamilyWildcard : NoMatch;
    }
    if (listener.family == AF_INET6 && request.family == AF_INET && !listener.hasFlag(IsV6Only)) {
        if (listener.localIsV4Mapped() &&
            std::memcmp(listener.localAddress.data() + 12, request.localAddress.data(), 4) == 0)
            return V4MappedExact;
        if (listener.localIsUnspecified())
            return DualStackWildcard;
    }
    return NoMatch;
}

} // namespace

QList<ListenerQueue> buildListenerQueues(const std::vector<SocketRecord> &sockets)
{
    QList<ListenerQueue> listeners;
    QHash<quint16, QList<qsizetype>> listenersByPort; // port -> indexes into `listeners`
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const auto &socket = sockets[i];
        if (socket.state != TcpState::Listen)
            continue;
        ListenerQueue queue;
        queue.cookie = socket.cookie;
        queue.socketIndex = int(i);
        queue.acceptQueueLength = socket.receiveQueue;
        queue.acceptQueueLimit = socket.sendQueue;
        listenersByPort[socket.localPort].append(listeners.size());
        listeners.append(queue);
    }
    if (listeners.isEmpty())
        return listeners;

    for (const auto &socket : sockets) {
        if (!socket.hasFlag(IsRequest))
            continue;
        const auto candidates = listenersByPort.constFind(socket.localPort);
        if (candidates == listenersByPort.cend())
            continue;
        qsizetype best = -1;
        Match bestQuality = NoMatch;
        for (const qsizetype index : *candidates) {
            const Match quality = matchQuality(sockets[std::size_t(listeners.at(index).socketIndex)], socket);
            if (quality > bestQuality) {
                bestQuality = quality;
                best = index;
            }
        }
        if (best >= 0)
            ++listeners[best].synQueueLength;
    }
    return listeners;
}

} // namespace TcpLens
