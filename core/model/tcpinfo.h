// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// The part of the kernel's struct tcp_info (include/uapi/linux/tcp.h) that TCP Lens shows. The kernel
// only ever appends to that struct, and tcp_get_info() fills what the running kernel knows: a field
// that lies beyond the attribute's length is absent, which kernelLength lets the reader tell from 0.
// Kept compact: a snapshot holds one per socket, 100,000 and more of them.
struct TcpInfo
{
    quint16 kernelLength = 0; // bytes of INET_DIAG_INFO the kernel sent; 0: none (TIME_WAIT, request)
    quint8 caState = 0; // tcpi_ca_state: Open, Disorder, CWR, Recovery, Loss
    quint8 retransmits = 0; // tcpi_retransmits: consecutive RTO timeouts of the current segment
    quint8 probes = 0; // tcpi_probes: zero-window or keepalive probes sent without answer
    quint8 backoff = 0; // tcpi_backoff: exponential RTO backoff shift
    quint8 options = 0; // tcpi_options: TCPI_OPT_TIMESTAMPS | SACK | WSCALE | ECN ...
    quint8 windowScales = 0; // snd_wscale in the low nibble, rcv_wscale in the high one

    quint32 rtoUs = 0; // tcpi_rto, microseconds
    quint32 rttUs = 0; // tcpi_rtt: smoothed RTT, microseconds
    quint32 rttVarUs = 0; // tcpi_rttvar
    quint32 minRttUs = 0; // tcpi_min_rtt
    quint32 sendMss = 0; // tcpi_snd_mss
    quint32 congestionWindow = 0; // tcpi_snd_cwnd, segments
    quint32 slowStartThreshold = 0; // tcpi_snd_ssthresh, segments; >= TCP_INFINITE_SSTHRESH when unset
    quint32 unacked = 0; // tcpi_unacked: segments in flight
    quint32 sacked = 0; // tcpi_sacked
    quint32 lost = 0; // tcpi_lost
    quint32 totalRetransmits = 0; // tcpi_total_retrans: segments retransmitted over the whole life
    quint32 notSentBytes = 0; // tcpi_notsent_bytes: in the send buffer, not yet sent
    quint32 lastDataSentMs = 0; // tcpi_last_data_sent: ms since the last data segment was sent
    quint32 lastDataReceivedMs = 0; // tcpi_last_data_recv
    quint32 lastAckReceivedMs = 0; // tcpi_last_ack_recv
    quint32 sendWindow = 0; // tcpi_snd_wnd: the peer's advertised window, bytes (kernel 5.4+)
    quint32 receiveWindow = 0; // tcpi_rcv_wnd: our advertised window, bytes (6.x kernels)

    quint64 pacingRate = 0; // tcpi_pacing_rate, bytes per second
    quint64 deliveryRate = 0; // tcpi_delivery_rate, bytes per second
    quint64 bytesSent = 0; // tcpi_bytes_sent, including retransmissions (kernel 4.19+)
    quint64 bytesAcked = 0; // tcpi_bytes_acked
    quint64 bytesReceived = 0; // tcpi_bytes_received
    quint64 bytesRetransmitted = 0; // tcpi_bytes_retrans (kernel 4.19+)
    quint64 busyTimeUs = 0; // tcpi_busy_time: time with data in flight
    quint64 receiveWindowLimitedUs = 0; // tcpi_rwnd_limited: stalled by the peer's receive window
    quint64 sendBufferLimitedUs = 0; // tcpi_sndbuf_limited: stalled by our send buffer

    bool isPresent() const { return kernelLength != 0; }
    quint8 sendWindowScale() const { return windowScales & 0x0f; }
    quint8 receiveWindowScale() const { return windowScales >> 4; }
};

} // namespace TcpLens
