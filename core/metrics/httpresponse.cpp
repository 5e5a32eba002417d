// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "httpresponse.h"

namespace TcpLens {

HttpResponse HttpResponse::text(int status, QByteArrayView message)
{
    HttpResponse response;
    response.status = status;
    response.body = message.toByteArray();
    if (!response.body.endsWith('\n'))
        response.body.append('\n');
    return response;
}

QByteArrayView HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QByteArray HttpResponse::encode() const
{
    QByteArray bytes;
    bytes.reserve(body.size() + 256);
    bytes.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(reasonPhrase(status));
    bytes.append("\r\nContent-Type: ").append(contentType);
    bytes.append("\r\nContent-Length: ").append(QByteArray::number(body.size()));
    bytes.append("\r\nConnection: close\r\nCache-Control: no-store");
    for (const auto &[name, value] : extraHeaders)
        bytes.append("\r\n").append(name).append(": ").append(value);
    bytes.append("\r\n\r\n");
    if (!headOnly)
        bytes.append(body);
    return bytes;
}

} // namespace TcpLens
