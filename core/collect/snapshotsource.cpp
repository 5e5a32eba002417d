// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "snapshotsource.h"

#include "collect/listenerqueuebuilder.h"
#include "collect/networknamespace.h"
#include "model/monotonicclock.h"
#include "proc/socketownerresolver.h"

#include <QElapsedTimer>

namespace TcpLens {

std::expected<std::unique_ptr<SnapshotSource>, QString> SnapshotSource::open(
    const QString &netnsName, const NetlinkSocket::Maker &maker)
{
    auto client = SockDiagClient::open(maker);
    if (!client)
        return std::unexpected(client.error());
    quint64 inode = NetworkNamespace::currentInode();
    if (maker) {
        auto named = NetworkNamespace::inodeOf(netnsName);
        if (!named)
            return std::unexpected(named.error());
        inode = *named;
    }
    return std::unique_ptr<SnapshotSource>(new SnapshotSource(std::move(*client), netnsName, inode));
}

SnapshotSource::SnapshotSource(SockDiagClient client, QString netnsName, quint64 netnsInode)
    : m_client(std::move(client))
    , m_owners(std::make_unique<SocketOwnerResolver>())
    , m_netnsName(std::move(netnsName))
    , m_netnsInode(netnsInode)
{
}

SnapshotSource::~SnapshotSource() = default;

void SnapshotSource::updateSplitPort(const std::vector<SocketRecord> &sockets)
{
    if (sockets.size() < 1024)
        return; // too few to matter: the split costs more than it saves
    m_portHistogram.assign(65536, 0);
    for (const auto &socket : sockets)
        ++m_portHistogram[socket.localPort];
    std::size_t seen = 0;
    for (std::size_t port = 0; port < m_portHistogram.size(); ++port) {
        seen += m_portHistogram[port];
        if (seen * 2 >= sockets.size()) {
            m_splitPort = quint16(std::min<std::size_t>(port, 65534));
            return;
        }
    }
}

std::expected<SocketSnapshot, QString> SnapshotSource::take(const Options &options)
{
    SockDiagClient::Options dumpOptions;
    dumpOptions.stateMask = options.stateMask;
    dumpOptions.withTcpInfo = options.withTcpInfo;
    dumpOptions.withMemory = options.withMemory && options.keepDetails;
    dumpOptions.keepDetails = options.keepDetails;
    dumpOptions.splitPort = m_splitPort;
    // Splitting pays the hash walk twice to fill in parallel; a listener-only dump fills almost
    // nothing, so it would only pay (docs/benchmarks.md, variant l).
    dumpOptions.parallel = options.parallel && (options.stateMask & ~ListenerStatesMask) != 0;
    // The first walk of /proc needs no dump: it runs in threads of its own while the dump runs.
    if (options.resolveOwners)
        m_owners->startFirstRead();
    const qint64 startedNs = MonotonicClock::nowNs();
    auto dump = m_client.dump(dumpOptions, m_lastCount + m_lastCount / 16);
    if (!dump)
        return std::unexpected(dump.error());
    m_lastCount = dump->sockets.size();
    if (dumpOptions.parallel && m_client.canSplit())
        updateSplitPort(dump->sockets);

    SocketSnapshot::Data data;
    data.generation = ++m_generation;
    data.takenAt = QDateTime::currentDateTimeUtc();
    data.monotonicNs = startedNs;
    data.netnsInode = m_netnsInode;
    data.netnsName = m_netnsName;
    data.stateMask = options.stateMask;
    data.statistics = dump->statistics;
    data.congestionNames = std::move(dump->congestionNames);
    data.listeners = buildListenerQueues(dump->sockets);
    if (options.resolveOwners) {
        QElapsedTimer timer;
        timer.start();
        data.owners = m_owners->resolve(dump->sockets);
        data.ownersNotFoundYet = m_owners->notFoundYet();
        for (const SocketRecord &socket : dump->sockets) {
            if (!data.userNames.contains(socket.uid))
                data.userNames.insert(socket.uid, m_owners->userName(socket.uid));
        }
        data.ownersResolved = true;
        data.statistics.ownerLookupNs = timer.nsecsElapsed();
    }
    data.sockets = std::move(dump->sockets);
    data.details = std::move(dump->details);
    return SocketSnapshot(std::move(data));
}

} // namespace TcpLens
