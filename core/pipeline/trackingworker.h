// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnoser.h"
#include "diagnosis/diagnosishistory.h"
#include "model/destroyedsockets.h"
#include "pipeline/trackedsnapshot.h"
#include "tracking/connectionevent.h"
#include "tracking/connectiontracker.h"
#include "tracking/statechangeevent.h"

#include <QObject>

#include <optional>

namespace TcpLens {

struct CounterChange;

// LiveConnections' tracking thread: applies what a source reports to the ConnectionTracker, renews
// the diagnosis's history and report, and hands the results over as values. At 120,000 sockets the
// tracker and the diagnosis take 30 to 40 ms per snapshot, too long for the GUI thread to hold still
// (a frame is 16 ms); here they run beside it. Lives in a WorkerThread; everything reaches it through
// WorkerThread::post(), in the order the source reported it.
class TrackingWorker : public QObject
{
    Q_OBJECT
public:
    explicit TrackingWorker(ConnectionTracker::Settings settings);
    ~TrackingWorker() override;

    // Only inside the worker's thread (LiveConnections::inspect()).
    const ConnectionTracker &tracker() const { return *m_tracker; }
    const DiagnosisHistory &history() const { return m_history; }
    const SocketSnapshot &latest() const { return m_latest; }
    SocketReading explain(quint64 cookie) const;
    // What `tracker`, already updated with `snapshot`, knows of each of its sockets.
    static QList<SocketTracking> trackingOf(const SocketSnapshot &snapshot, const ConnectionTracker &tracker);

public Q_SLOTS:
    void start() { }
    // A fresh source: forget every connection; later updates carry `epoch`.
    void reset(quint64 epoch);
    // The same kernel read by another source: the connections go on, generations start again.
    void restartGenerations() { m_latest = {}; }
    void setSettings(const TcpLens::ConnectionTracker::Settings &settings);
    void applySnapshot(const TcpLens::SocketSnapshot &snapshot);
    void applyDestroyed(const TcpLens::DestroyedSockets &destroyed);
    void applyStateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    void addCounterChanges(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void setSysctl(const QString &key, const QString &value);
    void setSysctls(const QHash<QString, QString> &values);
    // The connection the window follows: followedChanged() whenever it moves, and at every snapshot.
    void setFollowed(quint64 connectionId);
    // The socket "Why is it here?" reads: readingReady() now and at every snapshot.
    void setExplained(quint64 cookie);

Q_SIGNALS:
    void eventsReady(quint64 epoch, const TcpLens::ConnectionEvents &events);
    void snapshotTracked(const TcpLens::TrackedSnapshot &update);
    // `connection` is empty when the tracker no longer knows `connectionId`.
    void followedChanged(
        quint64 epoch, quint64 connectionId, const std::optional<TcpLens::TrackedConnection> &connection);
    void readingReady(quint64 epoch, quint64 cookie, const TcpLens::SocketReading &reading);

private:
    void report(const ConnectionEvents &events);
    void publishFollowed();
    void publishReading();

    quint64 m_epoch = 0;
    std::unique_ptr<ConnectionTracker> m_tracker;
    SocketSnapshot m_latest;
    Diagnoser m_diagnoser;
    DiagnosisHistory m_history;
    quint64 m_followed = 0;
    quint64 m_explained = 0;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(std::optional<TcpLens::TrackedConnection>)
Q_DECLARE_METATYPE(TcpLens::SocketReading)
