// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "countersampler.h"

#include "proc/countercatalog.h"

namespace TcpLens {

QList<CounterChange> CounterSampler::add(const KernelCounters &counters, qint64 monotonicNs)
{
    QList<CounterChange> changes;
    if (m_hasPrevious) {
        const double seconds = double(monotonicNs - m_previousNs) / 1e9;
        const CounterCatalog &catalog = CounterCatalog::builtIn();
        for (auto it = counters.values().cbegin(); it != counters.values().cend(); ++it) {
            CounterChange change;
            change.name = it.key();
            change.value = it.value();
            const CounterDescription *known = catalog.find(change.name);
            change.gauge = (known && known->gauge) || change.name.startsWith("Sockstat");
            const auto before = m_previous.value(change.name);
            if (!before) {
                change.delta = change.gauge ? 0 : change.value; // new counter: everything is new
            } else if (change.gauge) {
                change.delta = change.value - *before;
            } else if (change.value < *before) {
                change.reset = true;
                change.delta = change.value;
            } else {
                change.delta = change.value - *before;
            }
            if (!change.gauge && seconds > 0)
                change.perSecond = double(change.delta) / seconds;
            changes.append(change);
        }
    }
    m_previous = counters;
    m_previousNs = monotonicNs;
    m_hasPrevious = true;
    return changes;
}

} // namespace TcpLens
