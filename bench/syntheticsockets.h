// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <random>
#include <vector>

namespace TcpLens::Bench {

// A busy server's sockets made in memory, no kernel involved, for measuring what the GUI does with
// more sockets than a test machine can hold (bench_gui --synthetic): a few listeners, established
// connections held by a handful of processes (6 nginx workers, 2 postgres), a fifth of them in
// TIME_WAIT without an owner. Addresses and ports vary, so that sorting by any column has work to do.
class SyntheticSockets
{
public:
    explicit SyntheticSockets(int count);

    // The sockets as they are now, as the next poll's snapshot (generation and time move on).
    SocketSnapshot snapshot();
    // Changes `fraction` of the sockets, as between two polls of a busy server: half of them move
    // along their close (ESTABLISHED -> FIN-WAIT-2 -> TIME-WAIT -> gone, replaced by a new
    // connection), the other half only change their tcp_info figures.
    void churn(double fraction);

private:
    SocketRecord makeConnection(int index);

    std::vector<SocketRecord> m_sockets;
    SocketOwners m_owners;
    QList<SocketOwner> m_processes;
    quint64 m_generation = 0;
    qint64 m_nowNs = 1'000'000'000'000;
    quint64 m_nextCookie = 1;
    quint32 m_nextInode = 100'000;
    std::mt19937 m_random{42};
};

} // namespace TcpLens::Bench
