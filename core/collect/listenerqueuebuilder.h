// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/listenerqueue.h"
#include "model/socketrecord.h"

#include <QList>

#include <vector>

namespace TcpLens {

// Finds the listening sockets of a dump and the length of each one's two queues. Pure.
//
// A request socket belongs to the listener that answered its SYN. The kernel does not tell which, so
// we pick the one __inet_lookup_listener() would have picked for the request's local address and
// port: an exact address before a wildcard, the same family before a dual-stack IPv6 listener (a SYN
// to 127.0.0.1 at a `::` listener without IPV6_V6ONLY makes an AF_INET request socket, see
// tcp_v6_conn_request()). Listeners sharing one address and port (SO_REUSEPORT) cannot be told
// apart: the first one gets them all.
QList<ListenerQueue> buildListenerQueues(const std::vector<SocketRecord> &sockets);

} // namespace TcpLens
