// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "proc/kernelcounters.h"

#include <QHash>
#include <QList>

#include <deque>
#include <optional>

namespace TcpLens {

// One listener's queues at one poll, with the drops the kernel counted since the previous poll that
// this listener is held responsible for.
struct ListenerSample
{
    qint64 timeNs = 0;
    quint32 acceptQueue = 0;
    quint32 acceptQueueLimit = 0;
    quint32 synQueue = 0;
    qint64 overflows = 0; // share of the TcpExt.ListenOverflows delta
    qint64 drops = 0; // share of the TcpExt.ListenDrops delta beyond the overflows
    // False when this poll did not count request sockets and synQueue is the last count carried on
    // (ListenerSamplerWorker walks the SYN queues less often where that walk is costly).
    bool synQueueCounted = true;
};

// The queue occupancy of every listener over time, for the charts.
//
// The kernel counts accept-queue overflows (ListenOverflows, tcp_v4_syn_recv_sock()) and all dropped
// SYNs (ListenDrops, tcp_listendrop()) for the whole namespace, not per listener. We attribute a
// delta to the listeners that could have caused it: overflows to those whose accept queue was full
// (length > limit, sk_acceptq_is_full()) at this poll or the previous one; the remaining drops to
// those whose SYN queue had reached its limit. Several candidates share a delta evenly (the remainder
// to the fullest). A delta with no candidate (a queue that filled and drained between two polls) is
// counted as unattributed: sample faster (the listener-only dump) to shrink that. A snapshot taken
// without SYN_RECV in its state mask carries each listener's last SYN queue length on.
class ListenerSeries
{
public:
    explicit ListenerSeries(qint64 windowNs = 30LL * 60 * 1'000'000'000);

    void add(const SocketSnapshot &snapshot, const std::optional<KernelCounters> &counters = std::nullopt);
    // Samples older than the window are dropped at the next add().
    void setWindowNs(qint64 windowNs) { m_windowNs = windowNs; }
    qint64 windowNs() const { return m_windowNs; }
    QList<quint64> listenerCookies() const { return m_series.keys(); }
    const std::deque<ListenerSample> *samples(quint64 listenerCookie) const;
    qint64 unattributedOverflows() const { return m_unattributedOverflows; }
    qint64 unattributedDrops() const { return m_unattributedDrops; }

private:
    qint64 m_windowNs;
    QHash<quint64, std::deque<ListenerSample>> m_series;
    std::optional<qint64> m_lastOverflows;
    std::optional<qint64> m_lastDrops;
    qint64 m_unattributedOverflows = 0;
    qint64 m_unattributedDrops = 0;
};

} // namespace TcpLens
