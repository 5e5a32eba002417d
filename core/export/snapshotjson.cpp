// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "snapshotjson.h"

#include <QJsonArray>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QJsonObject tcpInfoToJson(const TcpInfo &info)
{
    return QJsonObject{
        {u"kernel_length"_s, info.kernelLength},
        {u"ca_state"_s, info.caState},
        {u"retransmits"_s, info.retransmits},
        {u"probes"_s, info.probes},
        {u"backoff"_s, info.backoff},
        {u"options"_s, info.options},
        {u"snd_wscale"_s, info.sendWindowScale()},
        {u"rcv_wscale"_s, info.receiveWindowScale()},
        {u"rto_us"_s, qint64(info.rtoUs)},
        {u"rtt_us"_s, qint64(info.rttUs)},
        {u"rttvar_us"_s, qint64(info.rttVarUs)},
        {u"min_rtt_us"_s, qint64(info.minRttUs)},
        {u"snd_mss"_s, qint64(info.sendMss)},
        {u"snd_cwnd"_s, qint64(info.congestionWindow)},
        {u"snd_ssthresh"_s, qint64(info.slowStartThreshold)},
        {u"unacked"_s, qint64(info.unacked)},
        {u"sacked"_s, qint64(info.sacked)},
        {u"lost"_s, qint64(info.lost)},
        {u"total_retrans"_s, qint64(info.totalRetransmits)},
        {u"notsent_bytes"_s, qint64(info.notSentBytes)},
        {u"last_data_sent_ms"_s, qint64(info.lastDataSentMs)},
        {u"last_data_recv_ms"_s, qint64(info.lastDataReceivedMs)},
        {u"last_ack_recv_ms"_s, qint64(info.lastAckReceivedMs)},
        {u"snd_wnd"_s, qint64(info.sendWindow)},
        {u"rcv_wnd"_s, qint64(info.receiveWindow)},
        // 64-bit counters as JSON numbers stay exact up to 2^53 bytes (8 PiB).
        {u"pacing_rate"_s, double(info.pacingRate)},
        {u"delivery_rate"_s, double(info.deliveryRate)},
        {u"bytes_sent"_s, double(info.bytesSent)},
        {u"bytes_acked"_s, double(info.bytesAcked)},
        {u"bytes_received"_s, double(info.bytesReceived)},
        {u"bytes_retrans"_s, double(info.bytesRetransmitted)},
        {u"busy_time_us"_s, double(info.busyTimeUs)},
        {u"rwnd_limited_us"_s, double(info.receiveWindowLimitedUs)},
        {u"sndbuf_limited_us"_s, double(info.sendBufferLimitedUs)},
    };
}

} // namespace

QLatin1StringView ownerAbsenceName(OwnerAbsence absence)
{
    switch (absence) {
    case OwnerAbsence::HasOwner:
        return "has-owner"_L1;
    case OwnerAbsence::NoInodeTimeWait:
        return "timewait-socket"_L1;
    case OwnerAbsence::NoInodeRequest:
        return "request-socket"_L1;
    case OwnerAbsence::NoInodeNotAccepted:
        return "not-accepted"_L1;
    case OwnerAbsence::NoInodeOrphan:
        return "orphan"_L1;
    case OwnerAbsence::NotPermitted:
        return "not-permitted"_L1;
    case OwnerAbsence::NotFoundYet:
        return "not-found-yet"_L1;
    case OwnerAbsence::NotResolved:
        return "not-resolved"_L1;
    }
    return "unknown"_L1;
}

QJsonObject socketToJson(const SocketSnapshot &snapshot, const SocketRecord &socket)
{
    QJsonObject object{
        {u"cookie"_s, QString::number(socket.cookie)},
        {u"family"_s, socket.isIpv6() ? u"inet6"_s : u"inet"_s},
        {u"state"_s, QString(stateName(socket.displayState()))},
        {u"request_socket"_s, socket.hasFlag(IsRequest)},
        {u"timewait_socket"_s, socket.hasFlag(IsTimeWaitSocket)},
        {u"local_address"_s, socket.localAddressText()},
        {u"local_port"_s, socket.localPort},
        {u"remote_address"_s, socket.remoteAddressText()},
        {u"remote_port"_s, socket.remotePort},
        {u"recv_q"_s, qint64(socket.receiveQueue)},
        {u"send_q"_s, qint64(socket.sendQueue)},
        {u"timer"_s, QString(timerName(socket.timer))},
        {u"timer_expires_ms"_s, qint64(socket.timerExpiresMs)},
        {u"timer_retransmits"_s, socket.timerRetransmits},
        {u"uid"_s, qint64(socket.uid)},
        {u"inode"_s, qint64(socket.inode)},
        {u"shutdown"_s, socket.shutdown},
    };
    if (const auto name = snapshot.congestionName(socket); !name.isEmpty())
        object.insert(u"congestion"_s, QString::fromLatin1(name));
    if (socket.hasFlag(HasMemory)) {
        object.insert(u"memory"_s,
            QJsonObject{{u"rmem_alloc"_s, qint64(socket.memory.receiveAllocated)},
                {u"rcvbuf"_s, qint64(socket.memory.receiveBuffer)},
                {u"wmem_queued"_s, qint64(socket.memory.sendQueued)}, {u"sndbuf"_s, qint64(socket.memory.sendBuffer)}});
    }
    if (socket.info.isPresent())
        object.insert(u"tcp_info"_s, tcpInfoToJson(socket.info));
    OwnerAbsence absence;
    if (const SocketOwner *owner = snapshot.owner(socket, &absence)) {
        object.insert(u"owner"_s,
            QJsonObject{{u"pid"_s, owner->pid}, {u"command"_s, owner->command}, {u"uid"_s, qint64(owner->uid)},
                {u"user"_s, owner->user}});
    } else {
        object.insert(u"owner_absent"_s, QString(ownerAbsenceName(absence)));
    }
    return object;
}

QJsonObject snapshotToJson(const SocketSnapshot &snapshot, const SnapshotJsonOptions &options)
{
    QJsonArray sockets;
    const auto &records = snapshot.sockets();
    if (!options.listenersOnly) {
        for (const auto &socket : records)
            sockets.append(socketToJson(snapshot, socket));
    }
    QJsonArray listeners;
    for (const auto &listener : snapshot.listeners()) {
        QJsonObject object = socketToJson(snapshot, records[std::size_t(listener.socketIndex)]);
        object.insert(u"accept_queue"_s, qint64(listener.acceptQueueLength));
        object.insert(u"accept_queue_limit"_s, qint64(listener.acceptQueueLimit));
        object.insert(u"syn_queue"_s, qint64(listener.synQueueLength));
        listeners.append(object);
    }
    const auto &statistics = snapshot.statistics();
    QJsonObject result{
        {u"schema"_s, u"tcplens.snapshot"_s},
        {u"schema_version"_s, SnapshotJsonSchemaVersion},
        {u"generation"_s, qint64(snapshot.generation())},
        {u"taken_at"_s, snapshot.takenAt().toString(Qt::ISODateWithMs)},
        {u"netns"_s, snapshot.netnsName().isEmpty() ? u"self"_s : snapshot.netnsName()},
        {u"netns_inode"_s, double(snapshot.netnsInode())},
        {u"socket_count"_s, qint64(records.size())},
        {u"listeners"_s, listeners},
        {u"dump"_s,
            QJsonObject{{u"duration_us"_s, statistics.durationNs / 1000},
                {u"owner_lookup_us"_s, statistics.ownerLookupNs / 1000}, {u"messages"_s, qint64(statistics.messages)},
                {u"bytes"_s, double(statistics.bytes)}, {u"restarts"_s, qint64(statistics.restarts)}}},
    };
    if (!options.listenersOnly)
        result.insert(u"sockets"_s, sockets);
    return result;
}

} // namespace TcpLens
