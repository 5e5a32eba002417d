// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlchange.h"

#include <QObject>
#include <QThread>

namespace TcpLens {

class ListenerSamplerWorker;

// Samples the listeners of one network namespace fast enough to see their queues fill: a
// listener-only dump (LISTEN + SYN_RECV, no tcp_info, no memory) and /proc/net/netstat every
// `intervalMs` (default 50 ms: 20 Hz), fed into a ListenerSeries that attributes ListenOverflows and
// ListenDrops to listeners. Once a second it also resolves the listeners' owners, reads every
// counter for rates and polls the catalog's sysctls for changes. All of it in a thread of its own
// that entered the namespace; results come as values through queued signals.
class ListenerSampler : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 50;
    static constexpr qint64 DefaultWindowNs = 5LL * 60 * 1'000'000'000;

    // `netns` as NetworkNamespace::resolvePath() takes it; empty: this process's namespace.
    explicit ListenerSampler(const QString &netns = {}, int intervalMs = DefaultIntervalMs,
        qint64 windowNs = DefaultWindowNs, QObject *parent = nullptr);
    ~ListenerSampler() override;

    const QString &netns() const { return m_netns; }
    int intervalMs() const { return m_intervalMs; }
    bool isRunning() const { return m_thread.isRunning(); }
    const QThread *workerThread() const { return &m_thread; }

public Q_SLOTS:
    void start();
    void setIntervalMs(int intervalMs);
    // How long the sampler keeps each listener's samples (for requestHistory()).
    void setWindowNs(qint64 windowNs);
    void setPaused(bool paused);
    void requestHistory(quint64 cookie);

Q_SIGNALS:
    void started(quint64 netnsInode);
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    // Once a second: the catalog's counters, with deltas and rates since the previous second.
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    // A sysctl of the namespace changed between two polls (about a second apart).
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    void historyReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void failed(const QString &message);

private:
    QString m_netns;
    int m_intervalMs;
    QThread m_thread;
    ListenerSamplerWorker *m_worker = nullptr;
};

} // namespace TcpLens
