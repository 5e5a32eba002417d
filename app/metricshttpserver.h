// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "metrics/httprequest.h"
#include "metrics/httpresponse.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace TcpLens {

// The exporter's HTTP listener: one request per connection, read with HttpRequestParser, answered
// by `handler` (or with the parser's error), then closed. A client gets RequestTimeoutMs to send
// its request head and at most MaxConnections are served at once; the rest are closed at once.
class MetricsHttpServer : public QObject
{
public:
    static constexpr int RequestTimeoutMs = 10'000;
    static constexpr int MaxConnections = 32;
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit MetricsHttpServer(Handler handler, QObject *parent = nullptr);
    ~MetricsHttpServer() override;

    // Listens in the calling thread's network namespace at the moment of the call.
    std::expected<void, QString> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;

private:
    void accept();
    void read(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const HttpResponse &response);

    Handler m_handler;
    QTcpServer *m_server;
    int m_connections = 0;
};

} // namespace TcpLens
