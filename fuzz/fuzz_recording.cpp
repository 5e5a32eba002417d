// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the recording's decoders (core/record/), as a damaged file or a hostile
// remote agent would. The first byte picks the decoder, in the order of tst_recordcodec's blobs
// (which writes the seeds, fuzz/corpus-recording/); a delta's input starts with its base key frame
// (a u32 little-endian length and the bytes). Built with AddressSanitizer and UndefinedBehaviorSanitizer.
#include "record/observationcodec.h"
#include "record/snapshotcodec.h"

#include <cstddef>
#include <cstdint>

namespace {

// A decoded snapshot must never point outside itself.
void check(const TcpLens::SocketSnapshot::Data &data)
{
    for (const TcpLens::ListenerQueue &listener : data.listeners) {
        if (listener.socketIndex >= int(data.sockets.size()))
            __builtin_trap();
    }
    for (const TcpLens::SocketRecord &socket : data.sockets) {
        if (socket.congestion != 0 && socket.congestion >= data.congestionNames.size())
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace TcpLens;
    if (size < 1)
        return 0;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 11) {
    case 0:
        if (auto decoded = decodeSnapshot(bytes, nullptr))
            check(*decoded);
        break;
    case 1: {
        if (bytes.size() < 4)
            return 0;
        const quint32 baseSize = quint32(quint8(bytes[0])) | quint32(quint8(bytes[1])) << 8 |
            quint32(quint8(bytes[2])) << 16 | quint32(quint8(bytes[3])) << 24;
        if (baseSize > quint32(bytes.size() - 4))
            return 0;
        auto base = decodeSnapshot(bytes.sliced(4, baseSize), nullptr);
        if (!base)
            return 0;
        const SocketSnapshot baseSnapshot(std::move(*base));
        if (auto decoded = decodeSnapshot(bytes.sliced(4 + baseSize), &baseSnapshot))
            check(*decoded);
        break;
    }
    case 2:
        (void)decodeDestroyed(bytes);
        break;
    case 3:
        (void)decodeStateChanges(bytes);
        break;
    case 4:
        (void)decodeConnectionEvents(bytes);
        break;
    case 5:
        (void)decodeListenerBatch(bytes);
        break;
    case 6:
        (void)decodeCounterSample(bytes);
        break;
    case 7:
        (void)decodeSysctlChange(bytes);
        break;
    case 8:
        (void)decodeSysctlReading(bytes);
        break;
    case 9:
        (void)decodeMarker(bytes);
        break;
    case 10:
        (void)decodeExactMode(bytes);
        break;
    }
    return 0;
}
