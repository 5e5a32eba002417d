// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"
#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "netlink/destroywatcher.h"
#include "tracking/statechangeevent.h"
#include "tracking/tcpstatetracepoint.h"

#include <QObject>

#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace TcpLens {

class SnapshotSource;

// Polls one network namespace and hands immutable snapshots, destroy notices and (exact mode)
// tracepoint events to whoever listens. Lives in a WorkerThread of its own that entered the
// namespace, so the receiver's thread never waits for the kernel; everything reaches it through
// WorkerThread::post().
class CollectorWorker : public QObject
{
    Q_OBJECT
public:
    explicit CollectorWorker(CollectorSettings settings);
    ~CollectorWorker() override;

public Q_SLOTS:
    void start();
    void setIntervalMs(int intervalMs);
    // SnapshotSource::Options::keepDetails, from the next poll on.
    void setKeepDetails(bool keep) { m_settings.snapshot.keepDetails = keep; }
    void setPaused(bool paused);
    void pollNow();

Q_SIGNALS:
    void snapshotReady(const TcpLens::SocketSnapshot &snapshot);
    void socketsDestroyed(const TcpLens::DestroyedSockets &destroyed);
    void stateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    // Exact mode on (reading the tracepoint) or off, with the reason in one line.
    void exactModeChanged(bool active, const QString &status);
    // Exact mode: tracepoint events the kernel dropped because a ring buffer was full
    // (PERF_RECORD_LOST), or counted and never wrote (TcpStateTracepoint::countUnwritten()); the polls
    // fill those gaps with inferred steps.
    void exactEventsLost(qint64 count);
    void failed(const QString &message);
    // effectiveMs differs from the asked interval when dumps were too slow for it.
    void pacingChanged(int effectiveMs, bool backedOff, qint64 lastDumpNs);

private:
    void poll();
    void adjustPacing(qint64 dumpNs);
    void readDestroyNotices();
    void startExactMode();
    void readStateChanges();

    CollectorSettings m_settings;
    std::unique_ptr<SnapshotSource> m_source;
    QTimer *m_timer = nullptr;
    std::optional<DestroyWatcher> m_destroyWatcher;
    QSocketNotifier *m_destroyNotifier = nullptr;
    std::optional<TcpStateTracepoint> m_tracepoint;
    QList<QSocketNotifier *> m_tracepointNotifiers;
    int m_effectiveIntervalMs = 0;
    bool m_failedLastTime = false;
    bool m_firstPoll = true;
};

} // namespace TcpLens
