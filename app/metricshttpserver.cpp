// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "metricshttpserver.h"

#include "metrics/httprequestparser.h"
#include "metrics/metricslogging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
const char *const BufferProperty = "tcplensRequest";
const char *const AnsweredProperty = "tcplensAnswered";
} // namespace

MetricsHttpServer::MetricsHttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(MaxConnections);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &MetricsHttpServer::accept);
}

MetricsHttpServer::~MetricsHttpServer() = default;

std::expected<void, QString> MetricsHttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port))
        return std::unexpected(m_server->errorString());
    return {};
}

quint16 MetricsHttpServer::port() const
{
    return m_server->serverPort();
}

void MetricsHttpServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections >= MaxConnections) {
            qCInfo(lcMetrics) << "too many connections; closing one from" << socket->peerAddress().toString();
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        connect(socket, &QObject::destroyed, this, [this] { --m_connections; });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        // A client that never finishes its request (slowloris) does not hold a slot for long.
        auto *timeout = new QTimer(socket);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, [this, socket] {
            if (!socket->property(AnsweredProperty).toBool())
                answer(socket, HttpResponse::text(408, "the request head did not arrive in time"));
        });
        timeout->start(RequestTimeoutMs);
        if (socket->bytesAvailable() > 0)
            read(socket);
    }
}

void MetricsHttpServer::read(QTcpSocket *socket)
{
    if (socket->property(AnsweredProperty).toBool()) {
        socket->readAll(); // nothing more is read from a client once answered
        return;
    }
    QByteArray buffer = socket->property(BufferProperty).toByteArray();
    // Never more than one byte past the limit: enough for the parser to say 431.
    buffer += socket->read(HttpRequestParser::MaxHeadBytes + 1 - buffer.size());
    socket->setProperty(BufferProperty, buffer);
    const auto parsed = HttpRequestParser::parse(buffer);
    if (!parsed) {
        qCInfo(lcMetrics) << "refused a request from" << socket->peerAddress().toString() << parsed.error().status
                          << parsed.error().message;
        answer(socket, HttpResponse::text(parsed.error().status, parsed.error().message.toUtf8()));
        return;
    }
    if (!parsed->has_value())
        return; // more to come
    answer(socket, m_handler(**parsed));
}

void MetricsHttpServer::answer(QTcpSocket *socket, const HttpResponse &response)
{
    socket->setProperty(AnsweredProperty, true);
    socket->setProperty(BufferProperty, QVariant());
    socket->write(response.encode());
    // Connection: close. disconnectFromHost() waits for the bytes to be written; disconnected()
    // then deletes the socket.
    socket->disconnectFromHost();
}

} // namespace TcpLens
