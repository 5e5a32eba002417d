// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace TcpLens {

// One HTTP/1.1 response, encoded whole: the exporter answers one request per connection and closes
// it (Connection: close), so there is no chunking and no keep-alive to get wrong. Pure.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders; // ("Allow", "GET, HEAD")
    bool headOnly = false; // HEAD: the headers of a GET, Content-Length included, no body

    // A short text body that says `message` (a line); the status decides the reason phrase.
    static HttpResponse text(int status, QByteArrayView message);

    static QByteArrayView reasonPhrase(int status);
    QByteArray encode() const;
};

} // namespace TcpLens
