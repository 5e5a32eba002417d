// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpinfo.h"
#include "model/tcpstate.h"

#include <QString>

#include <array>

namespace TcpLens {

// What idiag_timer says is pending (inet_sk_diag_fill(), inet_twsk_diag_fill(), inet_req_diag_fill()).
enum class TimerKind : quint8 {
    None = 0,
    Retransmit = 1, // also a request socket's SYN-ACK timer, and the loss probe
    KeepAlive = 2, // sk_timer: keepalive, or the FIN_WAIT2 timer of a socket still owned by a process
    TimeWait = 3, // a timewait socket: TIME_WAIT, or an orphaned FIN_WAIT2 after tcp_fin_timeout starts
    ZeroWindowProbe = 4,
};

QLatin1StringView timerName(TimerKind timer);

// Flags about what the dump told us, or did not.
enum SocketFlag : quint8 {
    HasTcpInfo = 1 << 0,
    HasMemory = 1 << 1, // the dump had INET_DIAG_SKMEMINFO (SocketDetails::memory)
    IsRequest = 1 << 2, // a request socket: a SYN queue entry, not a full socket
    IsTimeWaitSocket = 1 << 3, // a timewait socket (TIME_WAIT, or FIN_WAIT2 after close())
    IsV6Only = 1 << 4, // IPV6_V6ONLY (INET_DIAG_SKV6ONLY)
};

// One socket as the kernel reported it in one dump, without what no view reads (SocketDetails). A
// plain value, copied into snapshots; its size matters (bench/ holds the per-socket budget), so the
// layout is packed by hand.
struct SocketRecord
{
    quint64 cookie = 0; // idiag_cookie: sock_gen_cookie(), stable for the socket's whole life
    std::array<quint8, 16> localAddress{}; // network order; IPv4 in the first four bytes
    std::array<quint8, 16> remoteAddress{};
    quint16 localPort = 0;
    quint16 remotePort = 0;
    quint8 family = 0; // AF_INET or AF_INET6
    TcpState state = TcpState::Unknown;
    TimerKind timer = TimerKind::None;
    quint8 timerRetransmits = 0; // idiag_retrans: retransmits (or keepalive probes) behind the timer
    quint32 timerExpiresMs = 0; // idiag_expires: ms until the timer fires
    // idiag_rqueue: unread bytes; for LISTEN the accept queue's current length (sk_ack_backlog).
    quint32 receiveQueue = 0;
    // idiag_wqueue: bytes sent but not acknowledged plus not yet sent; for LISTEN the accept queue's
    // limit (sk_max_ack_backlog = min(backlog, net.core.somaxconn) as it was when listen() ran).
    quint32 sendQueue = 0;
    quint32 uid = 0; // idiag_uid: sock_i_uid(); 0 for request and timewait sockets
    quint32 inode = 0; // idiag_inode: 0 when no file refers to it (timewait, request, not yet accepted)
    quint8 shutdown = 0; // INET_DIAG_SHUTDOWN: bit 0 receive side shut, bit 1 send side shut
    quint8 congestion = 0; // index into SocketSnapshot::congestionNames(); 0: not reported
    quint8 flags = 0; // SocketFlag
    TcpInfo info; // what of tcp_info the views read; the rest is in SocketDetails

    bool isIpv6() const;
    bool hasFlag(SocketFlag flag) const { return flags & flag; }
    // The state as users and `ss` know it: a request socket is SYN-RECV.
    TcpState displayState() const { return state == TcpState::NewSynRecv ? TcpState::SynRecv : state; }
    // The addresses as inet_ntop() writes them: "127.0.0.1", "::1", "::ffff:10.0.0.1".
    QString localAddressText() const;
    QString remoteAddressText() const;
    // "127.0.0.1:8080", "[::1]:8080"; "*" for an unspecified address, as ss prints it.
    QString localEndpoint() const;
    QString remoteEndpoint() const;
    // An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d).
    bool localIsV4Mapped() const;
    bool localIsUnspecified() const;
};

} // namespace TcpLens
