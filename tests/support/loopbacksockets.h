// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/uniquefd.h"

#include <QString>

#include <chrono>

// Real TCP sockets on loopback for tests. Every helper fails the calling test (QVERIFY-style, through
// the returned invalid fd and a message) rather than throwing.
namespace TcpLens::Test::LoopbackSockets {

struct Listener
{
    UniqueFd fd;
    quint16 port = 0;
};

// A listening socket on `address` ("127.0.0.1", "::1", "0.0.0.0", "::") and an ephemeral port.
Listener listen(const QString &address, int backlog, bool v6Only = false, int deferAcceptSeconds = 0);
// The same on a given port; invalid fd if it is taken.
Listener listenOnPort(const QString &address, quint16 port, int backlog, bool v6Only = false);
// A non-blocking connect() to address:port. The fd is valid even while the handshake is under way.
UniqueFd connectTo(const QString &address, quint16 port);
// Waits until the connection completes (writable with no error) or the timeout passes.
bool waitConnected(int fd, std::chrono::milliseconds timeout);
// accept() with a timeout; invalid fd if nothing came.
UniqueFd acceptOne(int listenerFd, std::chrono::milliseconds timeout);
// A listener on `address` and one connection to it, both ends: the client connected, the server
// accepted. `server` is invalid when any step failed.
struct Connection
{
    Listener listener;
    UniqueFd client;
    UniqueFd server;
};
Connection connectedPair(const QString &address, int backlog = 8);
// The socket's local port.
quint16 localPort(int fd);
// close() with SO_LINGER off, the normal FIN close.
void closeGracefully(UniqueFd &fd);
// close() with a zero SO_LINGER: an RST, and the socket is gone at once.
void closeWithReset(UniqueFd &fd);

} // namespace TcpLens::Test::LoopbackSockets
