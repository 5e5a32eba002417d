// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "trackingworker.h"

#include "proc/countersampler.h"

namespace TcpLens {

TrackingWorker::TrackingWorker(ConnectionTracker::Settings settings)
    : m_tracker(std::make_unique<ConnectionTracker>(settings))
{
}

TrackingWorker::~TrackingWorker() = default;

void TrackingWorker::reset(quint64 epoch)
{
    m_epoch = epoch;
    m_tracker = std::make_unique<ConnectionTracker>(m_tracker->settings());
    m_latest = {};
    m_history = {};
    m_followed = 0;
    m_explained = 0;
}

void TrackingWorker::setSettings(const ConnectionTracker::Settings &settings)
{
    m_tracker->setSettings(settings);
}

void TrackingWorker::applySnapshot(const SocketSnapshot &snapshot)
{
    // The one stale rule: generations grow by one per dump of a source, and a new source starts
    // with no latest snapshot, so only a snapshot overtaken by a newer one of the same source is
    // dropped.
    if (!m_latest.isNull() && snapshot.generation() <= m_latest.generation())
        return;
    report(m_tracker->applySnapshot(snapshot));
    m_latest = snapshot;

    TrackedSnapshot update;
    update.epoch = m_epoch;
    update.snapshot = snapshot;
    update.tracking = trackingOf(snapshot, *m_tracker);
    for (const SocketRecord &socket : snapshot.sockets())
        ++update.stateCounts[socket.state];
    m_history.addSnapshot(snapshot);
    update.diagnosis = m_diagnoser.diagnose(snapshot, m_history);
    Q_EMIT snapshotTracked(update);
    publishFollowed();
    publishReading();
}

QList<SocketTracking> TrackingWorker::trackingOf(const SocketSnapshot &snapshot, const ConnectionTracker &tracker)
{
    const auto &sockets = snapshot.sockets();
    QList<SocketTracking> tracking(qsizetype(sockets.size()));
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const SocketRecord &socket = sockets[i];
        if (const TrackedConnection *connection = tracker.findByCookie(socket.cookie)) {
            SocketTracking &known = tracking[qsizetype(i)];
            known.connectionId = connection->id;
            if (!connection->path.isEmpty() && connection->state() == socket.state)
                known.stateSinceNs = connection->path.constLast().enteredNs;
        }
    }
    return tracking;
}

void TrackingWorker::applyDestroyed(const DestroyedSockets &destroyed)
{
    report(m_tracker->applyDestroyed(destroyed));
}

void TrackingWorker::applyStateChanges(const QList<StateChangeEvent> &changes)
{
    report(m_tracker->applyExact(changes));
}

void TrackingWorker::addCounterChanges(qint64 monotonicNs, const QList<CounterChange> &changes)
{
    m_history.addCounterChanges(monotonicNs, changes);
}

void TrackingWorker::setSysctl(const QString &key, const QString &value)
{
    m_history.setSysctl(key, value);
}

void TrackingWorker::setSysctls(const QHash<QString, QString> &values)
{
    m_history.setSysctls(values);
}

void TrackingWorker::setFollowed(quint64 connectionId)
{
    m_followed = connectionId;
    publishFollowed();
}

void TrackingWorker::setExplained(quint64 cookie)
{
    m_explained = cookie;
    publishReading();
}

SocketReading TrackingWorker::explain(quint64 cookie) const
{
    const auto &sockets = m_latest.sockets();
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        if (sockets[i].cookie == cookie)
            return m_diagnoser.explain(m_latest, int(i), m_history);
    }
    return {};
}

void TrackingWorker::report(const ConnectionEvents &events)
{
    if (events.isEmpty())
        return;
    Q_EMIT eventsReady(m_epoch, events);
    if (m_followed != 0 && std::any_of(events.cbegin(), events.cend(), [this](const ConnectionEvent &event) {
            return event.connectionId == m_followed;
        }))
        publishFollowed();
}

void TrackingWorker::publishFollowed()
{
    if (m_followed == 0)
        return;
    const TrackedConnection *connection = m_tracker->find(m_followed);
    Q_EMIT followedChanged(
        m_epoch, m_followed, connection ? std::optional<TrackedConnection>(*connection) : std::nullopt);
}

void TrackingWorker::publishReading()
{
    if (m_explained != 0)
        Q_EMIT readingReady(m_epoch, m_explained, explain(m_explained));
}

} // namespace TcpLens
