// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "loopbacksockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace TcpLens::Test::LoopbackSockets {

namespace {

struct Address
{
    sockaddr_storage storage{};
    socklen_t length = 0;
    int family = AF_UNSPEC;
};

Address makeAddress(const QString &text, quint16 port)
{
    Address address;
    const QByteArray latin = text.toLatin1();
    auto *v4 = reinterpret_cast<sockaddr_in *>(&address.storage);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&address.storage);
    if (::inet_pton(AF_INET, latin.constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        address.length = sizeof(sockaddr_in);
        address.family = AF_INET;
    } else if (::inet_pton(AF_INET6, latin.constData(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        address.length = sizeof(sockaddr_in6);
        address.family = AF_INET6;
    }
    return address;
}

Listener listenOn(const QString &address, quint16 port, int backlog, bool v6Only, int deferAcceptSeconds)
{
    Listener listener;
    const Address bindAddress = makeAddress(address, port);
    if (bindAddress.family == AF_UNSPEC)
        return listener;
    UniqueFd fd(::socket(bindAddress.family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd)
        return listener;
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bindAddress.family == AF_INET6) {
        const int flag = v6Only ? 1 : 0;
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &flag, sizeof flag);
    }
    if (deferAcceptSeconds > 0)
        ::setsockopt(fd.get(), IPPROTO_TCP, TCP_DEFER_ACCEPT, &deferAcceptSeconds, sizeof deferAcceptSeconds);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&bindAddress.storage), bindAddress.length) < 0)
        return listener;
    if (::listen(fd.get(), backlog) < 0)
        return listener;
    listener.port = localPort(fd.get());
    listener.fd = std::move(fd);
    return listener;
}

} // namespace

Listener listen(const QString &address, int backlog, bool v6Only, int deferAcceptSeconds)
{
    return listenOn(address, 0, backlog, v6Only, deferAcceptSeconds);
}

Listener listenOnPort(const QString &address, quint16 port, int backlog, bool v6Only)
{
    return listenOn(address, port, backlog, v6Only, 0);
}

UniqueFd connectTo(const QString &address, quint16 port)
{
    const Address target = makeAddress(address, port);
    if (target.family == AF_UNSPEC)
        return {};
    UniqueFd fd(::socket(target.family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd)
        return {};
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&target.storage), target.length) < 0 &&
        errno != EINPROGRESS)
        return {};
    return fd;
}

bool waitConnected(int fd, std::chrono::milliseconds timeout)
{
    pollfd entry{fd, POLLOUT, 0};
    if (::poll(&entry, 1, int(timeout.count())) != 1)
        return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

UniqueFd acceptOne(int listenerFd, std::chrono::milliseconds timeout)
{
    pollfd entry{listenerFd, POLLIN, 0};
    if (::poll(&entry, 1, int(timeout.count())) != 1)
        return {};
    return UniqueFd(::accept4(listenerFd, nullptr, nullptr, SOCK_CLOEXEC));
}

quint16 localPort(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) < 0)
        return 0;
    if (storage.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    return ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
}

void closeGracefully(UniqueFd &fd)
{
    fd.reset();
}

void closeWithReset(UniqueFd &fd)
{
    // SO_LINGER on with a zero timeout: close() sends RST and frees the socket at once, no TIME-WAIT
    // (tcp_close() -> tcp_disconnect() when sk_lingertime is 0).
    const linger abort{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    fd.reset();
}

Connection connectedPair(const QString &address, int backlog)
{
    Connection connection;
    connection.listener = listen(address, backlog);
    if (!connection.listener.fd)
        return connection;
    connection.client = connectTo(address, connection.listener.port);
    if (!waitConnected(connection.client.get(), std::chrono::seconds(1)))
        return connection;
    connection.server = acceptOne(connection.listener.fd.get(), std::chrono::seconds(1));
    return connection;
}

} // namespace TcpLens::Test::LoopbackSockets
