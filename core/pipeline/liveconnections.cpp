// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "liveconnections.h"

#include "model/monotonicclock.h"
#include "proc/countersampler.h"

namespace TcpLens {

using namespace Qt::StringLiterals;

LiveConnections::LiveConnections(QObject *parent)
    : QObject(parent)
    , m_tracking(u"tcplens-tracking"_s, ConnectionTracker::Settings())
{
    qRegisterMetaType<TcpLens::ConnectionEvents>();
    qRegisterMetaType<QHash<TcpLens::TcpState, int>>();
    qRegisterMetaType<TcpLens::DiagnosisReport>();
    qRegisterMetaType<TcpLens::TrackedSnapshot>();
    qRegisterMetaType<std::optional<TcpLens::TrackedConnection>>();
    qRegisterMetaType<TcpLens::SocketReading>();
    TrackingWorker *worker = m_tracking.worker();
    // Updates of a source that has been replaced since are still in the queue: the epoch tells.
    connect(worker, &TrackingWorker::eventsReady, this, [this](quint64 epoch, const ConnectionEvents &events) {
        if (epoch == m_epoch)
            Q_EMIT eventsReady(events);
    });
    connect(worker, &TrackingWorker::snapshotTracked, this, &LiveConnections::applyTracked);
    connect(worker, &TrackingWorker::followedChanged, this,
        [this](quint64 epoch, quint64 id, const std::optional<TrackedConnection> &connection) {
            if (epoch != m_epoch || id != m_followedId)
                return;
            m_followed = connection;
            Q_EMIT followedChanged();
        });
    connect(worker, &TrackingWorker::readingReady, this,
        [this](quint64 epoch, quint64 cookie, const SocketReading &reading) {
            if (epoch == m_epoch)
                Q_EMIT readingReady(cookie, reading);
        });
    m_tracking.start();
}

LiveConnections::~LiveConnections()
{
    // The source's threads stop before the tracking thread does.
    m_source.reset();
}

void LiveConnections::setTrackerSettings(const ConnectionTracker::Settings &settings)
{
    m_trackerSettings = settings;
    m_tracking.post(&TrackingWorker::setSettings, settings);
}

std::optional<TrackedConnection> LiveConnections::connection(quint64 connectionId) const
{
    return inspect([connectionId](const TrackingWorker &worker) -> std::optional<TrackedConnection> {
        const TrackedConnection *connection = worker.tracker().find(connectionId);
        return connection ? std::optional<TrackedConnection>(*connection) : std::nullopt;
    });
}

SocketReading LiveConnections::explain(quint64 cookie) const
{
    return inspect([cookie](const TrackingWorker &worker) { return worker.explain(cookie); });
}

void LiveConnections::setFollowedConnection(quint64 connectionId)
{
    if (connectionId == m_followedId)
        return;
    m_followedId = connectionId;
    m_followed.reset();
    m_tracking.post(&TrackingWorker::setFollowed, connectionId);
    if (connectionId == 0)
        Q_EMIT followedChanged();
}

void LiveConnections::setExplainedCookie(quint64 cookie)
{
    m_tracking.post(&TrackingWorker::setExplained, cookie);
}

void LiveConnections::setSource(std::unique_ptr<ConnectionSource> source, SourceChange change)
{
    // The old source goes first: its threads stop, and nothing it still had queued arrives here.
    m_source.reset();
    m_status = {};
    if (change == SourceChange::Fresh) {
        m_latest = {};
        m_tracking.post(&TrackingWorker::reset, ++m_epoch);
        m_followedId = 0;
        m_followed.reset();
        Q_EMIT sourceChanged();
    } else {
        // The same kernel read another way: its generations start again, the connections go on.
        m_latest.snapshot = {};
        m_tracking.post(&TrackingWorker::restartGenerations);
    }
    m_source = std::move(source);
    if (!m_source) {
        Q_EMIT statusChanged();
        return;
    }
    ConnectionSource *s = m_source.get();
    // Straight to the tracking thread, queued in the order the source reported them (one sending
    // thread, one receiving thread).
    TrackingWorker *worker = m_tracking.worker();
    connect(s, &ConnectionSource::snapshotReady, worker, &TrackingWorker::applySnapshot);
    connect(s, &ConnectionSource::socketsDestroyed, worker, &TrackingWorker::applyDestroyed);
    connect(s, &ConnectionSource::stateChanges, worker, &TrackingWorker::applyStateChanges);
    connect(s, &ConnectionSource::exactModeChanged, this, [this](bool active, const QString &status) {
        m_status.exactActive = active;
        m_status.exactStatus = status;
        Q_EMIT statusChanged();
    });
    connect(s, &ConnectionSource::exactEventsLost, this, [this](qint64 count) {
        m_status.exactEventsLost += count;
        Q_EMIT statusChanged();
    });
    connect(s, &ConnectionSource::pacingChanged, this, [this](int effectiveMs, bool backedOff, qint64) {
        m_status.effectiveIntervalMs = effectiveMs;
        m_status.backedOff = backedOff;
        Q_EMIT statusChanged();
    });
    connect(s, &ConnectionSource::failed, this, [this](const QString &message) {
        m_status.failure = message;
        Q_EMIT statusChanged();
        Q_EMIT failed(message);
    });
    connect(s, &ConnectionSource::listenersSampled, this, &LiveConnections::listenersSampled);
    connect(s, &ConnectionSource::listenerHistoryReady, this, &LiveConnections::listenerHistoryReady);
    connect(
        s, &ConnectionSource::countersSampled, this, [this](qint64 monotonicNs, const QList<CounterChange> &changes) {
            m_tracking.post(&TrackingWorker::addCounterChanges, monotonicNs, changes);
            Q_EMIT countersSampled(monotonicNs, changes);
        });
    connect(s, &ConnectionSource::sysctlChanged, this, [this](const SysctlChange &written, qint64 monotonicNs) {
        m_tracking.post(&TrackingWorker::setSysctl, written.key, written.newValue);
        Q_EMIT sysctlChanged(written, monotonicNs);
    });
    connect(s, &ConnectionSource::sysctlsRead, this, [this](qint64 monotonicNs, const QHash<QString, QString> &values) {
        m_tracking.post(&TrackingWorker::setSysctls, values);
        Q_EMIT sysctlsRead(monotonicNs, values);
    });
    connect(s, &ConnectionSource::markerAdded, this, &LiveConnections::markerAdded);
    if (m_listenerIntervalMs > 0)
        m_source->setListenerIntervalMs(m_listenerIntervalMs);
    if (m_socketDetailsWanted)
        m_source->setSocketDetailsWanted(*m_socketDetailsWanted);
    Q_EMIT sourceAttached();
    Q_EMIT statusChanged();
    m_source->start();
}

SourceDescription LiveConnections::description() const
{
    return m_source ? m_source->description() : SourceDescription();
}

qint64 LiveConnections::sourceNowNs() const
{
    return m_source ? m_source->nowNs() : MonotonicClock::nowNs();
}

SourceCapabilities LiveConnections::capabilities() const
{
    return m_source ? m_source->capabilities() : SourceCapabilities{.live = false};
}

void LiveConnections::applyTracked(const TrackedSnapshot &update)
{
    if (update.epoch != m_epoch)
        return;
    m_latest = update;
    if (!m_status.failure.isEmpty()) {
        m_status.failure.clear();
        Q_EMIT statusChanged();
    }
    Q_EMIT snapshotApplied(m_latest.snapshot);
    if (!m_keepsTracking)
        m_latest.tracking = {};
    Q_EMIT stateCountsChanged(m_latest.snapshot.monotonicNs(), m_latest.stateCounts);
    Q_EMIT diagnosisUpdated(m_latest.diagnosis);
}

void LiveConnections::setPollIntervalMs(int intervalMs)
{
    if (m_source)
        m_source->setPollIntervalMs(intervalMs);
}

void LiveConnections::setPaused(bool paused)
{
    if (m_source)
        m_source->setPaused(paused);
}

void LiveConnections::pollNow()
{
    if (m_source)
        m_source->pollNow();
}

void LiveConnections::setListenerWindowNs(qint64 windowNs)
{
    if (m_source)
        m_source->setListenerWindowNs(windowNs);
}

void LiveConnections::setListenerIntervalMs(int intervalMs)
{
    m_listenerIntervalMs = intervalMs;
    if (m_source)
        m_source->setListenerIntervalMs(intervalMs);
}

void LiveConnections::setSocketDetailsWanted(bool wanted)
{
    m_socketDetailsWanted = wanted;
    if (m_source)
        m_source->setSocketDetailsWanted(wanted);
}

void LiveConnections::requestListenerHistory(quint64 cookie)
{
    if (m_source)
        m_source->requestListenerHistory(cookie);
}

void LiveConnections::addMarker(const TimelineMarker &marker)
{
    Q_EMIT markerAdded(marker);
}

} // namespace TcpLens
