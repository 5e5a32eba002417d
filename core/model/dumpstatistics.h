// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// How one dump went, for the status bar and the benchmarks.
struct DumpStatistics
{
    qint64 durationNs = 0; // wall time of the netlink dump(s) and decoding
    qint64 ownerLookupNs = 0; // time resolving owners from /proc took after the dump (a first walk runs during it)
    quint32 messages = 0; // SOCK_DIAG_BY_FAMILY messages decoded
    quint64 bytes = 0; // netlink bytes received
    quint32 restarts = 0; // dumps redone because the kernel flagged NLM_F_DUMP_INTR
    quint32 skippedMessages = 0; // malformed messages skipped (each also logged)
};

} // namespace TcpLens
