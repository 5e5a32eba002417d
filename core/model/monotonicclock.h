// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QDateTime>

namespace TcpLens {

// The program's one clock. Everything TCP Lens records carries CLOCK_MONOTONIC nanoseconds, the
// clock the kernel stamps tracepoint samples with (perf_event_attr.clockid) and that a wall-clock
// step cannot reorder. What a person reads is wall time: the offset between the two is taken once
// per process, so the table, the timeline, the charts and `watch --json` print the same instant the
// same way.
class MonotonicClock
{
public:
    static qint64 nowNs(); // CLOCK_MONOTONIC
    static qint64 wallOffsetNs(); // add to CLOCK_MONOTONIC ns to get ns since the epoch
    static QDateTime wallTime(qint64 monotonicNs);
    static qint64 fromWall(const QDateTime &time);
    // CLOCK_THREAD_CPUTIME_ID: the CPU the calling thread has used, user and system. Not a time of
    // day: samplers pace themselves by what a sample cost, not by how long it took on a busy machine.
    static qint64 threadCpuNs();
};

} // namespace TcpLens
