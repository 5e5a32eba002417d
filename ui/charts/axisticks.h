// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

namespace TcpLens {

// Tick spacings a reader takes in at a glance: 1, 2 or 5 times a power of ten (0.2 s, 50, 1000),
// never the 62.5 or 0.0375 that dividing a range by a tick count gives.
class AxisTicks
{
public:
    // The interval that gives about `ticks` ticks over `span`.
    static double niceInterval(double span, int ticks);
    // The axis end: the first multiple of niceInterval(value, ticks) at or above `value`, so that
    // the last tick sits on the end.
    static double niceEnd(double value, int ticks);
};

} // namespace TcpLens
