// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/dumpstatistics.h"
#include "model/socketrecord.h"
#include "netlink/inetdiagdecoder.h"
#include "netlink/netlinksocket.h"

#include <QString>

#include <expected>
#include <memory>
#include <vector>

namespace TcpLens {

// Dumps the TCP sockets of the network namespace its netlink socket was opened in.
class SockDiagClient
{
public:
    struct Options
    {
        quint32 stateMask = 0xfff;
        bool withTcpInfo = true;
        bool withMemory = true;
        bool ipv4 = true;
        bool ipv6 = true;
    };
    struct Result
    {
        std::vector<SocketRecord> sockets;
        QList<QByteArray> congestionNames;
        DumpStatistics statistics;
    };

    // Opens the netlink socket in the calling thread's network namespace.
    static std::expected<SockDiagClient, QString> open();

    SockDiagClient(SockDiagClient &&) noexcept;
    SockDiagClient &operator=(SockDiagClient &&) noexcept;
    ~SockDiagClient();

    // One consistent dump. A dump the kernel flags NLM_F_DUMP_INTR (a hash table changed under it)
    // is redone, up to a few times; `sizeHint` sizes the result to avoid regrowing it.
    std::expected<Result, QString> dump(const Options &options, std::size_t sizeHint = 0);

private:
    explicit SockDiagClient(NetlinkSocket socket);
    std::expected<void, QString> dumpFamily(
        quint8 family, const Options &options, CongestionNameTable &congestion, Result &result);

    NetlinkSocket m_socket;
    std::unique_ptr<std::byte[]> m_buffer;
    quint32 m_sequence = 0;
};

} // namespace TcpLens
