// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenerseries.h"

namespace TcpLens {

namespace {
// Shares `delta` among `candidates` (indexes into `samples`), the remainder to the first.
void share(
    qint64 delta, const QList<qsizetype> &candidates, QList<ListenerSample> &samples, qint64 ListenerSample::*field)
{
    const qint64 each = delta / candidates.size();
    for (const qsizetype index : candidates)
        samples[index].*field += each;
    samples[candidates.constFirst()].*field += delta - each * candidates.size();
}
} // namespace

ListenerSeries::ListenerSeries(qint64 windowNs)
    : m_windowNs(windowNs)
{
}

const std::deque<ListenerSample> *ListenerSeries::samples(quint64 listenerCookie) const
{
    const auto it = m_series.constFind(listenerCookie);
    return it == m_series.cend() ? nullptr : &*it;
}

void ListenerSeries::add(const SocketSnapshot &snapshot, const std::optional<KernelCounters> &counters)
{
    const qint64 now = snapshot.monotonicNs();
    QList<ListenerSample> samples;
    QList<quint64> cookies;
    QList<qsizetype> acceptFull;
    QList<qsizetype> synFull;
    // A dump without SYN_RECV saw no request socket: the SYN queues are as the last dump that asked.
    const bool synQueuesCounted = snapshot.stateMask() & (1u << int(TcpState::SynRecv));
    for (const auto &listener : snapshot.listeners()) {
        const auto previous = m_series.constFind(listener.cookie);
        const bool hasPrevious = previous != m_series.cend() && !previous->empty();
        const quint32 synQueue =
            synQueuesCounted ? listener.synQueueLength : (hasPrevious ? previous->back().synQueue : 0);
        ListenerSample sample{now, listener.acceptQueueLength, listener.acceptQueueLimit, synQueue, 0, 0};
        sample.synQueueCounted = synQueuesCounted;
        const bool wasFull = hasPrevious && previous->back().acceptQueue > previous->back().acceptQueueLimit;
        if (listener.acceptQueueFull() || wasFull)
            acceptFull.append(samples.size());
        if (listener.acceptQueueLimit > 0 && synQueue >= listener.acceptQueueLimit)
            synFull.append(samples.size());
        samples.append(sample);
        cookies.append(listener.cookie);
    }

    if (counters) {
        const auto overflows = counters->value("TcpExt.ListenOverflows");
        const auto drops = counters->value("TcpExt.ListenDrops");
        if (overflows && drops && m_lastOverflows && m_lastDrops) {
            // A counter that went backwards was reset (a new namespace): start again from here.
            const qint64 overflowDelta = std::max<qint64>(0, *overflows - *m_lastOverflows);
            // Every overflow is also a drop (tcp_listendrop() after the overflow count).
            const qint64 otherDrops = std::max<qint64>(0, (*drops - *m_lastDrops) - overflowDelta);
            if (overflowDelta > 0) {
                if (acceptFull.isEmpty())
                    m_unattributedOverflows += overflowDelta;
                else
                    share(overflowDelta, acceptFull, samples, &ListenerSample::overflows);
            }
            if (otherDrops > 0) {
                if (synFull.isEmpty())
                    m_unattributedDrops += otherDrops;
                else
                    share(otherDrops, synFull, samples, &ListenerSample::drops);
            }
        }
        m_lastOverflows = overflows;
        m_lastDrops = drops;
    }

    for (qsizetype i = 0; i < samples.size(); ++i) {
        auto &series = m_series[cookies[i]];
        series.push_back(samples[i]);
        while (!series.empty() && now - series.front().timeNs > m_windowNs)
            series.pop_front();
    }
    // Listeners that closed keep their history until it leaves the window.
    for (auto it = m_series.begin(); it != m_series.end();) {
        while (!it->empty() && now - it->front().timeNs > m_windowNs)
            it->pop_front();
        it = it->empty() ? m_series.erase(it) : std::next(it);
    }
}

} // namespace TcpLens
