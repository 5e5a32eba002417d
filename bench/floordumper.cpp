// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "floordumper.h"

#include "netlink/inetdiagrequest.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <thread>

namespace TcpLens::Bench {

using namespace Qt::StringLiterals;

namespace {
// As SockDiagClient: netlink_recvmsg() puts at most 32 KiB of a dump in one datagram.
constexpr std::size_t ReceiveBufferSize = 32768;
constexpr quint32 AllStates = 0xfff;

// The snapshot's own request with other extension bits: the k-variants measure what each costs.
QByteArray requestWithExtensions(quint8 family, quint8 extensions, quint32 sequence)
{
    QByteArray bytes = buildInetDiagDumpRequest({family, AllStates, false, false, std::nullopt}, sequence);
    bytes[qsizetype(sizeof(nlmsghdr) + offsetof(inet_diag_req_v2, idiag_ext))] = char(extensions);
    return bytes;
}
} // namespace

std::expected<FloorDumper, QString> FloorDumper::open()
{
    auto socket = NetlinkSocket::open();
    if (!socket)
        return std::unexpected(socket.error().message);
    return FloorDumper(std::move(*socket));
}

FloorDumper::FloorDumper(NetlinkSocket socket)
    : m_socket(std::move(socket))
    , m_buffer(new std::byte[ReceiveBufferSize])
{
}

std::expected<FloorDumper::Count, QString> FloorDumper::dumpLikeSnapshot(std::vector<QByteArray> *capture)
{
    Count count;
    for (const quint8 family : {quint8(AF_INET), quint8(AF_INET6)}) {
        if (auto done = dumpFamilyLikeSnapshot(family, std::nullopt, count, capture); !done)
            return std::unexpected(done.error());
    }
    return count;
}

std::expected<void, QString> FloorDumper::dumpFamilyLikeSnapshot(
    quint8 family, std::optional<PortRange> localPorts, Count &count, std::vector<QByteArray> *capture)
{
    const InetDiagQuery query{family, AllStates, true, true, localPorts};
    return dumpOne(buildInetDiagDumpRequest(query, ++m_sequence), count, capture);
}

std::expected<FloorDumper::Count, QString> FloorDumper::dumpWithExtensions(quint8 extensions, bool ipv4, bool ipv6)
{
    Count count;
    for (const quint8 family : {quint8(AF_INET), quint8(AF_INET6)}) {
        if ((family == AF_INET && !ipv4) || (family == AF_INET6 && !ipv6))
            continue;
        if (auto done = dumpOne(requestWithExtensions(family, extensions, ++m_sequence), count, nullptr); !done)
            return std::unexpected(done.error());
    }
    return count;
}

std::expected<void, QString> FloorDumper::dumpOne(
    const QByteArray &request, Count &count, std::vector<QByteArray> *capture)
{
    if (auto sent = m_socket.send(std::as_bytes(std::span(request.constData(), std::size_t(request.size())))); !sent)
        return std::unexpected(sent.error().message);
    for (;;) {
        auto received = m_socket.receive(std::span(m_buffer.get(), ReceiveBufferSize));
        if (!received)
            return std::unexpected(received.error().message);
        const std::size_t length = *received;
        count.bytes += length;
        ++count.datagrams;
        if (capture)
            capture->emplace_back(reinterpret_cast<const char *>(m_buffer.get()), qsizetype(length));
        // The buffer comes from new[] and every message starts NLMSG_ALIGNTO-aligned in it, so the
        // headers can be read in place: this loop is the least any reader of a dump does.
        std::size_t offset = 0;
        while (offset + sizeof(nlmsghdr) <= length) {
            const auto *header = reinterpret_cast<const nlmsghdr *>(m_buffer.get() + offset);
            if (header->nlmsg_len < sizeof(nlmsghdr) || header->nlmsg_len > length - offset)
                return std::unexpected(u"malformed netlink message at byte %1"_s.arg(offset));
            if (header->nlmsg_flags & NLM_F_DUMP_INTR)
                ++count.interrupted;
            if (header->nlmsg_type == NLMSG_DONE)
                return {};
            if (header->nlmsg_type == NLMSG_ERROR)
                return std::unexpected(u"the kernel refused the dump"_s);
            if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY)
                ++count.messages;
            offset += NLMSG_ALIGN(header->nlmsg_len);
        }
    }
}

std::expected<SplitFloorDumper, QString> SplitFloorDumper::open()
{
    auto lower = FloorDumper::open();
    if (!lower)
        return std::unexpected(lower.error());
    auto upper = FloorDumper::open();
    if (!upper)
        return std::unexpected(upper.error());
    return SplitFloorDumper(std::move(*lower), std::move(*upper));
}

SplitFloorDumper::SplitFloorDumper(FloorDumper lower, FloorDumper upper)
    : m_lower(std::move(lower))
    , m_upper(std::move(upper))
{
}

std::expected<SplitFloorDumper::Counts, QString> SplitFloorDumper::dump(quint16 splitPort)
{
    Counts counts;
    const PortRange lowerPorts{0, splitPort};
    const PortRange upperPorts{quint16(splitPort + 1), 65535};
    for (const quint8 family : {quint8(AF_INET), quint8(AF_INET6)}) {
        // A thread per family, as SockDiagClient::dump() starts one: its start and join are part of
        // what the split costs, so the floor pays them too.
        std::expected<void, QString> upperDone;
        std::thread helper([&] { upperDone = m_upper.dumpFamilyLikeSnapshot(family, upperPorts, counts.upper); });
        const auto lowerDone = m_lower.dumpFamilyLikeSnapshot(family, lowerPorts, counts.lower);
        helper.join();
        if (!lowerDone)
            return std::unexpected(lowerDone.error());
        if (!upperDone)
            return std::unexpected(upperDone.error());
    }
    return counts;
}

} // namespace TcpLens::Bench
