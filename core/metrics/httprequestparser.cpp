// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "httprequestparser.h"

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

// RFC 9110 5.6.2: tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// A field value: visible characters, spaces and tabs, and obs-text (bytes >= 0x80).
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte != '\t' && (byte < 0x20 || byte == 0x7f))
            return false;
    }
    return true;
}

// An origin-form target: '/' then visible ASCII (RFC 3986 characters; we do not decode them).
bool isOriginForm(QByteArrayView target)
{
    if (!target.startsWith('/'))
        return false;
    for (const char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f)
            return false;
    }
    return true;
}

// A CR or LF that is not part of a CRLF; a CR at the very end may still get its LF.
bool hasBareLineBreak(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            return true;
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] != '\n')
            return true;
    }
    return false;
}

std::unexpected<HttpRequestError> refuse(int status, const QString &message)
{
    return std::unexpected(HttpRequestError{status, message});
}

} // namespace

std::expected<std::optional<HttpRequest>, HttpRequestError> HttpRequestParser::parse(QByteArrayView received)
{
    // A NUL anywhere is refused at once, whatever else the bytes hold.
    if (received.contains('\0'))
        return refuse(400, u"a NUL byte in the request"_s);
    const qsizetype end = received.indexOf("\r\n\r\n");
    const qsizetype firstLineEnd = received.indexOf("\r\n");
    // The request line is judged as soon as it is complete, so a bad one is not answered with 431.
    const QByteArrayView window = received.first(std::min(received.size(), MaxHeadBytes));
    if (hasBareLineBreak(end < 0 ? window : received.first(end + 4)))
        return refuse(400, u"a line ends in a bare CR or LF, not CRLF"_s);
    if (firstLineEnd < 0) {
        if (received.size() > MaxRequestLineBytes)
            return refuse(431, u"the request line is longer than %1 bytes"_s.arg(MaxRequestLineBytes));
        return std::optional<HttpRequest>();
    }
    if (firstLineEnd > MaxRequestLineBytes)
        return refuse(431, u"the request line is longer than %1 bytes"_s.arg(MaxRequestLineBytes));

    HttpRequest request;
    // RFC 9112 3: method SP request-target SP HTTP-version, single spaces.
    const QByteArrayView line = received.first(firstLineEnd);
    const qsizetype space1 = line.indexOf(' ');
    const qsizetype space2 = space1 < 0 ? -1 : line.indexOf(' ', space1 + 1);
    if (space1 <= 0 || space2 < 0 || line.indexOf(' ', space2 + 1) >= 0)
        return refuse(400, u"the request line is not METHOD TARGET HTTP/1.1"_s);
    const QByteArrayView method = line.first(space1);
    const QByteArrayView target = line.sliced(space1 + 1, space2 - space1 - 1);
    const QByteArrayView version = line.sliced(space2 + 1);
    if (!isToken(method))
        return refuse(400, u"the method is not a token"_s);
    if (!isOriginForm(target))
        return refuse(400, u"the target is not a path starting with '/'"_s);
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || version[5] < '0' ||
        version[5] > '9' || version[7] < '0' || version[7] > '9')
        return refuse(400, u"the version is not HTTP/x.y"_s);
    if (version[5] != '1')
        return refuse(505, u"only HTTP/1.0 and HTTP/1.1 are spoken here"_s);
    request.method = method.toByteArray();
    request.target = target.toByteArray();
    const qsizetype query = target.indexOf('?');
    request.path = (query < 0 ? target : target.first(query)).toByteArray();
    request.minorVersion = version[7] - '0';

    // Headers seen so far are checked even before the head is complete: garbage is refused early.
    const QByteArrayView head = end < 0 ? window : received.first(end + 2);
    qsizetype position = firstLineEnd + 2;
    while (position < head.size()) {
        const qsizetype lineEnd = head.indexOf("\r\n", position);
        if (lineEnd < 0)
            break; // an incomplete last line
        const QByteArrayView field = head.sliced(position, lineEnd - position);
        position = lineEnd + 2;
        if (field.isEmpty())
            break;
        if (field.front() == ' ' || field.front() == '\t')
            return refuse(400, u"obsolete line folding in the headers"_s);
        const qsizetype colon = field.indexOf(':');
        if (colon <= 0 || !isToken(field.first(colon)))
            return refuse(400, u"a header line is not NAME: VALUE"_s);
        const QByteArrayView value = field.sliced(colon + 1).trimmed();
        if (!isFieldValue(value))
            return refuse(400, u"a header value holds a control character"_s);
        if (request.headers.size() >= MaxHeaders)
            return refuse(431, u"more than %1 header fields"_s.arg(MaxHeaders));
        request.headers.append({field.first(colon).toByteArray().toLower(), value.toByteArray()});
    }
    if (end < 0) {
        if (received.size() >= MaxHeadBytes)
            return refuse(431, u"the request head is longer than %1 bytes"_s.arg(MaxHeadBytes));
        return std::optional<HttpRequest>();
    }
    if (end + 4 > MaxHeadBytes)
        return refuse(431, u"the request head is longer than %1 bytes"_s.arg(MaxHeadBytes));
    request.headBytes = end + 4;

    if (request.minorVersion == 1 && request.header("host").isNull())
        return refuse(400, u"an HTTP/1.1 request without Host"_s);
    int hosts = 0;
    for (const auto &[name, value] : std::as_const(request.headers)) {
        if (name == "host")
            ++hosts;
        // No request here has a body; one announced is refused rather than left in the stream.
        if (name == "transfer-encoding")
            return refuse(400, u"a request body (Transfer-Encoding) is not accepted"_s);
        if (name == "content-length" && value != "0")
            return refuse(400, u"a request body (Content-Length) is not accepted"_s);
    }
    if (hosts > 1)
        return refuse(400, u"more than one Host header"_s);
    return std::optional<HttpRequest>(std::move(request));
}

} // namespace TcpLens
