// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/netlinksocket.h"

#include <QByteArray>
#include <QString>

#include <expected>
#include <memory>
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

    // Both families with exactly the request SockDiagClient sends for a snapshot with tcp_info and
    // memory (INFO, CONG, SKMEMINFO, TOS, TCLASS). `capture`, if given, receives a copy of every
    // datagram, for timing the decoder alone on real bytes.
    std::expected<Count, QString> dumpLikeSnapshot(std::vector<QByteArray> *capture = nullptr);
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

} // namespace TcpLens::Bench
