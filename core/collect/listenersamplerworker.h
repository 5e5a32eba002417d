// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "collect/namespaceaccess.h"
#include "collect/synqueuepacer.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlchange.h"
#include "tracking/listenerseries.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

class QTimer;

namespace TcpLens {

class SnapshotSource;
class SysctlWatcher;

// Samples the listeners of one network namespace fast enough to see their queues fill: a
// listener-only dump (LISTEN + SYN_RECV, no tcp_info, no memory) and /proc/net/netstat every
// `intervalMs` (default 50 ms: 20 Hz), fed into a ListenerSeries that attributes ListenOverflows and
// ListenDrops to listeners. Once a second it also resolves the listeners' owners, reads every
// counter for rates and polls the catalog's sysctls for changes. Lives in a WorkerThread of its own
// that entered the namespace; everything reaches it through WorkerThread::post().
class ListenerSamplerWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 50;
    static constexpr int NoListenerIntervalMs = 250; // while the namespace has no listener
    static constexpr qint64 DefaultWindowNs = 5LL * 60 * 1'000'000'000;

    // `netns` as NetworkNamespace::resolvePath() takes it; empty: this process's namespace.
    ListenerSamplerWorker(
        NamespaceAccess access, int intervalMs = DefaultIntervalMs, qint64 windowNs = DefaultWindowNs);
    ~ListenerSamplerWorker() override;

public Q_SLOTS:
    void start();
    void setIntervalMs(int intervalMs);
    void setWindowNs(qint64 windowNs);
    void setPaused(bool paused);
    // Answers with historyReady(): the whole stored series of one listener.
    void requestHistory(quint64 cookie);

Q_SIGNALS:
    void started(quint64 netnsInode);
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    // Once a second: the catalog's counters, with deltas and rates since the previous second.
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    // A sysctl of the namespace changed between two polls (about a second apart).
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    // Every watched sysctl's value, after the first poll.
    void sysctlsRead(qint64 monotonicNs, const QHash<QString, QString> &values);
    void historyReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void failed(const QString &message);

private:
    void tick();
    void slowTick(qint64 nowNs);

    NamespaceAccess m_access;
    int m_intervalMs;
    std::unique_ptr<SnapshotSource> m_source;
    std::unique_ptr<SysctlWatcher> m_sysctls;
    ListenerSeries m_series;
    SynQueuePacer m_synPacer;
    CounterSampler m_counterSampler;
    QTimer *m_timer = nullptr;
    quint64 m_generation = 0;
    qint64 m_lastSlowTickNs = 0;
    bool m_failedLastTime = false;
    bool m_resolveOwnersNext = true;
    bool m_hadListeners = true; // until the first tick says otherwise
    struct Names
    {
        QString endpoint;
        QString process;
    };
    QHash<quint64, Names> m_names; // by cookie; dropped when the listener leaves a dump
};

} // namespace TcpLens
