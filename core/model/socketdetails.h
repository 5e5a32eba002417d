// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// Socket memory from INET_DIAG_SKMEMINFO (sk_get_meminfo()), bytes.
struct SocketMemory
{
    quint32 receiveAllocated = 0; // SK_MEMINFO_RMEM_ALLOC: bytes held by the receive queue
    quint32 receiveBuffer = 0; // SK_MEMINFO_RCVBUF: its limit (autotuned unless SO_RCVBUF was set)
    quint32 sendQueued = 0; // SK_MEMINFO_WMEM_QUEUED: bytes queued for sending
    quint32 sendBuffer = 0; // SK_MEMINFO_SNDBUF
};

// The rest of struct tcp_info that TCP Lens reports: what `snapshot --json`, a recording and a
// remote agent's stream carry, and no view of the window reads. Present or absent with TcpInfo
// (its kernelLength tells).
struct TcpInfoDetails
{
    quint8 caState = 0; // tcpi_ca_state: Open, Disorder, CWR, Recovery, Loss
    quint8 backoff = 0; // tcpi_backoff: exponential RTO backoff shift
    quint8 options = 0; // tcpi_options: TCPI_OPT_TIMESTAMPS | SACK | WSCALE | ECN ...
    quint8 windowScales = 0; // snd_wscale in the low nibble, rcv_wscale in the high one

    quint32 rtoUs = 0; // tcpi_rto, microseconds
    quint32 rttVarUs = 0; // tcpi_rttvar
    quint32 minRttUs = 0; // tcpi_min_rtt
    quint32 sendMss = 0; // tcpi_snd_mss
    quint32 slowStartThreshold = 0; // tcpi_snd_ssthresh, segments; >= TCP_INFINITE_SSTHRESH when unset
    quint32 sacked = 0; // tcpi_sacked
    quint32 lost = 0; // tcpi_lost
    quint32 notSentBytes = 0; // tcpi_notsent_bytes: in the send buffer, not yet sent
    quint32 lastDataReceivedMs = 0; // tcpi_last_data_recv (ages like TcpInfo's other "ms since")
    quint32 receiveWindow = 0; // tcpi_rcv_wnd: our advertised window, bytes (6.x kernels)

    quint64 pacingRate = 0; // tcpi_pacing_rate, bytes per second
    quint64 deliveryRate = 0; // tcpi_delivery_rate, bytes per second
    quint64 bytesSent = 0; // tcpi_bytes_sent, including retransmissions (kernel 4.19+)
    quint64 bytesRetransmitted = 0; // tcpi_bytes_retrans (kernel 4.19+)
    quint64 busyTimeUs = 0; // tcpi_busy_time: time with data in flight
    quint64 receiveWindowLimitedUs = 0; // tcpi_rwnd_limited: stalled by the peer's receive window
    quint64 sendBufferLimitedUs = 0; // tcpi_sndbuf_limited: stalled by our send buffer

    quint8 sendWindowScale() const { return windowScales & 0x0f; }
    quint8 receiveWindowScale() const { return windowScales >> 4; }
};

// What a socket's dump said beyond its SocketRecord. The window shows none of it, and at 120,000
// sockets it was 120 of a record's 240 bytes: a snapshot keeps it only when asked
// (SnapshotSource::Options::keepDetails), for an export, a recording or a remote agent's stream.
struct SocketDetails
{
    SocketMemory memory; // with HasMemory
    TcpInfoDetails info; // with HasTcpInfo
};

} // namespace TcpLens
