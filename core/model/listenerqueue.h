// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// The two queues of one listening socket, as one dump saw them.
//
// Accept queue: connections that completed the handshake and wait for accept(). Its length is the
// listener's idiag_rqueue (sk_ack_backlog) and its limit idiag_wqueue (sk_max_ack_backlog), which
// listen() set to min(backlog, net.core.somaxconn) *at that moment*: changing somaxconn later does not
// change the limit of a socket already listening. sk_acceptq_is_full() compares with '>', so a limit
// of N holds N + 1 connections.
//
// SYN queue: request sockets (half-open connections, state SYN_RECV) whose SYN this listener answered.
// The kernel does not report its length per listener; we count the request sockets whose local
// address and port lead to this listener (see ListenerQueueBuilder). Its limit is the same
// min(backlog, somaxconn): inet_csk_reqsk_queue_is_full() also compares with '>' since 6.14, so it
// holds limit + 1 there, and exactly limit before.
struct ListenerQueue
{
    quint64 cookie = 0; // the listening socket's cookie
    int socketIndex = -1; // its index in SocketSnapshot::sockets()
    quint32 acceptQueueLength = 0;
    quint32 acceptQueueLimit = 0;
    quint32 synQueueLength = 0;

    bool acceptQueueFull() const { return acceptQueueLength > acceptQueueLimit; }
};

} // namespace TcpLens
