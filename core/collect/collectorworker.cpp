// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collectorworker.h"

#include "collect/collectlogging.h"
#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "collect/tracefsaccess.h"
#include "model/monotonicclock.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace TcpLens {

namespace {
constexpr int MaxIntervalMs = 30'000;
}

CollectorWorker::CollectorWorker(CollectorSettings settings)
    : m_settings(std::move(settings))
    , m_effectiveIntervalMs(m_settings.intervalMs)
{
    qRegisterMetaType<TcpLens::SocketSnapshot>();
    qRegisterMetaType<TcpLens::DestroyedSockets>();
    qRegisterMetaType<QList<TcpLens::StateChangeEvent>>();
}

CollectorWorker::~CollectorWorker() = default;

void CollectorWorker::start()
{
    // This runs in the collector's thread. setns() changes only this thread's namespace, and the
    // netlink socket opened next keeps seeing that namespace for its whole life.
    const NamespaceAccess access = m_settings.access();
    auto maker = access.enterThisThread();
    if (!maker) {
        Q_EMIT failed(maker.error());
        return;
    }
    auto source = SnapshotSource::open(access.path(), *maker);
    if (!source) {
        Q_EMIT failed(source.error());
        return;
    }
    m_source = std::move(*source);
    // Destroy notices need no privilege; without them we still poll, only short-lived connections
    // between two polls go unseen, so a failure here is a warning, not the end.
    if (m_settings.watchDestroyed) {
        if (auto watcher = DestroyWatcher::open(*maker)) {
            m_destroyWatcher.emplace(std::move(*watcher));
            m_destroyNotifier = new QSocketNotifier(m_destroyWatcher->fd(), QSocketNotifier::Read, this);
            connect(m_destroyNotifier, &QSocketNotifier::activated, this, &CollectorWorker::readDestroyNotices);
        } else {
            qCWarning(lcCollect) << "no destroy notices:" << watcher.error();
        }
    }
    if (m_settings.exact)
        startExactMode();
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &CollectorWorker::poll);
    m_timer->start(m_effectiveIntervalMs);
    poll();
}

void CollectorWorker::setIntervalMs(int intervalMs)
{
    m_settings.intervalMs = std::max(intervalMs, 10);
    m_effectiveIntervalMs = m_settings.intervalMs;
    if (m_timer && m_timer->isActive())
        m_timer->start(m_effectiveIntervalMs);
}

void CollectorWorker::setPaused(bool paused)
{
    if (!m_timer)
        return;
    if (paused)
        m_timer->stop();
    else
        m_timer->start(m_effectiveIntervalMs);
}

void CollectorWorker::pollNow()
{
    if (m_source)
        poll();
}

void CollectorWorker::poll()
{
    // State changes and destroy notices up to now go out before the snapshot, so the receiver applies
    // them in the order they happened (a child destroyed before this dump is joined to its request
    // while the request is still known).
    if (m_destroyWatcher)
        readDestroyNotices(); // drains the tracepoint first
    else if (m_tracepoint)
        readStateChanges();
    if (m_tracepoint) {
        // Events the kernel counted but never wrote: lost as surely as those of a full ring.
        if (const auto unwritten = m_tracepoint->countUnwritten(); unwritten && *unwritten > 0) {
            qCWarning(lcCollect) << *unwritten << "state changes counted by the kernel but never written";
            Q_EMIT exactEventsLost(qint64(*unwritten));
        }
    }
    // The first poll is the one a user waits for: split, as a one-shot command's. After it, a dump in
    // one stream, which costs a fifth less CPU, as a window left open all day should.
    SnapshotSource::Options options = m_settings.snapshot;
    options.parallel = options.parallel && m_firstPoll;
    const qint64 cpuBeforeNs = MonotonicClock::threadCpuNs();
    auto snapshot = m_source->take(options);
    if (!snapshot) {
        // Report a failure once, not every second, until a poll succeeds again.
        if (!m_failedLastTime)
            Q_EMIT failed(snapshot.error());
        m_failedLastTime = true;
        return;
    }
    m_failedLastTime = false;
    const auto &statistics = snapshot->statistics();
    qCDebug(lcCollect) << "generation" << snapshot->generation() << snapshot->sockets().size() << "sockets in"
                       << statistics.durationNs / 1000 << "us, owners" << statistics.ownerLookupNs / 1000 << "us";
    // Paced by whichever is larger: the wall time (a dump must not leave the view stale for long) or
    // the CPU this thread spent, which on a loaded machine is the smaller and on an idle one the
    // cost the user pays.
    adjustPacing(
        std::max(statistics.durationNs + statistics.ownerLookupNs, MonotonicClock::threadCpuNs() - cpuBeforeNs));
    Q_EMIT snapshotReady(*snapshot);
}

void CollectorWorker::adjustPacing(qint64 dumpNs)
{
    // The first poll walks every process's descriptors to find owners and faults in its buffers: it
    // says nothing about the polls that follow, and slowing down for it would greet every start
    // with "slowed down".
    if (std::exchange(m_firstPoll, false)) {
        Q_EMIT pacingChanged(m_effectiveIntervalMs, m_effectiveIntervalMs != m_settings.intervalMs, dumpNs);
        return;
    }
    const double share = double(dumpNs) / (double(m_effectiveIntervalMs) * 1e6);
    int wanted = m_effectiveIntervalMs;
    if (share > m_settings.maxDumpShare) {
        // Slow down until one dump is again within its share of the interval, at most twofold per
        // poll: one slow dump (a burst of load, another namespace filling the shared established
        // hash) would otherwise leave the view many seconds old before the next poll could tell.
        wanted = std::min(
            {MaxIntervalMs, int(double(dumpNs) / 1e6 / m_settings.maxDumpShare) + 1, 2 * m_effectiveIntervalMs});
    } else if (m_effectiveIntervalMs > m_settings.intervalMs && share < m_settings.maxDumpShare / 2) {
        // Back as fast as the last dump allows; the margin of two keeps it from see-sawing.
        wanted = std::max(m_settings.intervalMs, int(double(dumpNs) / 1e6 / m_settings.maxDumpShare) + 1);
    }
    if (wanted != m_effectiveIntervalMs) {
        qCInfo(lcCollect) << "poll interval" << m_effectiveIntervalMs << "->" << wanted << "ms (dump took"
                          << dumpNs / 1'000'000 << "ms)";
        m_effectiveIntervalMs = wanted;
        if (m_timer && m_timer->isActive())
            m_timer->start(m_effectiveIntervalMs);
    }
    Q_EMIT pacingChanged(m_effectiveIntervalMs, m_effectiveIntervalMs != m_settings.intervalMs, dumpNs);
}

} // namespace TcpLens

namespace TcpLens {

void CollectorWorker::startExactMode()
{
    if (auto mounted = TracefsAccess::ensureForThisThread(); !mounted) {
        Q_EMIT exactModeChanged(false, mounted.error());
        return;
    }
    auto tracepoint = TcpStateTracepoint::open();
    if (!tracepoint) {
        Q_EMIT exactModeChanged(false, tracepoint.error());
        return;
    }
    m_tracepoint.emplace(std::move(*tracepoint));
    for (const int fd : m_tracepoint->fds()) {
        auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, &CollectorWorker::readStateChanges);
        m_tracepointNotifiers.append(notifier);
    }
    Q_EMIT exactModeChanged(true, tr("Exact transitions from the kernel's tracepoint sock:inet_sock_set_state"));
}

void CollectorWorker::readStateChanges()
{
    std::vector<StateChangeEvent> changes;
    auto lost = m_tracepoint->readAvailable(changes);
    if (!lost) {
        qCWarning(lcCollect) << "exact mode stopped:" << lost.error();
        for (auto *notifier : std::as_const(m_tracepointNotifiers))
            notifier->setEnabled(false);
        m_tracepoint.reset();
        Q_EMIT exactModeChanged(false, lost.error());
        return;
    }
    if (*lost > 0) {
        qCWarning(lcCollect) << *lost << "state changes lost: the ring buffers overflowed";
        Q_EMIT exactEventsLost(*lost);
    }
    if (!changes.empty())
        Q_EMIT stateChanges(QList<StateChangeEvent>(changes.cbegin(), changes.cend()));
}

void CollectorWorker::readDestroyNotices()
{
    // A socket's last state changes happen before it is destroyed: deliver them first, so the
    // receiver sees the connection's path before its end.
    if (m_tracepoint)
        readStateChanges();
    std::vector<SocketRecord> records;
    auto lost = m_destroyWatcher->readAvailable(records);
    if (!lost) {
        qCWarning(lcCollect) << "destroy notices stopped:" << lost.error();
        m_destroyNotifier->setEnabled(false);
        return;
    }
    if (records.empty() && *lost == 0)
        return;
    DestroyedSockets destroyed;
    destroyed.monotonicNs = MonotonicClock::nowNs();
    destroyed.sockets = QList<SocketRecord>(records.cbegin(), records.cend());
    destroyed.congestionNames = m_destroyWatcher->congestionNames();
    destroyed.lostNotices = *lost;
    Q_EMIT socketsDestroyed(destroyed);
}

} // namespace TcpLens
