// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/dumpstatistics.h"
#include "model/socketrecord.h"
#include "netlink/inetdiagdecoder.h"
#include "netlink/inetdiagrequest.h"
#include "netlink/netlinksocket.h"

#include <QString>

#include <expected>
#include <memory>
#include <vector>

namespace TcpLens {

// Dumps the TCP sockets of the network namespace its netlink sockets were opened in.
//
// Almost all of a dump's time is the kernel's: walking the socket hash table and filling a message per
// socket (see docs/benchmarks.md). On a machine with more than one CPU the dump is split in two by
// local port, each half asked for on a netlink socket of its own from its own thread, so the kernel
// fills both halves at once. Each half is filtered in the kernel (INET_DIAG_REQ_BYTECODE), so no
// socket is sent twice; `splitPort` should cut the sockets in two equal halves (SnapshotSource takes
// the median local port of the previous dump).
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
        bool parallel = true; // split in two when the machine has more than one CPU
        quint16 splitPort = 32767; // the first half: local ports 0..splitPort; the second: the rest
        bool keepDetails = true; // each socket's SocketDetails in Result::details
    };
    struct Result
    {
        std::vector<SocketRecord> sockets;
        std::vector<SocketDetails> details; // one per socket with keepDetails, else empty
        QList<QByteArray> congestionNames;
        DumpStatistics statistics;
    };

    // Opens the netlink sockets in the calling thread's network namespace, or takes them from `maker`.
    static std::expected<SockDiagClient, QString> open(const NetlinkSocket::Maker &maker = {});

    SockDiagClient(SockDiagClient &&) noexcept;
    SockDiagClient &operator=(SockDiagClient &&) noexcept;
    ~SockDiagClient();

    // One dump. A part the kernel flags NLM_F_DUMP_INTR (a hash table changed under it) is redone,
    // up to a few times; `sizeHint` sizes the result to avoid regrowing it.
    std::expected<Result, QString> dump(const Options &options, std::size_t sizeHint = 0);
    bool canSplit() const { return m_channels.size() > 1; }

private:
    // One netlink socket with its receive buffer: one dump at a time runs on it.
    struct Channel
    {
        NetlinkSocket socket;
        std::unique_ptr<std::byte[]> buffer;
        quint32 sequence = 0;
    };
    // What one channel brought back for one query.
    struct Part
    {
        std::vector<SocketRecord> sockets;
        std::vector<SocketDetails> details;
        bool keepDetails = true;
        CongestionNameTable congestion;
        DumpStatistics statistics;
        QString error;
    };

    explicit SockDiagClient(std::vector<Channel> channels);
    static void dumpPart(Channel &channel, const InetDiagQuery &query, Part &part);

    std::vector<Channel> m_channels;
};

} // namespace TcpLens
