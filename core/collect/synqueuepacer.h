// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

namespace TcpLens {

// When the listener sampler should count SYN queues again. Request sockets live in the established
// hash, which every network namespace shares unless tcp_child_ehash_entries gave it its own:
// inet_diag_dump_icsk() walks every bucket of it for SYN_RECV and skips other namespaces' sockets one
// by one. So a SYN-queue count costs the same in an empty namespace as the whole machine's socket
// count (about 2.5 ms here with a quiet host, 21 ms with 120,000 sockets: docs/benchmarks.md), while
// the accept queues need only the small listening hash. The pacer spends a fixed share of one CPU on
// the walk: a small one while every queue is empty, a larger one while a listener is under load and
// its SYN queue is worth watching closely.
class SynQueuePacer
{
public:
    static constexpr double QuietShare = 0.01; // of one CPU, while no listener holds anything
    static constexpr double BusyShare = 0.10; // while a queue is not empty or the kernel drops
    static constexpr qint64 LongestGapNs = 5'000'000'000; // counts stay at most this old

    // Whether a tick starting at `nowNs` should count the SYN queues.
    bool isDue(qint64 nowNs) const { return nowNs >= m_nextNs; }
    // A tick counted them: it started at `startNs` and its dump took `costNs`. `busy`: some listener
    // had a non-empty queue, or overflows or drops were counted.
    void counted(qint64 startNs, qint64 costNs, bool busy);
    // A tick without the count found a listener busy: count at the busy share from now on.
    void becameBusy(qint64 nowNs);
    qint64 nextNs() const { return m_nextNs; }

private:
    qint64 m_nextNs = 0;
    qint64 m_lastStartNs = 0;
    qint64 m_lastCostNs = 0;
    bool m_busy = false;
};

} // namespace TcpLens
