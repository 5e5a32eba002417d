// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "chartclock.h"

#include <time.h>

namespace TcpLens {

qint64 ChartClock::nowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

qint64 ChartClock::wallOffsetNs()
{
    static const qint64 offset = QDateTime::currentMSecsSinceEpoch() * 1'000'000 - nowNs();
    return offset;
}

QDateTime ChartClock::wallTime(qint64 monotonicNs)
{
    return QDateTime::fromMSecsSinceEpoch((monotonicNs + wallOffsetNs()) / 1'000'000);
}

qint64 ChartClock::monotonicFromWall(const QDateTime &time)
{
    return time.toMSecsSinceEpoch() * 1'000'000 - wallOffsetNs();
}

} // namespace TcpLens
