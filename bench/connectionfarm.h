// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/uniquefd.h"

#include <QString>

#include <sys/types.h>

#include <expected>
#include <memory>
#include <vector>

namespace TcpLens::Bench {

// Fills the current network namespace with TCP sockets over 127.0.0.0/8.
//
// Established connections need two descriptors each (the client and the accepted server socket) and
// one process may hold only RLIMIT_NOFILE of them, so worker processes hold them: each its own
// listener on 127.0.0.1:(FirstListenerPort + worker) and up to `pairsPerWorker` connections. Clients
// bind 127.0.0.2, 127.0.0.3, ... (ConnectionsPerSourceAddress each) with IP_BIND_ADDRESS_NO_PORT, so
// the kernel picks a port per 4-tuple and no single address runs out of ephemeral ports.
//
// TIME_WAIT sockets hold no descriptor, so this process makes them itself, from 127.1.0.1, ...
class ConnectionFarm
{
public:
    static constexpr quint16 FirstListenerPort = 20000;
    static constexpr quint16 TimeWaitListenerPort = 19999;
    static constexpr int ConnectionsPerSourceAddress = 5000;

    // Forks ceil(connections / pairsPerWorker) workers and returns once every one holds its share.
    // Call it before this process starts threads: the workers are forked copies.
    static std::expected<std::unique_ptr<ConnectionFarm>, QString> start(int connections, int pairsPerWorker);

    // Connects, accepts and closes `count` connections, the client closing first, so that `count`
    // client sockets end in TIME_WAIT (60 s, TCP_TIMEWAIT_LEN) and the servers' ends vanish.
    static std::expected<void, QString> makeTimeWait(int count);

    ~ConnectionFarm();
    ConnectionFarm(const ConnectionFarm &) = delete;
    ConnectionFarm &operator=(const ConnectionFarm &) = delete;

    const std::vector<pid_t> &workers() const { return m_workers; }
    // Tells the workers to exit (their connections close with them) and reaps them.
    void stop();

private:
    ConnectionFarm() = default;

    std::vector<pid_t> m_workers;
    UniqueFd m_control; // the workers block reading its other end and exit at end of file
};

} // namespace TcpLens::Bench
