// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collect/synqueuepacer.h"

#include <algorithm>

namespace TcpLens {

namespace {
qint64 gapFor(qint64 costNs, bool busy)
{
    const double share = busy ? SynQueuePacer::BusyShare : SynQueuePacer::QuietShare;
    return std::min(qint64(double(costNs) / share), SynQueuePacer::LongestGapNs);
}
} // namespace

void SynQueuePacer::counted(qint64 startNs, qint64 costNs, bool busy)
{
    m_lastStartNs = startNs;
    m_lastCostNs = std::max<qint64>(costNs, 0);
    m_busy = busy;
    m_nextNs = startNs + gapFor(m_lastCostNs, busy);
}

void SynQueuePacer::becameBusy(qint64 nowNs)
{
    if (m_busy)
        return;
    m_busy = true;
    // The walk costs what it cost last time; only the share changes. Never later than planned.
    m_nextNs = std::min(m_nextNs, std::max(nowNs, m_lastStartNs + gapFor(m_lastCostNs, true)));
}

} // namespace TcpLens
