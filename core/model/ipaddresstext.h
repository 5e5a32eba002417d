// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

#include <array>
#include <string_view>

namespace TcpLens {

// Room for the longest text ipAddressText() writes: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".
using IpAddressTextBuffer = std::array<char, 46>;

// An address as glibc's inet_ntop() writes it ("127.0.0.1", "2001:db8::1", "::ffff:10.0.0.1"),
// written into `buffer`. inet_ntop() formats with sprintf(), 280 ns an address: a quarter of a
// million of them is 70 ms of a snapshot's JSON. Same text, tested against inet_ntop().
// AF_INET reads the first 4 bytes; any other family is taken for AF_INET6.
std::string_view ipAddressText(quint8 family, const std::array<quint8, 16> &address, IpAddressTextBuffer &buffer);

} // namespace TcpLens
