// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "syntheticsockets.h"

#include "collect/listenerqueuebuilder.h"

#include <sys/socket.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace TcpLens::Bench {

namespace {

constexpr int ListenerCount = 8;
constexpr quint16 ServerPort = 443;

std::array<quint8, 16> ipv4(quint8 a, quint8 b, quint8 c, quint8 d)
{
    return {a, b, c, d};
}

} // namespace

SyntheticSockets::SyntheticSockets(int count)
{
    for (int worker = 0; worker < 6; ++worker)
        m_processes.append({qint32(1001 + worker), 33, u"nginx"_s, u"www-data"_s});
    for (int worker = 0; worker < 2; ++worker)
        m_processes.append({qint32(2001 + worker), 109, u"postgres"_s, u"postgres"_s});
    m_sockets.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        if (i < ListenerCount) {
            SocketRecord listener;
            listener.cookie = m_nextCookie++;
            listener.family = AF_INET;
            listener.state = TcpState::Listen;
            listener.localPort = quint16(ServerPort + i);
            listener.sendQueue = 4096;
            listener.inode = m_nextInode++;
            listener.uid = 33;
            m_owners.insert(listener.inode, m_processes.at(i % m_processes.size()));
            m_sockets.push_back(listener);
            continue;
        }
        SocketRecord socket = makeConnection(i);
        // A fifth of them closed by this side a while ago: TIME-WAIT, no process, no tcp_info.
        if (i % 5 == 0) {
            socket.state = TcpState::TimeWait;
            socket.flags = IsTimeWaitSocket;
            socket.inode = 0;
            socket.uid = 0;
            socket.info = {};
            socket.timer = TimerKind::TimeWait;
            socket.timerExpiresMs = quint32(i % 60'000);
        }
        m_sockets.push_back(socket);
    }
}

SocketRecord SyntheticSockets::makeConnection(int index)
{
    SocketRecord socket;
    socket.cookie = m_nextCookie++;
    socket.family = AF_INET;
    socket.state = TcpState::Established;
    socket.localAddress = ipv4(10, 0, 0, quint8(1 + index % 4));
    socket.localPort = quint16(ServerPort + index % ListenerCount);
    socket.remoteAddress = ipv4(10, quint8(1 + (index >> 16) % 200), quint8(index >> 8), quint8(index));
    socket.remotePort = quint16(1024 + (index * 7919) % 60'000);
    socket.receiveQueue = quint32(index % 97 == 0 ? index % 4096 : 0);
    socket.sendQueue = quint32(index % 53 == 0 ? index % 65'536 : 0);
    socket.inode = m_nextInode++;
    const SocketOwner &owner = m_processes.at(index % m_processes.size());
    socket.uid = owner.uid;
    m_owners.insert(socket.inode, owner);
    socket.flags = HasTcpInfo;
    socket.info.kernelLength = 232;
    socket.info.rttUs = quint32(50 + index % 5000);
    socket.info.congestionWindow = quint32(10 + index % 90);
    socket.info.totalRetransmits = quint32(index % 31 == 0 ? index % 7 : 0);
    socket.info.bytesAcked = quint64(index) * 1000 % 10'000'000;
    socket.info.bytesReceived = quint64(index) * 700 % 10'000'000;
    return socket;
}

SocketSnapshot SyntheticSockets::snapshot()
{
    SocketSnapshot::Data data;
    data.generation = ++m_generation;
    m_nowNs += 1'000'000'000;
    data.monotonicNs = m_nowNs;
    data.takenAt = QDateTime::currentDateTimeUtc();
    data.sockets = m_sockets;
    data.listeners = buildListenerQueues(data.sockets);
    data.owners = m_owners;
    for (const SocketOwner &process : std::as_const(m_processes))
        data.userNames.insert(process.uid, process.user);
    data.ownersResolved = true;
    return SocketSnapshot(std::move(data));
}

void SyntheticSockets::churn(double fraction)
{
    const int changes = std::max(1, int(double(m_sockets.size()) * fraction));
    for (int i = 0; i < changes; ++i) {
        const std::size_t at = ListenerCount + m_random() % (m_sockets.size() - ListenerCount);
        SocketRecord &socket = m_sockets[at];
        if (i % 2) {
            if (socket.hasFlag(HasTcpInfo)) {
                socket.info.rttUs += 10;
                socket.info.bytesAcked += 1448;
            }
            continue;
        }
        switch (socket.state) {
        case TcpState::Established:
            socket.state = TcpState::FinWait2;
            break;
        case TcpState::FinWait2:
            socket.state = TcpState::TimeWait;
            socket.flags = IsTimeWaitSocket;
            socket.inode = 0;
            socket.uid = 0;
            socket.info = {};
            break;
        default:
            socket = makeConnection(int(at));
            break;
        }
    }
}

} // namespace TcpLens::Bench
