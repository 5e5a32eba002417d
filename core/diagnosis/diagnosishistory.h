// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "proc/countersampler.h"
#include "proc/kernelcounters.h"
#include "tracking/slottable.h"

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace TcpLens {

// What the diagnosis needs besides the snapshot in hand: since when each socket has been in its state,
// since when each listener's accept queue has been full, the namespace's counters and their rates, and
// the sysctls in force. Fed in order by whoever holds the pipeline (the window, `doctor`, the lab, a
// recording played back), so readings are a pure function of a snapshot and this history.
class DiagnosisHistory
{
public:
    // How long a socket has been in its state. `atLeast`: it already was when first seen, so this is
    // a lower bound (tcp_info's ages raise it where they can).
    struct Age
    {
        double seconds = 0;
        bool atLeast = false;
        qint64 sinceNs = 0; // monotonic
    };

    // Snapshots in order of generation; each forgets the sockets gone since the previous one.
    void addSnapshot(const SocketSnapshot &snapshot);
    // Counters, read whole (`doctor`) or as the pipeline's changes (catalog counters only).
    void addCounters(qint64 monotonicNs, const KernelCounters &counters);
    void addCounterChanges(qint64 monotonicNs, const QList<CounterChange> &changes);
    // Sysctls in force, by key ("net.ipv4.tcp_fin_timeout"), as /proc/sys reads them.
    void setSysctls(const QHash<QString, QString> &values);
    void setSysctl(const QString &key, const QString &value);

    Age stateAge(const SocketRecord &socket, qint64 nowNs) const;
    // For a pass over many sockets: asks the memory for where a socket's entry is listed, some
    // sockets ahead, then for the entry itself, a few sockets ahead of its stateAge().
    void prefetchIndex(quint64 cookie) const { m_indexByCookie.prefetch(SlotTable::mix(cookie)); }
    void prefetchEntry(quint64 cookie) const
    {
        if (const quint32 guess = m_indexByCookie.guess(SlotTable::mix(cookie)); guess != SlotTable::None)
            __builtin_prefetch(&m_seen[guess]);
    }
    // Since when a listener's accept queue has been at its limit, if it is now.
    std::optional<qint64> acceptQueueFullSinceNs(quint64 listenerCookie) const;
    std::optional<qint64> counterValue(QByteArrayView name) const;
    // Per second between the last two readings of the counter; nothing before the second reading.
    std::optional<double> counterRate(QByteArrayView name) const;
    std::optional<QString> sysctl(const QString &key) const;
    // The first number of a sysctl, or `fallback` when it is not known (an older kernel lacks it).
    qint64 sysctlNumber(const QString &key, qint64 fallback) const;
    qint64 firstSnapshotNs() const { return m_firstNs; }

private:
    // 24 bytes a socket, in one array: a million sockets are 24 MB read in order, not a million
    // hash nodes (docs/benchmarks.md).
    struct Seen
    {
        quint64 cookie = 0;
        qint64 sinceNs = 0;
        quint32 round = 0; // the last snapshot that had it
        TcpState state = TcpState::Unknown;
        bool atLeast = false;
    };
    struct Counter
    {
        qint64 value = 0;
        std::optional<double> perSecond;
    };

    quint32 indexOf(quint64 cookie) const;

    std::vector<Seen> m_seen; // of the sockets of the last snapshot, in no order
    SlotTable m_indexByCookie; // into m_seen
    QHash<quint64, qint64> m_fullSince;
    QHash<QByteArray, Counter> m_counters;
    KernelCounters m_lastCounters;
    qint64 m_lastCountersNs = 0;
    QHash<QString, QString> m_sysctls;
    qint64 m_firstNs = 0;
    qint64 m_lastNs = 0;
    quint32 m_round = 0;
};

} // namespace TcpLens
