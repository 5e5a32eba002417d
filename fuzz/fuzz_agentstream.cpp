// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the agent stream's decoder (core/remote/), as a hostile or broken remote
// host would: once whole and once in pieces whose sizes the input's first byte picks, since a pipe
// delivers any split. The seeds (fuzz/corpus-agent/) are real `tcplens agent` output and the stream
// tst_agentstream encodes. Built with AddressSanitizer and UndefinedBehaviorSanitizer.
#include "remote/agentstreamdecoder.h"

#include <cstddef>
#include <cstdint>

namespace {

void decode(QByteArrayView bytes, qsizetype step)
{
    TcpLens::AgentStreamDecoder decoder;
    for (qsizetype offset = 0; offset < bytes.size(); offset += step) {
        decoder.append(bytes.sliced(offset, qMin(step, bytes.size() - offset)));
        for (;;) {
            auto message = decoder.next();
            if (!message)
                return;
            if (!*message)
                break;
            // A decoded snapshot must never point outside itself.
            if (const auto *snapshot = std::get_if<TcpLens::SocketSnapshot>(&**message)) {
                for (const TcpLens::ListenerQueue &listener : snapshot->listeners()) {
                    if (listener.socketIndex >= int(snapshot->sockets().size()))
                        __builtin_trap();
                }
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    decode(bytes, qMax<qsizetype>(bytes.size(), 1));
    decode(bytes, qsizetype(data[0] % 64) + 1);
    return 0;
}
