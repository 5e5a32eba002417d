// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "socketsnapshot.h"

namespace TcpLens {

namespace {
const SocketSnapshot::Data &emptyData()
{
    static const SocketSnapshot::Data empty;
    return empty;
}
} // namespace

SocketSnapshot::SocketSnapshot()
    : m_data(std::shared_ptr<const Data>(), &emptyData())
{
    // Aliasing an empty owner: a default snapshot is "null" yet every accessor stays valid.
}

SocketSnapshot::SocketSnapshot(Data &&data)
    : m_data(std::make_shared<const Data>(std::move(data)))
{
}

bool SocketSnapshot::isNull() const
{
    return m_data.get() == &emptyData();
}

QByteArray SocketSnapshot::congestionName(const SocketRecord &socket) const
{
    return socket.congestion < m_data->congestionNames.size() ? m_data->congestionNames.at(socket.congestion)
                                                              : QByteArray();
}

const SocketOwner *SocketSnapshot::owner(const SocketRecord &socket, OwnerAbsence *absence) const
{
    auto reason = OwnerAbsence::HasOwner;
    const SocketOwner *found = nullptr;
    if (socket.inode == 0) {
        if (socket.hasFlag(IsTimeWaitSocket))
            reason = OwnerAbsence::NoInodeTimeWait;
        else if (socket.hasFlag(IsRequest))
            reason = OwnerAbsence::NoInodeRequest;
        else if (socket.state == TcpState::Established || socket.state == TcpState::SynRecv ||
            socket.state == TcpState::CloseWait)
            reason = OwnerAbsence::NoInodeNotAccepted;
        else
            reason = OwnerAbsence::NoInodeOrphan;
    } else if (!m_data->ownersResolved) {
        reason = OwnerAbsence::NotResolved;
    } else if (const SocketOwner *owner = m_data->owners.find(socket.inode)) {
        found = owner;
    } else if (m_data->ownersNotFoundYet.contains(socket.inode)) {
        reason = OwnerAbsence::NotFoundYet;
    } else {
        reason = OwnerAbsence::NotPermitted;
    }
    if (absence)
        *absence = reason;
    return found;
}

QString SocketSnapshot::userName(quint32 uid) const
{
    return m_data->userNames.value(uid, QString::number(uid));
}

std::optional<ListenerQueue> SocketSnapshot::listenerFor(int socketIndex) const
{
    for (const auto &listener : m_data->listeners) {
        if (listener.socketIndex == socketIndex)
            return listener;
    }
    return std::nullopt;
}

DetailedSocketRecord SocketSnapshot::detailedRecord(std::size_t index) const
{
    DetailedSocketRecord socket;
    static_cast<SocketRecord &>(socket) = m_data->sockets[index];
    if (index < m_data->details.size())
        socket.details = m_data->details[index];
    return socket;
}

qsizetype SocketSnapshot::heapBytes() const
{
    qsizetype bytes = sizeof(Data);
    bytes += qsizetype(m_data->sockets.capacity() * sizeof(SocketRecord));
    bytes += qsizetype(m_data->details.capacity() * sizeof(SocketDetails));
    bytes += m_data->listeners.capacity() * qsizetype(sizeof(ListenerQueue));
    // A QHash node holds key and value, and a byte of its span's index; the inode table may be
    // shared with the owner lookup, but this snapshot keeps it alive.
    bytes += m_data->owners.pidByInode.capacity() * qsizetype(sizeof(quint32) + sizeof(qint32) + 1);
    bytes += m_data->owners.byPid.capacity() * qsizetype(sizeof(qint32) + sizeof(SocketOwner) + 1);
    return bytes;
}

} // namespace TcpLens
