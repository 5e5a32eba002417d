// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the sock_diag decoder as if recv() had returned them. Built with
// AddressSanitizer and UndefinedBehaviorSanitizer: any read outside the input, or any crash, is found.
#include "netlink/inetdiagdecoder.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto bytes = std::as_bytes(std::span(data, size));
    TcpLens::CongestionNameTable congestion;
    std::vector<TcpLens::SocketRecord> sockets;
    const auto result = TcpLens::decodeDumpChunk(bytes, congestion, sockets);
    // A failure must say where and why; a success must not invent sockets beyond what fits.
    if (!result && (result.error().message.isEmpty() || result.error().offset < 0))
        __builtin_trap();
    if (result && sockets.size() * 88 > size)
        __builtin_trap();
    // The message decoder alone, on the same bytes.
    (void)TcpLens::decodeInetDiagMessage(bytes, congestion);
    return 0;
}
