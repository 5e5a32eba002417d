// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "inetdiagdecoder.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <sys/socket.h>

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// Reads a trivially copyable T at `offset`; the caller has checked the bounds.
template<typename T>
T readAt(std::span<const std::byte> bytes, std::size_t offset)
{
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

constexpr std::size_t alignNetlink(std::size_t length)
{
    return (length + NLMSG_ALIGNTO - 1) & ~std::size_t(NLMSG_ALIGNTO - 1);
}

constexpr std::size_t alignAttribute(std::size_t length)
{
    return (length + RTA_ALIGNTO - 1) & ~std::size_t(RTA_ALIGNTO - 1);
}

DecodeFailure failure(qsizetype offset, QString message)
{
    return {offset, std::move(message)};
}

// tcp_get_info() fills the whole struct the running kernel knows and inet_diag copies it as an
// attribute of that length: older kernels send less, newer ones more. Copying min(length, ours) into a
// zeroed struct reads neither past the attribute nor past our struct; a field beyond kernelLength is
// absent rather than zero.
void decodeTcpInfo(std::span<const std::byte> attribute, TcpInfo &info, TcpInfoDetails &details)
{
    tcp_info raw{};
    const std::size_t length = std::min(attribute.size(), sizeof raw);
    std::memcpy(&raw, attribute.data(), length);
    info.kernelLength = quint16(std::min<std::size_t>(attribute.size(), 0xffff));
    details.caState = raw.tcpi_ca_state;
    info.retransmits = raw.tcpi_retransmits;
    info.probes = raw.tcpi_probes;
    details.backoff = raw.tcpi_backoff;
    details.options = raw.tcpi_options;
    details.windowScales = quint8((raw.tcpi_snd_wscale & 0x0f) | (raw.tcpi_rcv_wscale << 4));
    details.rtoUs = raw.tcpi_rto;
    info.rttUs = raw.tcpi_rtt;
    details.rttVarUs = raw.tcpi_rttvar;
    details.minRttUs = raw.tcpi_min_rtt;
    details.sendMss = raw.tcpi_snd_mss;
    info.congestionWindow = raw.tcpi_snd_cwnd;
    details.slowStartThreshold = raw.tcpi_snd_ssthresh;
    info.unacked = raw.tcpi_unacked;
    details.sacked = raw.tcpi_sacked;
    details.lost = raw.tcpi_lost;
    info.totalRetransmits = raw.tcpi_total_retrans;
    details.notSentBytes = raw.tcpi_notsent_bytes;
    info.lastDataSentMs = raw.tcpi_last_data_sent;
    details.lastDataReceivedMs = raw.tcpi_last_data_recv;
    info.lastAckReceivedMs = raw.tcpi_last_ack_recv;
    info.sendWindow = raw.tcpi_snd_wnd;
    details.receiveWindow = raw.tcpi_rcv_wnd;
    details.pacingRate = raw.tcpi_pacing_rate;
    details.deliveryRate = raw.tcpi_delivery_rate;
    details.bytesSent = raw.tcpi_bytes_sent;
    info.bytesAcked = raw.tcpi_bytes_acked;
    info.bytesReceived = raw.tcpi_bytes_received;
    details.bytesRetransmitted = raw.tcpi_bytes_retrans;
    details.busyTimeUs = raw.tcpi_busy_time;
    details.receiveWindowLimitedUs = raw.tcpi_rwnd_limited;
    details.sendBufferLimitedUs = raw.tcpi_sndbuf_limited;
}

void decodeMemory(std::span<const std::byte> attribute, SocketMemory &memory)
{
    // An array of u32 indexed by SK_MEMINFO_*; the kernel has only ever appended to it.
    const auto slot = [&](int index) -> quint32 {
        const std::size_t offset = std::size_t(index) * sizeof(quint32);
        return attribute.size() >= offset + sizeof(quint32) ? readAt<quint32>(attribute, offset) : 0;
    };
    memory.receiveAllocated = slot(SK_MEMINFO_RMEM_ALLOC);
    memory.receiveBuffer = slot(SK_MEMINFO_RCVBUF);
    memory.sendQueued = slot(SK_MEMINFO_WMEM_QUEUED);
    memory.sendBuffer = slot(SK_MEMINFO_SNDBUF);
}

} // namespace

quint8 CongestionNameTable::indexOf(std::span<const std::byte> name)
{
    // The attribute is a NUL-terminated string (tcp_diag_get_aux() puts ca_ops->name).
    const auto end = std::find(name.begin(), name.end(), std::byte{0});
    const QByteArrayView view(reinterpret_cast<const char *>(name.data()), end - name.begin());
    for (qsizetype i = 1; i < m_names.size(); ++i) {
        if (m_names.at(i) == view)
            return quint8(i);
    }
    if (m_names.size() >= 255) // a hostile dump could invent names; the last slot takes the rest
        return 255;
    m_names.append(view.toByteArray());
    return quint8(m_names.size() - 1);
}

std::expected<DetailedSocketRecord, DecodeFailure> decodeInetDiagMessage(
    std::span<const std::byte> payload, CongestionNameTable &congestion)
{
    if (payload.size() < sizeof(inet_diag_msg))
        return std::unexpected(failure(
            0, u"inet_diag_msg is %1 bytes, expected at least %2"_s.arg(payload.size()).arg(sizeof(inet_diag_msg))));
    const auto msg = readAt<inet_diag_msg>(payload, 0);
    if (msg.idiag_family != AF_INET && msg.idiag_family != AF_INET6)
        return std::unexpected(
            failure(0, u"address family %1 is neither AF_INET nor AF_INET6"_s.arg(msg.idiag_family)));
    if (msg.idiag_state == 0 || msg.idiag_state >= TcpStateCount)
        return std::unexpected(failure(1, u"TCP state %1 does not exist"_s.arg(msg.idiag_state)));

    DetailedSocketRecord record;
    record.family = msg.idiag_family;
    record.state = TcpState(msg.idiag_state);
    record.timer = msg.idiag_timer <= 4 ? TimerKind(msg.idiag_timer) : TimerKind::None;
    record.timerRetransmits = msg.idiag_retrans;
    record.timerExpiresMs = msg.idiag_expires;
    record.receiveQueue = msg.idiag_rqueue;
    record.sendQueue = msg.idiag_wqueue;
    record.uid = msg.idiag_uid;
    record.inode = msg.idiag_inode;
    record.localPort = qFromBigEndian(msg.id.idiag_sport);
    record.remotePort = qFromBigEndian(msg.id.idiag_dport);
    const std::size_t addressBytes = msg.idiag_family == AF_INET ? 4 : 16;
    std::memcpy(record.localAddress.data(), msg.id.idiag_src, addressBytes);
    std::memcpy(record.remoteAddress.data(), msg.id.idiag_dst, addressBytes);
    // sock_diag_save_cookie() splits the 64-bit cookie into two host-order halves, low one first.
    record.cookie = quint64(msg.id.idiag_cookie[0]) | (quint64(msg.id.idiag_cookie[1]) << 32);

    bool sawShutdown = false;
    std::size_t offset = alignNetlink(sizeof(inet_diag_msg));
    while (offset + sizeof(rtattr) <= payload.size()) {
        const auto attribute = readAt<rtattr>(payload, offset);
        if (attribute.rta_len < sizeof(rtattr) || offset + attribute.rta_len > payload.size())
            return std::unexpected(failure(qsizetype(offset),
                u"attribute %1 claims %2 bytes, %3 remain"_s.arg(attribute.rta_type)
                    .arg(attribute.rta_len)
                    .arg(payload.size() - offset)));
        const auto data = payload.subspan(offset + sizeof(rtattr), attribute.rta_len - sizeof(rtattr));
        switch (attribute.rta_type) {
        case INET_DIAG_INFO:
            decodeTcpInfo(data, record.info, record.details.info);
            record.flags |= HasTcpInfo;
            break;
        case INET_DIAG_SKMEMINFO:
            decodeMemory(data, record.details.memory);
            record.flags |= HasMemory;
            break;
        case INET_DIAG_CONG:
            record.congestion = congestion.indexOf(data);
            break;
        case INET_DIAG_SHUTDOWN:
            if (!data.empty())
                record.shutdown = std::to_integer<quint8>(data[0]);
            sawShutdown = true;
            break;
        case INET_DIAG_SKV6ONLY:
            if (!data.empty() && data[0] != std::byte{0})
                record.flags |= IsV6Only;
            break;
        default: // kept for later: MARK, CGROUP_ID, SOCKOPT, ULP_INFO ... need no decoding yet
            break;
        }
        offset += alignAttribute(attribute.rta_len);
    }

    // Full sockets always carry INET_DIAG_SHUTDOWN (inet_diag_msg_attrs_fill()); timewait sockets
    // (inet_twsk_diag_fill()) and request sockets (inet_req_diag_fill()) carry no attributes at all.
    if (!sawShutdown) {
        if (record.state == TcpState::TimeWait || record.timer == TimerKind::TimeWait)
            record.flags |= IsTimeWaitSocket;
        else if (record.state == TcpState::SynRecv) {
            record.flags |= IsRequest;
            record.state = TcpState::NewSynRecv;
        }
    }
    return record;
}

std::expected<DumpChunkResult, DecodeFailure> decodeDumpChunk(std::span<const std::byte> chunk,
    CongestionNameTable &congestion, std::vector<SocketRecord> &out, std::vector<SocketDetails> *details)
{
    DumpChunkResult result;
    std::size_t offset = 0;
    while (offset < chunk.size()) {
        if (chunk.size() - offset < sizeof(nlmsghdr))
            return std::unexpected(failure(
                qsizetype(offset), u"%1 bytes left, too few for a netlink header"_s.arg(chunk.size() - offset)));
        const auto header = readAt<nlmsghdr>(chunk, offset);
        if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > chunk.size() - offset)
            return std::unexpected(failure(qsizetype(offset),
                u"netlink message claims %1 bytes, %2 remain"_s.arg(header.nlmsg_len).arg(chunk.size() - offset)));
        const auto payload = chunk.subspan(offset + sizeof(nlmsghdr), header.nlmsg_len - sizeof(nlmsghdr));
        if (header.nlmsg_flags & NLM_F_DUMP_INTR)
            result.interrupted = true;

        if (header.nlmsg_type == NLMSG_DONE) {
            // netlink_dump_done() puts the dump's return value; negative means it failed midway.
            if (payload.size() >= sizeof(int) && readAt<int>(payload, 0) < 0)
                result.kernelError = -readAt<int>(payload, 0);
            result.done = true;
            return result;
        }
        if (header.nlmsg_type == NLMSG_ERROR) {
            if (payload.size() < sizeof(int))
                return std::unexpected(failure(qsizetype(offset), u"NLMSG_ERROR without an error code"_s));
            result.kernelError = -readAt<int>(payload, 0);
            result.done = true;
            return result;
        }
        if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY) {
            auto record = decodeInetDiagMessage(payload, congestion);
            if (!record) {
                auto error = record.error();
                error.offset += qsizetype(offset + sizeof(nlmsghdr));
                return std::unexpected(error);
            }
            if (details)
                details->push_back(record->details);
            else
                record->flags &= ~HasMemory; // the memory is in the details left out
            out.push_back(*record);
            ++result.messages;
        }
        // Other types (NLMSG_NOOP, NLMSG_OVERRUN) carry nothing for us.
        offset += alignNetlink(header.nlmsg_len);
    }
    return result;
}

} // namespace TcpLens
