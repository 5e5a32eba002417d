// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketowner.h"

#include <QHash>

namespace TcpLens {

// Which process holds each socket: the socket's inode leads to a pid, the pid to the process. Not a
// SocketOwner per socket: a server's 100,000 sockets have one owner, and a hash of 64-byte nodes
// cost a snapshot 73 bytes a socket and its JSON a cache miss per socket. The inode table is the
// owner lookup's own, shared (Qt's implicit sharing) instead of built again for every snapshot.
struct SocketOwners
{
    QHash<quint32, qint32> pidByInode; // may also hold sockets of other namespaces, which no one asks for
    QHash<qint32, SocketOwner> byPid;

    // `owner` holds the socket `inode`: for snapshots made by hand (tests, benchmarks).
    void insert(quint32 inode, const SocketOwner &owner)
    {
        pidByInode.insert(inode, owner.pid);
        byPid.insert(owner.pid, owner);
    }

    const SocketOwner *find(quint32 inode) const
    {
        const auto pid = pidByInode.constFind(inode);
        if (pid == pidByInode.cend())
            return nullptr;
        const auto owner = byPid.constFind(*pid);
        return owner == byPid.cend() ? nullptr : &owner.value();
    }
};

} // namespace TcpLens
