// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "liveconnections.h"

namespace TcpLens {

LiveConnections::LiveConnections(QObject *parent)
    : QObject(parent)
    , m_tracker(std::make_unique<ConnectionTracker>())
{
    qRegisterMetaType<TcpLens::ConnectionEvents>();
    qRegisterMetaType<QHash<TcpLens::TcpState, int>>();
    qRegisterMetaType<TcpLens::DiagnosisReport>();
}

LiveConnections::~LiveConnections() = default;

void LiveConnections::setSource(std::unique_ptr<ConnectionSource> source, SourceChange change)
{
    // The old source goes first: its threads stop, and nothing it still had queued arrives here.
    m_source.reset();
    m_latest = {};
    m_status = {};
    if (change == SourceChange::Fresh) {
        m_tracker = std::make_unique<ConnectionTracker>(m_tracker->settings());
        m_stateCounts.clear();
        m_history = {};
        m_diagnosis = {};
        Q_EMIT sourceChanged();
    }
    m_source = std::move(source);
    if (!m_source) {
        Q_EMIT statusChanged();
        return;
    }
    ConnectionSource *s = m_source.get();
    // Direct connections: the source delivers in this object's thread, in the order things happened.
    connect(s, &ConnectionSource::snapshotReady, this, &LiveConnections::applySnapshot);
    connect(s, &ConnectionSource::socketsDestroyed, this, &LiveConnections::applyDestroyed);
    connect(s, &ConnectionSource::stateChanges, this, &LiveConnections::applyStateChanges);
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
            m_history.addCounterChanges(monotonicNs, changes);
            Q_EMIT countersSampled(monotonicNs, changes);
        });
    connect(s, &ConnectionSource::sysctlChanged, this, [this](const SysctlChange &written, qint64 monotonicNs) {
        m_history.setSysctl(written.key, written.newValue);
        Q_EMIT sysctlChanged(written, monotonicNs);
    });
    connect(s, &ConnectionSource::sysctlsRead, this,
        [this](qint64, const QHash<QString, QString> &values) { m_history.setSysctls(values); });
    connect(s, &ConnectionSource::markerAdded, this, &LiveConnections::markerAdded);
    Q_EMIT sourceAttached();
    Q_EMIT statusChanged();
    m_source->start();
}

SourceDescription LiveConnections::description() const
{
    return m_source ? m_source->description() : SourceDescription();
}

SourceCapabilities LiveConnections::capabilities() const
{
    return m_source ? m_source->capabilities() : SourceCapabilities{.live = false};
}

void LiveConnections::applySnapshot(const SocketSnapshot &snapshot)
{
    // The one stale rule: generations grow by one per dump of a source, and a new source starts
    // with no latest snapshot, so only a snapshot overtaken by a newer one of the same source is
    // dropped.
    if (!m_latest.isNull() && snapshot.generation() <= m_latest.generation())
        return;
    const ConnectionEvents events = m_tracker->applySnapshot(snapshot);
    m_latest = snapshot;
    m_stateCounts.clear();
    for (const SocketRecord &socket : snapshot.sockets())
        ++m_stateCounts[socket.state];
    if (!m_status.failure.isEmpty()) {
        m_status.failure.clear();
        Q_EMIT statusChanged();
    }
    report(events);
    m_history.addSnapshot(snapshot);
    m_diagnosis = m_diagnoser.diagnose(snapshot, m_history);
    Q_EMIT snapshotApplied(snapshot);
    Q_EMIT stateCountsChanged(snapshot.monotonicNs(), m_stateCounts);
    Q_EMIT diagnosisUpdated(m_diagnosis);
}

SocketReading LiveConnections::explain(quint64 cookie) const
{
    const auto &sockets = m_latest.sockets();
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        if (sockets[i].cookie == cookie)
            return m_diagnoser.explain(m_latest, int(i), m_history);
    }
    return {};
}

void LiveConnections::applyDestroyed(const DestroyedSockets &destroyed)
{
    report(m_tracker->applyDestroyed(destroyed));
}

void LiveConnections::applyStateChanges(const QList<StateChangeEvent> &changes)
{
    report(m_tracker->applyExact(changes));
}

void LiveConnections::report(const ConnectionEvents &events)
{
    if (!events.isEmpty())
        Q_EMIT eventsReady(events);
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
