// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "ipaddresstext.h"

#include <sys/socket.h>

#include <charconv>

namespace TcpLens {

namespace {

char *putIpv4(char *out, const quint8 *bytes)
{
    for (int i = 0; i < 4; ++i) {
        if (i != 0)
            *out++ = '.';
        out = std::to_chars(out, out + 3, bytes[i]).ptr;
    }
    return out;
}

// glibc's inet_ntop6() (from BIND): the longest run of two or more zero words becomes "::", the
// first of equally long runs; words in lowercase hex without leading zeros; ::a.b.c.d and
// ::ffff:a.b.c.d keep their IPv4 part dotted.
char *putIpv6(char *out, const quint8 *bytes)
{
    std::array<unsigned, 8> words;
    for (std::size_t i = 0; i < words.size(); ++i)
        words[i] = unsigned(bytes[2 * i]) << 8 | bytes[2 * i + 1];
    int bestBase = -1;
    int bestLength = 0;
    for (int i = 0; i < 8;) {
        if (words[std::size_t(i)] != 0) {
            ++i;
            continue;
        }
        int length = 0;
        while (i + length < 8 && words[std::size_t(i + length)] == 0)
            ++length;
        if (length > bestLength) {
            bestBase = i;
            bestLength = length;
        }
        i += length;
    }
    if (bestLength < 2)
        bestBase = -1;
    for (int i = 0; i < 8; ++i) {
        if (bestBase != -1 && i >= bestBase && i < bestBase + bestLength) {
            if (i == bestBase)
                *out++ = ':';
            continue;
        }
        if (i != 0)
            *out++ = ':';
        if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)))
            return putIpv4(out, bytes + 12);
        out = std::to_chars(out, out + 4, words[std::size_t(i)], 16).ptr;
    }
    if (bestBase != -1 && bestBase + bestLength == 8)
        *out++ = ':';
    return out;
}

} // namespace

std::string_view ipAddressText(quint8 family, const std::array<quint8, 16> &address, IpAddressTextBuffer &buffer)
{
    char *const end =
        family == AF_INET ? putIpv4(buffer.data(), address.data()) : putIpv6(buffer.data(), address.data());
    return std::string_view(buffer.data(), std::size_t(end - buffer.data()));
}

} // namespace TcpLens
