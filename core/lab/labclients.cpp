// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labclients.h"

#include "lab/lablogging.h"
#include "lab/labsocketio.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>

namespace TcpLens {

using namespace Qt::StringLiterals;

LabClients::LabClients(const LabAction &connect, QObject *parent)
    : QObject(parent)
    , m_settings(connect)
    , m_reading(connect.read)
{
    QObject::connect(&m_pace, &QTimer::timeout, this, &LabClients::connectOne);
}

LabClients::~LabClients() = default;

void LabClients::start()
{
    if (m_settings.rate <= 0) {
        while (m_started < m_settings.count)
            connectOne();
        return;
    }
    connectOne();
    m_pace.start(std::max(1, int(1000 / m_settings.rate)));
}

void LabClients::connectOne()
{
    if (m_started >= m_settings.count) {
        m_pace.stop();
        return;
    }
    const int index = m_started++;
    auto connection = std::make_unique<Connection>();
    Connection &c = *connection;
    m_connections.push_back(std::move(connection));
    c.started.start();
    const bool v6 = m_settings.address.contains(u':');
    c.fd.reset(::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!c.fd) {
        settle(c, LabSocketIo::errnoName(errno));
        return;
    }
    const int fd = c.fd.get();
    const int one = 1;
    if (m_settings.keepalive) {
        // Without them the connection would use the namespace's two-hour keepalive: a different lesson.
        if (::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one) < 0 ||
            ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &m_settings.keepalive->idle, sizeof(int)) < 0 ||
            ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &m_settings.keepalive->interval, sizeof(int)) < 0 ||
            ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &m_settings.keepalive->count, sizeof(int)) < 0)
            qCWarning(lcLab) << "clients" << m_settings.name << ": keepalive not set:" << LabSocketIo::errnoName(errno);
    }
    sockaddr_storage local{};
    sockaddr_storage remote{};
    socklen_t length = 0;
    const QByteArray address = m_settings.address.toLatin1();
    if (v6) {
        auto *l = reinterpret_cast<sockaddr_in6 *>(&local);
        auto *r = reinterpret_cast<sockaddr_in6 *>(&remote);
        l->sin6_family = r->sin6_family = AF_INET6;
        l->sin6_addr = in6addr_loopback;
        ::inet_pton(AF_INET6, address.constData(), &r->sin6_addr);
        l->sin6_port = htons(quint16(m_settings.bindPort ? m_settings.bindPort + index : 0));
        r->sin6_port = htons(quint16(m_settings.port));
        length = sizeof(sockaddr_in6);
    } else {
        auto *l = reinterpret_cast<sockaddr_in *>(&local);
        auto *r = reinterpret_cast<sockaddr_in *>(&remote);
        l->sin_family = r->sin_family = AF_INET;
        ::inet_pton(AF_INET, address.constData(), &r->sin_addr);
        l->sin_addr = r->sin_addr;
        l->sin_port = htons(quint16(m_settings.bindPort ? m_settings.bindPort + index : 0));
        r->sin_port = htons(quint16(m_settings.port));
        length = sizeof(sockaddr_in);
    }
    if (m_settings.bindPort) {
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&local), length) < 0) {
            settle(c, LabSocketIo::errnoName(errno));
            return;
        }
    }
    int result = 0;
    c.unsent = m_settings.data;
    if (m_settings.fastopen) {
        // The data rides in the SYN (with a cookie from an earlier connection; the first asks for one).
        result = int(::sendto(fd, m_settings.data.constData(), size_t(m_settings.data.size()),
            MSG_FASTOPEN | MSG_NOSIGNAL, reinterpret_cast<sockaddr *>(&remote), length));
        // Without a cookie tcp_send_syn_data() sends a plain SYN with a cookie request and takes none
        // of the data (EINPROGRESS): what it did not take goes once connected.
        if (result > 0)
            c.unsent.remove(0, result);
    } else {
        result = ::connect(fd, reinterpret_cast<sockaddr *>(&remote), length);
    }
    if (result < 0 && errno != EINPROGRESS) {
        settle(c, LabSocketIo::errnoName(errno));
        return;
    }
    c.writable = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    Connection *raw = &c;
    QObject::connect(c.writable.get(), &QSocketNotifier::activated, this, [this, raw] { onWritable(*raw); });
    c.readable = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    c.readable->setEnabled(false);
    QObject::connect(c.readable.get(), &QSocketNotifier::activated, this, [this, raw] { onReadable(*raw); });
}

void LabClients::onWritable(Connection &c)
{
    c.writable->setEnabled(false);
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(c.fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error) {
        settle(c, LabSocketIo::errnoName(error));
        return;
    }
    settle(c, u"connected"_s);
    if (!c.unsent.isEmpty())
        ::send(c.fd.get(), c.unsent.constData(), size_t(c.unsent.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
    c.unsent.clear();
    updateReading(c);
}

void LabClients::onReadable(Connection &c)
{
    const int status = LabSocketIo::drain(c.fd.get());
    if (status < 0)
        settle(c, LabSocketIo::errnoName(-status));
    else if (status == 1)
        c.peerClosed = true;
    updateReading(c);
}

void LabClients::settle(Connection &c, const QString &outcome)
{
    c.outcome.outcome = outcome;
    c.outcome.seconds = c.started.nsecsElapsed() / 1e9;
    if (outcome != u"connected"_s) {
        // The socket is dead: an error is reported once, and a closed socket has nothing more to say.
        if (c.readable)
            c.readable->setEnabled(false);
        if (c.writable)
            c.writable->setEnabled(false);
    }
}

void LabClients::updateReading(Connection &c)
{
    if (c.readable)
        c.readable->setEnabled(m_reading && !c.closedByUs && !c.peerClosed && c.outcome.outcome == u"connected"_s);
}

void LabClients::setReading(bool reading)
{
    m_reading = reading;
    for (auto &c : m_connections)
        updateReading(*c);
}

int LabClients::send(qint64 bytes, bool fill)
{
    int error = 0;
    for (auto &c : m_connections) {
        if (c->fd && !c->closedByUs && c->outcome.outcome == u"connected"_s) {
            if (const int e = LabSocketIo::send(c->fd.get(), bytes, fill)) {
                error = e;
                settle(*c, LabSocketIo::errnoName(e == EPIPE ? ECONNRESET : e));
            }
        }
    }
    return error;
}

void LabClients::close(LabAction::CloseHow how)
{
    m_pace.stop();
    for (auto &c : m_connections) {
        if (!c->fd || c->closedByUs)
            continue;
        c->closedByUs = true;
        c->readable.reset();
        c->writable.reset();
        if (LabSocketIo::close(c->fd.get(), how))
            c->fd.release();
    }
}

void LabClients::refresh()
{
    for (auto &c : m_connections) {
        if (!c->fd || c->closedByUs || c->outcome.outcome != u"connected"_s)
            continue;
        char byte = 0;
        const ssize_t got = ::recv(c->fd.get(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            settle(*c, LabSocketIo::errnoName(errno));
    }
}

std::vector<LabClients::Outcome> LabClients::outcomes() const
{
    std::vector<Outcome> result;
    for (const auto &c : m_connections)
        result.push_back(c->outcome);
    // Not yet started (a rate): pending too.
    for (int i = m_started; i < m_settings.count; ++i)
        result.push_back(Outcome{});
    return result;
}

} // namespace TcpLens
