// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/detailedsocketrecord.h"
#include "model/dumpstatistics.h"
#include "model/listenerqueue.h"
#include "model/sharedsocketrecord.h"
#include "model/socketowner.h"
#include "model/socketowners.h"
#include "model/socketrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace TcpLens {

// Everything one poll learned about one network namespace's TCP sockets. Immutable once built and
// cheap to copy (shared), so a collector thread can hand it to the GUI thread through a queued signal.
class SocketSnapshot
{
public:
    struct Data
    {
        quint64 generation = 0; // increases by one per snapshot of a collector
        QDateTime takenAt;
        qint64 monotonicNs = 0; // QDeadlineTimer-style steady clock, for intervals between snapshots
        quint64 netnsInode = 0; // identity of the namespace watched (stat() of its ns file)
        QString netnsName; // what the user chose: "", "/run/netns/lab", "/proc/1234/ns/net"
        quint32 stateMask = 0; // the states asked for
        std::vector<SocketRecord> sockets;
        // sockets[i]'s details at details[i], or empty: a snapshot taken without them
        // (SnapshotSource::Options::keepDetails).
        std::vector<SocketDetails> details;
        QList<ListenerQueue> listeners;
        QList<QByteArray> congestionNames{QByteArray()}; // SocketRecord::congestion indexes this
        SocketOwners owners;
        QSet<quint32> ownersNotFoundYet; // inodes the /proc walk missed, most likely in a race with it
        QHash<quint32, QString> userNames; // uid -> name, for every uid of `sockets`
        bool ownersResolved = false;
        DumpStatistics statistics;
    };

    SocketSnapshot();
    explicit SocketSnapshot(Data &&data);

    bool isNull() const;
    quint64 generation() const { return m_data->generation; }
    const QDateTime &takenAt() const { return m_data->takenAt; }
    qint64 monotonicNs() const { return m_data->monotonicNs; }
    quint64 netnsInode() const { return m_data->netnsInode; }
    const QString &netnsName() const { return m_data->netnsName; }
    quint32 stateMask() const { return m_data->stateMask; }
    const std::vector<SocketRecord> &sockets() const { return m_data->sockets; }
    // sockets()[index], sharing this snapshot's data rather than copied.
    SharedSocketRecord sharedRecord(std::size_t index) const
    {
        return SharedSocketRecord(std::shared_ptr<const SocketRecord>(m_data, &m_data->sockets[index]));
    }
    bool hasDetails() const { return m_data->details.size() == m_data->sockets.size(); }
    // sockets()[index] with its details (default ones in a snapshot without).
    DetailedSocketRecord detailedRecord(std::size_t index) const;
    const QList<ListenerQueue> &listeners() const { return m_data->listeners; }
    const DumpStatistics &statistics() const { return m_data->statistics; }
    bool ownersResolved() const { return m_data->ownersResolved; }
    // All of it, for code that stores or sends a snapshot whole (core/record/snapshotcodec.h).
    const Data &data() const { return *m_data; }

    QByteArray congestionName(const SocketRecord &socket) const;
    // The owner of a socket, or nothing with the reason in *absence.
    const SocketOwner *owner(const SocketRecord &socket, OwnerAbsence *absence = nullptr) const;
    // The name of a socket's uid (idiag_uid) as the owner lookup found it, or the number.
    QString userName(quint32 uid) const;
    // The listener whose queues a socket index belongs to, if it is a listener.
    std::optional<ListenerQueue> listenerFor(int socketIndex) const;
    // Bytes this snapshot holds on the heap, for the memory budget in bench/.
    qsizetype heapBytes() const;

private:
    std::shared_ptr<const Data> m_data;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::SocketSnapshot)
