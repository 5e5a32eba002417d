// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "metrics/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <expected>
#include <optional>

namespace TcpLens {

// Why a request was refused: the status to answer with and a line for the body and the log.
struct HttpRequestError
{
    int status = 400; // 400, 431, 501 or 505
    QString message;
};

// Reads one HTTP/1.1 request head (RFC 9112) from the bytes a client sent so far. Pure: the caller
// owns the socket and calls parse() again as more bytes arrive. Strict, because the exporter has
// nothing to gain from leniency: lines end in CRLF, no NUL or other control bytes, no whitespace
// before a header's colon, no obsolete line folding, origin-form targets only, Host required in
// HTTP/1.1, no body (Content-Length other than 0, Transfer-Encoding). The head is bounded: more than
// MaxHeadBytes before the blank line, or more than MaxHeaders fields, is 431.
class HttpRequestParser
{
public:
    static constexpr qsizetype MaxHeadBytes = 8192;
    static constexpr qsizetype MaxRequestLineBytes = 2048;
    static constexpr int MaxHeaders = 64;

    // A request once its head is complete; std::nullopt while more bytes may complete it; an error
    // as soon as the bytes so far cannot become a valid request.
    static std::expected<std::optional<HttpRequest>, HttpRequestError> parse(QByteArrayView received);
};

} // namespace TcpLens
