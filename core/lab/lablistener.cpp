// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "lablistener.h"

#include "lab/lablogging.h"
#include "lab/labsocketio.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

std::expected<std::unique_ptr<LabListener>, QString> LabListener::open(const LabAction &listen)
{
    const int family = listen.v6 ? AF_INET6 : AF_INET;
    UniqueFd fd(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const auto failed = [&](const char *what) {
        return std::unexpected(u"listener '%1': %2: %3"_s.arg(
            listen.name, QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno))));
    };
    if (!fd)
        return failed("socket");
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (listen.deferAcceptSeconds > 0 &&
        ::setsockopt(fd.get(), IPPROTO_TCP, TCP_DEFER_ACCEPT, &listen.deferAcceptSeconds, sizeof(int)) < 0)
        qCWarning(lcLab) << "listener" << listen.name << ": TCP_DEFER_ACCEPT not set:" << std::strerror(errno);
    sockaddr_storage address{};
    socklen_t length = 0;
    if (listen.v6) {
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&address);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(quint16(listen.port));
        v6->sin6_addr = in6addr_loopback;
        length = sizeof(sockaddr_in6);
    } else {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&address);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(quint16(listen.port));
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    }
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&address), length) < 0)
        return failed("bind");
    // TCP_FASTOPEN takes the queue of pending Fast Open requests, set before listen().
    if (listen.fastopenQueue > 0 &&
        ::setsockopt(fd.get(), IPPROTO_TCP, TCP_FASTOPEN, &listen.fastopenQueue, sizeof(int)) < 0)
        return failed("TCP_FASTOPEN");
    if (::listen(fd.get(), listen.backlog) < 0)
        return failed("listen");
    return std::unique_ptr<LabListener>(new LabListener(listen, std::move(fd)));
}

LabListener::LabListener(const LabAction &listen, UniqueFd fd)
    : m_settings(listen)
    , m_fd(std::move(fd))
    , m_acceptable(m_fd.get(), QSocketNotifier::Read)
    , m_reading(listen.read)
{
    connect(&m_acceptable, &QSocketNotifier::activated, this, &LabListener::acceptPending);
    m_acceptable.setEnabled(listen.accept);
}

LabListener::~LabListener() = default;

void LabListener::setAccepting(bool accepting)
{
    m_acceptable.setEnabled(accepting);
    if (accepting)
        acceptPending();
}

void LabListener::setReading(bool reading)
{
    m_reading = reading;
    for (auto &connection : m_accepted)
        updateReading(*connection);
}

int LabListener::send(qint64 bytes, bool fill)
{
    int error = 0;
    for (auto &connection : m_accepted) {
        if (const int e = LabSocketIo::send(connection->fd.get(), bytes, fill))
            error = e;
    }
    return error;
}

void LabListener::close(LabAction::CloseHow how)
{
    for (auto &connection : m_accepted) {
        connection->readable.reset();
        if (LabSocketIo::close(connection->fd.get(), how))
            connection->fd.release();
    }
    std::erase_if(m_accepted, [](const auto &connection) { return !connection->fd.isValid(); });
}

void LabListener::acceptPending()
{
    for (;;) {
        UniqueFd fd(::accept4(m_fd.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!fd)
            return;
        if (m_settings.closeAccepted == LabAction::CloseAccepted::AtOnce)
            continue; // UniqueFd closes it
        auto connection = std::make_unique<Accepted>();
        connection->fd = std::move(fd);
        connection->readable = std::make_unique<QSocketNotifier>(connection->fd.get(), QSocketNotifier::Read);
        Accepted *raw = connection.get();
        connect(connection->readable.get(), &QSocketNotifier::activated, this, [this, raw] { onReadable(*raw); });
        updateReading(*connection);
        m_accepted.push_back(std::move(connection));
    }
}

void LabListener::onReadable(Accepted &connection)
{
    const int status = LabSocketIo::drain(connection.fd.get());
    if (status == 0)
        return;
    connection.peerClosed = true;
    if (m_settings.closeAccepted == LabAction::CloseAccepted::AfterPeer) {
        // Deleting the notifier from its own activated() signal is not allowed: later.
        std::erase_if(m_accepted, [&](const auto &c) {
            if (c.get() != &connection)
                return false;
            // Off first: the descriptor closes with c now, and a notifier still polling it until
            // deleteLater() runs makes Qt warn "Invalid socket" on stderr (POLLNVAL).
            QSocketNotifier *notifier = c->readable.release();
            notifier->setEnabled(false);
            notifier->deleteLater();
            return true;
        });
        return;
    }
    // CLOSE_WAIT on purpose: the peer's FIN stays readable forever, so stop listening for it.
    updateReading(connection);
}

void LabListener::updateReading(Accepted &connection)
{
    if (connection.readable)
        connection.readable->setEnabled(!connection.peerClosed && m_reading);
}

} // namespace TcpLens
