// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to every /proc/net counter parser. None may crash, read out of bounds or
// invent a counter without a warning-free way to it; ASan and UBSan watch.
#include "proc/kernelcounters.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    QStringList warnings;
    const auto snmp = TcpLens::KernelCounters::parseSnmpStyle(text, &warnings);
    const auto snmp6 = TcpLens::KernelCounters::parseSnmp6(text, &warnings);
    const auto sockstat = TcpLens::KernelCounters::parseSockstat(text, "Sockstat", &warnings);
    // Every counter has a name made of the input's own bytes: never longer than the input.
    for (const auto *counters : {&snmp, &snmp6, &sockstat}) {
        for (auto it = counters->values().cbegin(); it != counters->values().cend(); ++it) {
            if (it.key().size() > qsizetype(size) + 16)
                __builtin_trap();
        }
    }
    return 0;
}
