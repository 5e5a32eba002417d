// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
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

// Lives in the listener sampler's own thread: enters the namespace, takes listener-only dumps and
// reads the counters on a fast timer, the owners, the counter rates and the sysctls on a slow one.
// Only ListenerSampler creates it; everything reaches it through queued calls.
class ListenerSamplerWorker : public QObject
{
    Q_OBJECT
public:
    ListenerSamplerWorker(QString netns, int intervalMs, qint64 windowNs);
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
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    void historyReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void failed(const QString &message);

private:
    void tick();
    void slowTick(qint64 nowNs);

    QString m_netns;
    int m_intervalMs;
    std::unique_ptr<SnapshotSource> m_source;
    std::unique_ptr<SysctlWatcher> m_sysctls;
    ListenerSeries m_series;
    CounterSampler m_counterSampler;
    QTimer *m_timer = nullptr;
    quint64 m_generation = 0;
    qint64 m_lastSlowTickNs = 0;
    bool m_failedLastTime = false;
    bool m_resolveOwnersNext = true;
    struct Names
    {
        QString endpoint;
        QString process;
    };
    QHash<quint64, Names> m_names; // by cookie; dropped when the listener leaves a dump
};

} // namespace TcpLens
