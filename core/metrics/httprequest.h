// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace TcpLens {

// One HTTP/1.x request head as HttpRequestParser read it. Bodies are refused by the parser.
struct HttpRequest
{
    QByteArray method; // "GET"
    QByteArray target; // "/metrics?x=1", as sent
    QByteArray path; // "/metrics": the target without its query
    int minorVersion = 1; // HTTP/1.0 or HTTP/1.1
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    qsizetype headBytes = 0; // the request line and headers, with the blank line that ends them

    // The first header of that name (lower case), or a null QByteArray.
    QByteArray header(QByteArrayView lowerCaseName) const
    {
        for (const auto &[name, value] : headers) {
            if (name == lowerCaseName)
                return value;
        }
        return {};
    }
};

} // namespace TcpLens
