// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// The part of the kernel's struct tcp_info (include/uapi/linux/tcp.h) that the live views, the
// tracker and the diagnosis read; the rest is TcpInfoDetails (model/socketdetails.h), kept only for
// those who export it. The kernel only ever appends to that struct, and tcp_get_info() fills what the
// running kernel knows: a field that lies beyond the attribute's length is absent, which kernelLength
// lets the reader tell from 0. Kept compact: a snapshot holds one per socket, 100,000 and more.
struct TcpInfo
{
    quint16 kernelLength = 0; // bytes of INET_DIAG_INFO the kernel sent; 0: none (TIME_WAIT, request)
    quint8 retransmits = 0; // tcpi_retransmits: consecutive RTO timeouts of the current segment
    quint8 probes = 0; // tcpi_probes: zero-window or keepalive probes sent without answer

    quint32 rttUs = 0; // tcpi_rtt: smoothed RTT, microseconds
    quint32 congestionWindow = 0; // tcpi_snd_cwnd, segments
    quint32 unacked = 0; // tcpi_unacked: segments in flight
    quint32 totalRetransmits = 0; // tcpi_total_retrans: segments retransmitted over the whole life
    quint32 lastDataSentMs = 0; // tcpi_last_data_sent: ms since the last data segment was sent
    quint32 lastAckReceivedMs = 0; // tcpi_last_ack_recv
    quint32 sendWindow = 0; // tcpi_snd_wnd: the peer's advertised window, bytes (kernel 5.4+)

    quint64 bytesAcked = 0; // tcpi_bytes_acked
    quint64 bytesReceived = 0; // tcpi_bytes_received

    bool isPresent() const { return kernelLength != 0; }
};

} // namespace TcpLens
