// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the exporter's HTTP request parser, whole and cut at every length a
// socket might deliver first. None may crash or read out of bounds (ASan and UBSan watch); a
// request it accepts must fit the limits it promises.
#include "metrics/httprequestparser.h"

#include <cstddef>
#include <cstdint>

using TcpLens::HttpRequestParser;

namespace {

void check(QByteArrayView bytes)
{
    const auto parsed = HttpRequestParser::parse(bytes);
    if (!parsed) {
        const int status = parsed.error().status;
        if (status != 400 && status != 431 && status != 505)
            __builtin_trap();
        return;
    }
    if (!parsed->has_value())
        return;
    const TcpLens::HttpRequest &request = **parsed;
    if (request.headBytes > HttpRequestParser::MaxHeadBytes || request.headBytes > bytes.size() ||
        request.headers.size() > HttpRequestParser::MaxHeaders || !request.path.startsWith('/'))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    check(bytes);
    // The same bytes as the first read() of a slow client would return them.
    if (size > 1)
        check(bytes.first(bytes.size() / 2));
    return 0;
}
