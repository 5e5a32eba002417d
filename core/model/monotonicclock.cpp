// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "monotonicclock.h"

#include <time.h>

namespace TcpLens {

namespace {
qint64 read(clockid_t clock)
{
    timespec now{};
    ::clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}
} // namespace

qint64 MonotonicClock::nowNs()
{
    return read(CLOCK_MONOTONIC);
}

qint64 MonotonicClock::threadCpuNs()
{
    return read(CLOCK_THREAD_CPUTIME_ID);
}

qint64 MonotonicClock::wallOffsetNs()
{
    // Both clocks read back to back, at nanosecond resolution; once, so no two views can disagree.
    static const qint64 offset = [] {
        const qint64 monotonic = read(CLOCK_MONOTONIC);
        return read(CLOCK_REALTIME) - monotonic;
    }();
    return offset;
}

QDateTime MonotonicClock::wallTime(qint64 monotonicNs)
{
    return QDateTime::fromMSecsSinceEpoch((monotonicNs + wallOffsetNs()) / 1'000'000);
}

qint64 MonotonicClock::fromWall(const QDateTime &time)
{
    return time.toMSecsSinceEpoch() * 1'000'000 - wallOffsetNs();
}

} // namespace TcpLens
