// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "netlink/sockdiagclient.h"

#include <QString>

#include <expected>
#include <memory>

namespace TcpLens {

class SocketOwnerResolver;

// Takes snapshots of one network namespace: the dump, the listeners' queues, the owners. Used by the
// collector's thread for polling and directly by the command-line modes. Not thread-safe: one thread.
class SnapshotSource
{
public:
    struct Options
    {
        quint32 stateMask = AllStatesMask;
        bool withTcpInfo = true;
        bool withMemory = true;
        bool resolveOwners = true;
        // Split the dump in two halves read by two threads: the answer comes a third sooner for about
        // a quarter more CPU, since each half walks the whole established hash (docs/benchmarks.md,
        // (a) against (a2)). Right for a command that dumps once; a collector polling every second
        // wants the CPU back instead.
        bool parallel = true;
        // Each socket's SocketDetails (memory, the rest of tcp_info) in the snapshot: for an export,
        // a recording, an agent's stream. The window shows none of it and leaves it out, 120 bytes
        // a socket; without it the dump does not ask for the memory either.
        bool keepDetails = true;
    };

    // Opens the netlink socket in the calling thread's current namespace; `netnsName` is only the
    // label the snapshots carry. With a `maker` the sockets come from it (a namespace this process
    // cannot enter) and `netnsName` must be the namespace's path.
    static std::expected<std::unique_ptr<SnapshotSource>, QString> open(
        const QString &netnsName = {}, const NetlinkSocket::Maker &maker = {});
    ~SnapshotSource();

    std::expected<SocketSnapshot, QString> take(const Options &options);
    quint64 netnsInode() const { return m_netnsInode; }

private:
    SnapshotSource(SockDiagClient client, QString netnsName, quint64 netnsInode);
    void updateSplitPort(const std::vector<SocketRecord> &sockets);

    SockDiagClient m_client;
    std::unique_ptr<SocketOwnerResolver> m_owners;
    QString m_netnsName;
    quint64 m_netnsInode = 0;
    quint64 m_generation = 0;
    std::size_t m_lastCount = 0;
    quint16 m_splitPort = 32767; // median local port of the last dump: halves the next one evenly
    std::vector<quint32> m_portHistogram;
};

} // namespace TcpLens
