// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/inetdiagrequest.h"
#include "netlink/netlinksocket.h"

#include <QByteArray>
#include <QString>

#include <expected>
#include <memory>
#include <optional>
#include <vector>

namespace TcpLens::Bench {

// The floor a snapshot is measured against: the same sock_diag dump, received into the same 32 KiB
// buffer, of which nothing is done but walking the nlmsghdr chain and counting the messages. Whatever
// a snapshot costs beyond it is decoding and bookkeeping in user space.
class FloorDumper
{
public:
    struct Count
    {
        quint64 messages = 0; // SOCK_DIAG_BY_FAMILY messages
        quint64 bytes = 0;
        quint64 datagrams = 0; // recv() calls that returned data
        quint32 interrupted = 0; // datagrams flagged NLM_F_DUMP_INTR (not redone: a floor only counts)
    };

    // Opens the netlink socket in the calling thread's namespace.
    static std::expected<FloorDumper, QString> open();

    // Both families, one after the other on this one socket, with exactly the request SockDiagClient
    // sends for a snapshot with tcp_info and memory (buildInetDiagDumpRequest(): INFO, CONG,
    // SKMEMINFO) and no port filter. `capture`, if given, receives a copy of every datagram, for
    // timing the decoder alone on real bytes.
    std::expected<Count, QString> dumpLikeSnapshot(std::vector<QByteArray> *capture = nullptr);
    // One family of that request, restricted to `localPorts` by the same in-kernel filter
    // (INET_DIAG_REQ_BYTECODE) that SockDiagClient's split dump uses; adds to `count`.
    std::expected<void, QString> dumpFamilyLikeSnapshot(
        quint8 family, std::optional<PortRange> localPorts, Count &count, std::vector<QByteArray> *capture = nullptr);
    // Both families with no extension: the cheapest dump of these sockets the kernel can give.
    std::expected<Count, QString> dumpBare() { return dumpWithExtensions(0); }
    // idiag_ext = `extensions` (bit INET_DIAG_X - 1 per extension), to see what each extension costs
    // the kernel; one family alone shows what the walk of the other family's dump costs.
    std::expected<Count, QString> dumpWithExtensions(quint8 extensions, bool ipv4 = true, bool ipv6 = true);

private:
    explicit FloorDumper(NetlinkSocket socket);
    std::expected<void, QString> dumpOne(const QByteArray &request, Count &count, std::vector<QByteArray> *capture);

    NetlinkSocket m_socket;
    std::unique_ptr<std::byte[]> m_buffer;
    quint32 m_sequence = 0;
};

// The floor of a split dump: SockDiagClient::dump()'s two halves by local port, [0, splitPort] and
// [splitPort + 1, 65535], each on a netlink socket of its own, run the way dump() runs them: per
// family, the upper half in a thread started for it while the calling thread dumps the lower half,
// then join. Only counted, so (b) over this is TCP Lens's user-space cost at the same parallelism.
class SplitFloorDumper
{
public:
    struct Counts
    {
        FloorDumper::Count lower; // local ports 0..splitPort
        FloorDumper::Count upper; // local ports splitPort + 1..65535
        quint64 messages() const { return lower.messages + upper.messages; }
    };

    // Opens both netlink sockets in the calling thread's namespace.
    static std::expected<SplitFloorDumper, QString> open();

    std::expected<Counts, QString> dump(quint16 splitPort);

private:
    SplitFloorDumper(FloorDumper lower, FloorDumper upper);

    FloorDumper m_lower;
    FloorDumper m_upper;
};

} // namespace TcpLens::Bench
