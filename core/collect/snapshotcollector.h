// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"
#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "tracking/statechangeevent.h"

#include <QObject>
#include <QThread>

namespace TcpLens {

class CollectorWorker;

// Polls one network namespace in a thread of its own and hands immutable snapshots to whoever
// listens, through queued signals: the receiver's thread never waits for the kernel.
class SnapshotCollector : public QObject
{
    Q_OBJECT
public:
    explicit SnapshotCollector(CollectorSettings settings = {}, QObject *parent = nullptr);
    ~SnapshotCollector() override;

    const CollectorSettings &settings() const { return m_settings; }
    bool isPaused() const { return m_paused; }
    // The thread the polling happens in (never the caller's).
    const QThread *workerThread() const { return &m_thread; }

public Q_SLOTS:
    void start();
    void setIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void pollNow();

Q_SIGNALS:
    void snapshotReady(const TcpLens::SocketSnapshot &snapshot);
    // Every full socket that closed, even one that lived and died between two polls.
    void socketsDestroyed(const TcpLens::DestroyedSockets &destroyed);
    // Exact mode: state changes straight from the kernel's tracepoint, always before the snapshot
    // that follows them.
    void stateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    void exactModeChanged(bool active, const QString &status);
    // Exact mode: tracepoint events the kernel dropped because a ring buffer was full
    // (PERF_RECORD_LOST), or counted and never wrote (TcpStateTracepoint::countUnwritten()); the polls
    // fill those gaps with inferred steps.
    void exactEventsLost(qint64 count);
    void failed(const QString &message);
    void pacingChanged(int effectiveMs, bool backedOff, qint64 lastDumpNs);

private:
    CollectorSettings m_settings;
    QThread m_thread;
    CollectorWorker *m_worker = nullptr;
    bool m_paused = false;
};

} // namespace TcpLens
