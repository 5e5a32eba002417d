// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "axisticks.h"

#include <algorithm>
#include <cmath>

namespace TcpLens {

double AxisTicks::niceInterval(double span, int ticks)
{
    if (!(span > 0))
        return 1;
    const double raw = span / std::max(ticks, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double step : {1.0, 2.0, 5.0}) {
        // A hair of tolerance: 0.3 / 3 is 0.09999..., which is a tick of 0.1, not of 0.2.
        if (raw <= step * magnitude * (1 + 1e-9))
            return step * magnitude;
    }
    return 10 * magnitude;
}

double AxisTicks::niceEnd(double value, int ticks)
{
    const double interval = niceInterval(value, ticks);
    return std::max(1.0, std::ceil(value / interval - 1e-9)) * interval;
}

} // namespace TcpLens
