// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QDateTime>

namespace TcpLens {

// The charts' one clock: samples carry CLOCK_MONOTONIC (immune to clock changes), axes and exports
// show wall time. The offset between the two is taken once per process, so every chart agrees.
class ChartClock
{
public:
    static qint64 nowNs(); // CLOCK_MONOTONIC
    static qint64 wallOffsetNs(); // add to CLOCK_MONOTONIC ns to get ns since the epoch
    static QDateTime wallTime(qint64 monotonicNs);
    static qint64 monotonicFromWall(const QDateTime &time);
};

} // namespace TcpLens
