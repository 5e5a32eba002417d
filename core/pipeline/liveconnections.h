// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/workerthread.h"
#include "diagnosis/diagnoser.h"
#include "diagnosis/diagnosishistory.h"
#include "diagnosis/diagnosisreport.h"
#include "model/socketsnapshot.h"
#include "pipeline/connectionsource.h"
#include "pipeline/trackedsnapshot.h"
#include "pipeline/trackingworker.h"
#include "tracking/connectionevent.h"
#include "tracking/connectiontracker.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>
#include <type_traits>

namespace TcpLens {

// The one pipeline every front end uses: the window and its panels, `watch --json`, and whatever
// comes next. It owns one ConnectionSource and, in a thread of its own (TrackingWorker), the
// ConnectionTracker and the diagnosis: they apply what the source reports in the order it happened
// (tracepoint events, destroy notices, then the snapshot that follows them), drop a snapshot
// overtaken by a newer one, count the sockets in each state, and hand the results back here as
// values, so that the thread of the views never holds still for a tracker's pass over 120,000
// sockets. Views never see the source: replacing it (another namespace, exact mode switched, a
// recording) keeps every connection made to this object.
class LiveConnections : public QObject
{
    Q_OBJECT
public:
    // What replacing a source means for the connections followed so far.
    enum class SourceChange : quint8 {
        Fresh, // another machine, namespace or file: forget every connection (sourceChanged())
        SameKernel, // the same kernel read another way (exact mode switched): keep following them
    };

    // How collection goes, for the status bar.
    struct Status
    {
        bool exactActive = false; // tracepoint events are being read
        QString exactStatus; // why exact mode is on or off, one line
        qint64 exactEventsLost = 0; // tracepoint events the kernel dropped (full ring buffers)
        int effectiveIntervalMs = 0; // the poll interval in force (longer when dumps are slow)
        bool backedOff = false;
        QString failure; // the last failure, until a snapshot arrives again
    };

    explicit LiveConnections(QObject *parent = nullptr);
    ~LiveConnections() override;

    // Takes `source` over and starts it. The old source, if any, stops and is deleted first.
    void setSource(std::unique_ptr<ConnectionSource> source, SourceChange change = SourceChange::Fresh);
    ConnectionSource *source() const { return m_source.get(); }
    SourceDescription description() const;
    SourceCapabilities capabilities() const;
    // Now on the source's clock (ConnectionSource::nowNs()): where the charts' "now" is.
    qint64 sourceNowNs() const;

    // Runs `inspect(const TrackingWorker &)` in the tracking thread and returns what it returns, which
    // must be a value (never a pointer into the tracker). It waits until the tracker is free: for
    // commands, tests and one-off actions, never per frame (the views have latest() and its update).
    template<typename Inspect>
    auto inspect(Inspect &&inspect) const -> std::invoke_result_t<Inspect, const TrackingWorker &>;
    // A copy of one connection as the tracker has it now (inspect()), or none.
    std::optional<TrackedConnection> connection(quint64 connectionId) const;

    // New limits apply from the next snapshot on.
    void setTrackerSettings(const ConnectionTracker::Settings &settings);
    const ConnectionTracker::Settings &trackerSettings() const { return m_trackerSettings; }
    // The newest snapshot the tracker has applied; null before the first.
    const SocketSnapshot &latest() const { return m_latest.snapshot; }
    // latest() with what the tracker knows of each of its sockets.
    const TrackedSnapshot &latestTracked() const { return m_latest; }
    // Whether latestTracked().tracking stays after snapshotApplied() (by default it does). A window
    // that hands it to its table from its slot, and keeps it itself while its table stands still,
    // sets false: 16 bytes a socket held twice otherwise (docs/benchmarks.md).
    void setKeepsTracking(bool keeps) { m_keepsTracking = keeps; }
    // Sockets of latest() in each state (request sockets under NewSynRecv).
    const QHash<TcpState, int> &stateCounts() const { return m_latest.stateCounts; }
    const Status &status() const { return m_status; }
    // The diagnosis of latest() (docs/diagnosis.md), renewed with every snapshot applied.
    const DiagnosisReport &diagnosis() const { return m_latest.diagnosis; }
    // The rules in force (the same as the tracking thread's; they never change).
    const Diagnoser &diagnoser() const { return m_diagnoser; }
    // Why the socket `cookie` of latest() is where it is, or an empty reading (inspect(): it waits).
    SocketReading explain(quint64 cookie) const;

    // The connection a view follows: followedConnection() is kept current (followedChanged()), at
    // every snapshot and whenever an event moves it. 0: none.
    void setFollowedConnection(quint64 connectionId);
    quint64 followedConnectionId() const { return m_followedId; }
    // Null while none is followed, before the tracking thread answered, or when it has closed and
    // been forgotten.
    const TrackedConnection *followedConnection() const { return m_followed ? &*m_followed : nullptr; }
    // The socket "Why is it here?" reads: readingReady() with its reading now and at every snapshot.
    void setExplainedCookie(quint64 cookie);

    // Passed on to the source.
    void setPollIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void pollNow();
    void setListenerWindowNs(qint64 windowNs);
    // Kept for every later source too; 0: the source's own default.
    void setListenerIntervalMs(int intervalMs);
    // Kept for every later source too (ConnectionSource::setSocketDetailsWanted()); unset: the
    // source's own default, with details.
    void setSocketDetailsWanted(bool wanted);
    void requestListenerHistory(quint64 cookie);
    // A moment from outside the source for every chart (a sysctl written from the window, a lab
    // step): emitted as markerAdded(), like the source's own markers.
    void addMarker(const TcpLens::TimelineMarker &marker);

Q_SIGNALS:
    // A Fresh source replaced the old one: views forget what they showed. source() is not set yet.
    void sourceChanged();
    // A source (fresh or the same kernel read another way) is set and about to start: source() is it.
    void sourceAttached();
    // Connection events, in the order they happened, after the tracker applied them.
    void eventsReady(const TcpLens::ConnectionEvents &events);
    // The tracker applied `snapshot` (its events came just before, through eventsReady()); latest()
    // and latestTracked() are it.
    void snapshotApplied(const TcpLens::SocketSnapshot &snapshot);
    void followedChanged();
    void readingReady(quint64 cookie, const TcpLens::SocketReading &reading);
    // The sockets in each state at `monotonicNs`, once per applied snapshot.
    void stateCountsChanged(qint64 monotonicNs, const QHash<TcpLens::TcpState, int> &counts);
    void statusChanged();
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    void listenerHistoryReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    // Every watched sysctl's value as the source read it first (ConnectionSource::sysctlsRead()).
    void sysctlsRead(qint64 monotonicNs, const QHash<QString, QString> &values);
    // diagnosis() was renewed, right after snapshotApplied().
    void diagnosisUpdated(const TcpLens::DiagnosisReport &report);
    void markerAdded(const TcpLens::TimelineMarker &marker);
    void failed(const QString &message);

private:
    void applyTracked(const TrackedSnapshot &update);

    ConnectionTracker::Settings m_trackerSettings;
    // Declared before the source: the source goes first, so nothing it still sends reaches a worker
    // that is gone.
    WorkerThread<TrackingWorker> m_tracking;
    std::unique_ptr<ConnectionSource> m_source;
    quint64 m_epoch = 0; // one more per fresh source
    TrackedSnapshot m_latest;
    bool m_keepsTracking = true;
    Status m_status;
    Diagnoser m_diagnoser;
    quint64 m_followedId = 0;
    std::optional<TrackedConnection> m_followed;
    int m_listenerIntervalMs = 0;
    std::optional<bool> m_socketDetailsWanted;
};

template<typename Inspect>
auto LiveConnections::inspect(Inspect &&inspect) const -> std::invoke_result_t<Inspect, const TrackingWorker &>
{
    using Result = std::invoke_result_t<Inspect, const TrackingWorker &>;
    static_assert(!std::is_pointer_v<Result>, "inspect() returns values: the tracker moves on");
    const TrackingWorker *worker = m_tracking.worker();
    if constexpr (std::is_void_v<Result>) {
        QMetaObject::invokeMethod(m_tracking.worker(), [&] { inspect(*worker); }, Qt::BlockingQueuedConnection);
    } else {
        std::optional<Result> result;
        QMetaObject::invokeMethod(
            m_tracking.worker(), [&] { result.emplace(inspect(*worker)); }, Qt::BlockingQueuedConnection);
        return std::move(*result);
    }
}

} // namespace TcpLens
