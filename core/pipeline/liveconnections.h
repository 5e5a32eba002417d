// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnoser.h"
#include "diagnosis/diagnosishistory.h"
#include "diagnosis/diagnosisreport.h"
#include "model/socketsnapshot.h"
#include "pipeline/connectionsource.h"
#include "tracking/connectionevent.h"
#include "tracking/connectiontracker.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace TcpLens {

// The one pipeline every front end uses: the window and its panels, `watch --json`, and whatever
// comes next. It owns one ConnectionSource and the ConnectionTracker, applies what the source reports
// in the order it happened (tracepoint events, destroy notices, then the snapshot that follows them),
// drops a snapshot overtaken by a newer one, counts the sockets in each state, and tells the views.
// Views never see the source: replacing it (another namespace, exact mode switched, a recording)
// keeps every connection made to this object.
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

    const ConnectionTracker &tracker() const { return *m_tracker; }
    // New limits apply from the next snapshot on.
    void setTrackerSettings(const ConnectionTracker::Settings &settings) { m_tracker->setSettings(settings); }
    // The newest snapshot the tracker has applied; null before the first.
    const SocketSnapshot &latest() const { return m_latest; }
    // Sockets of latest() in each state (request sockets under NewSynRecv).
    const QHash<TcpState, int> &stateCounts() const { return m_stateCounts; }
    const Status &status() const { return m_status; }
    // The diagnosis of latest() (docs/diagnosis.md), renewed with every snapshot applied.
    const DiagnosisReport &diagnosis() const { return m_diagnosis; }
    const DiagnosisHistory &diagnosisHistory() const { return m_history; }
    const Diagnoser &diagnoser() const { return m_diagnoser; }
    // Why the socket `cookie` of latest() is where it is; an empty reading when it is not there.
    SocketReading explain(quint64 cookie) const;

    // Passed on to the source.
    void setPollIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void pollNow();
    void setListenerWindowNs(qint64 windowNs);
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
    // The tracker applied `snapshot` (its events came just before, through eventsReady()).
    void snapshotApplied(const TcpLens::SocketSnapshot &snapshot);
    // The sockets in each state at `monotonicNs`, once per applied snapshot.
    void stateCountsChanged(qint64 monotonicNs, const QHash<TcpLens::TcpState, int> &counts);
    void statusChanged();
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    void listenerHistoryReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    // diagnosis() was renewed, right after snapshotApplied().
    void diagnosisUpdated(const TcpLens::DiagnosisReport &report);
    void markerAdded(const TcpLens::TimelineMarker &marker);
    void failed(const QString &message);

private:
    void applySnapshot(const SocketSnapshot &snapshot);
    void applyDestroyed(const DestroyedSockets &destroyed);
    void applyStateChanges(const QList<StateChangeEvent> &changes);
    void report(const ConnectionEvents &events);

    std::unique_ptr<ConnectionSource> m_source;
    std::unique_ptr<ConnectionTracker> m_tracker;
    SocketSnapshot m_latest;
    QHash<TcpState, int> m_stateCounts;
    Status m_status;
    Diagnoser m_diagnoser;
    DiagnosisHistory m_history;
    DiagnosisReport m_diagnosis;
};

} // namespace TcpLens
