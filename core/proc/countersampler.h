// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "proc/kernelcounters.h"

#include <QList>

namespace TcpLens {

// One counter between two samples.
struct CounterChange
{
    QByteArray name;
    qint64 value = 0;
    qint64 delta = 0; // since the previous sample; for a gauge, the change of its level
    double perSecond = 0; // delta / interval; 0 for gauges
    bool reset = false; // the counter went backwards: it restarted from 0 (a new namespace)
    bool gauge = false;
};

// Turns successive counter readings into deltas and rates. Counters only grow; one that went
// backwards restarted (the namespace was made anew), and its new value is its delta. Gauges (a level,
// like the sockets in TIME-WAIT now) are told apart by the catalog or by their Sockstat group.
class CounterSampler
{
public:
    // The changes since the previous sample (every counter, the unknown ones too); nothing the first time.
    QList<CounterChange> add(const KernelCounters &counters, qint64 monotonicNs);

private:
    KernelCounters m_previous;
    qint64 m_previousNs = 0;
    bool m_hasPrevious = false;
};

} // namespace TcpLens
