// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenersamplerworker.h"

#include "collect/collectlogging.h"
#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "model/monotonicclock.h"
#include "proc/countercatalog.h"
#include "sysctl/sysctlwatcher.h"

#include <QFile>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr qint64 SlowTickNs = 1'000'000'000; // owners, counter rates, sysctls: once a second

// Only /proc/net/netstat holds ListenOverflows and ListenDrops: at 20 Hz the other four files
// KernelCounters::read() opens would double the cost of a tick for nothing. thread-self, not self:
// /proc/self/net is the namespace of the main thread, not of this one after setns().
std::optional<KernelCounters> readNetstat(const QString &procNetDir)
{
    QFile file(procNetDir + u"/netstat"_s);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return KernelCounters::parseSnmpStyle(file.readAll());
}
} // namespace

ListenerSamplerWorker::ListenerSamplerWorker(NamespaceAccess access, int intervalMs, qint64 windowNs)
    : m_access(std::move(access))
    , m_intervalMs(std::max(intervalMs, 10))
    , m_series(windowNs)
{
    qRegisterMetaType<TcpLens::ListenerSampleBatch>();
    qRegisterMetaType<QList<TcpLens::CounterChange>>();
    qRegisterMetaType<QList<TcpLens::ListenerSample>>();
    qRegisterMetaType<TcpLens::SysctlChange>();
}

ListenerSamplerWorker::~ListenerSamplerWorker() = default;

void ListenerSamplerWorker::start()
{
    // This runs in the sampler's thread: setns() moves only this thread, and the netlink socket,
    // /proc/thread-self/net and /proc/sys/net all follow it from here on.
    auto maker = m_access.enterThisThread();
    if (!maker) {
        Q_EMIT failed(maker.error());
        return;
    }
    auto source = SnapshotSource::open(m_access.path(), *maker);
    if (!source) {
        Q_EMIT failed(source.error());
        return;
    }
    m_source = std::move(*source);
    // A brokered namespace's /proc/sys files are opened by its owner for us, one at a time.
    m_sysctls = m_access.broker ? std::make_unique<SysctlWatcher>(m_access.path(), SysctlReader(m_access.broker))
                                : std::make_unique<SysctlWatcher>(m_access.path());
    Q_EMIT started(m_source->netnsInode());
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ListenerSamplerWorker::tick);
    m_timer->start(m_intervalMs);
    tick();
}

void ListenerSamplerWorker::setIntervalMs(int intervalMs)
{
    m_intervalMs = std::max(intervalMs, 10);
    if (m_timer && m_timer->isActive())
        m_timer->start(m_intervalMs);
}

void ListenerSamplerWorker::setWindowNs(qint64 windowNs)
{
    m_series.setWindowNs(windowNs);
}

void ListenerSamplerWorker::setPaused(bool paused)
{
    if (!m_timer)
        return;
    if (paused)
        m_timer->stop();
    else
        m_timer->start(m_intervalMs);
}

void ListenerSamplerWorker::requestHistory(quint64 cookie)
{
    const auto *samples = m_series.samples(cookie);
    Q_EMIT historyReady(
        cookie, samples ? QList<ListenerSample>(samples->cbegin(), samples->cend()) : QList<ListenerSample>());
}

void ListenerSamplerWorker::tick()
{
    if (!m_source)
        return;
    const qint64 startNs = MonotonicClock::nowNs();
    const bool slow = startNs - m_lastSlowTickNs >= SlowTickNs;
    // Listeners only: no tcp_info, no memory, owners only on slow ticks (the /proc/PID/fd walk costs
    // more than the dump), and their SYN queues only when the pacer says the walk is worth it. Where
    // the last tick found no listener there is no SYN queue to count (a new listener's request
    // sockets are counted from the tick after the one that found it).
    const bool countSynQueues = m_hadListeners && m_synPacer.isDue(startNs);
    const quint32 states = countSynQueues ? ListenerStatesMask : (1u << int(TcpState::Listen));
    const SnapshotSource::Options options{states, false, false, slow || m_resolveOwnersNext};
    auto snapshot = m_source->take(options);
    const qint64 dumpNs = MonotonicClock::nowNs() - startNs;
    if (!snapshot) {
        if (!m_failedLastTime)
            Q_EMIT failed(snapshot.error());
        m_failedLastTime = true;
        return;
    }
    m_failedLastTime = false;
    m_resolveOwnersNext = false;
    // ListenOverflows and ListenDrops are only attributed to listeners: none, nothing to read.
    m_series.add(*snapshot,
        snapshot->listeners().isEmpty() ? std::optional<KernelCounters>() : readNetstat(m_access.procNetDir()));

    ListenerSampleBatch batch;
    batch.generation = ++m_generation;
    batch.monotonicNs = snapshot->monotonicNs();
    batch.unattributedOverflows = m_series.unattributedOverflows();
    batch.unattributedDrops = m_series.unattributedDrops();
    batch.listeners.reserve(snapshot->listeners().size());
    QHash<quint64, Names> names;
    names.reserve(snapshot->listeners().size());
    for (const ListenerQueue &listener : snapshot->listeners()) {
        const SocketRecord &socket = snapshot->sockets()[std::size_t(listener.socketIndex)];
        Names known = m_names.value(listener.cookie);
        if (known.endpoint.isEmpty())
            known.endpoint = socket.localEndpoint();
        if (snapshot->ownersResolved()) {
            const SocketOwner *owner = snapshot->owner(socket);
            const QString process = owner ? u"%1 (%2)"_s.arg(owner->command).arg(owner->pid) : QString();
            if (process != known.process)
                known.process = process;
        }
        // A listener that appeared since the last owner lookup gets its owner on the next tick.
        if (!snapshot->ownersResolved() && !m_names.contains(listener.cookie))
            m_resolveOwnersNext = true;
        const auto *series = m_series.samples(listener.cookie);
        ListenerReading reading;
        reading.cookie = listener.cookie;
        reading.endpoint = known.endpoint;
        reading.port = socket.localPort;
        reading.process = known.process;
        if (series && !series->empty())
            reading.sample = series->back();
        batch.listeners.append(reading);
        names.insert(listener.cookie, known);
    }
    m_names = std::move(names);
    m_hadListeners = !batch.listeners.isEmpty();
    // Without a listener there is no queue to watch: a few ticks a second find the next one soon
    // enough, at a fifth of the cost.
    const int interval = m_hadListeners ? m_intervalMs : std::max(m_intervalMs, NoListenerIntervalMs);
    if (m_timer && m_timer->interval() != interval)
        m_timer->start(interval);
    const bool busy = std::any_of(batch.listeners.cbegin(), batch.listeners.cend(), [](const ListenerReading &r) {
        return r.sample.acceptQueue > 0 || r.sample.synQueue > 0 || r.sample.overflows > 0 || r.sample.drops > 0;
    });
    if (countSynQueues)
        m_synPacer.counted(startNs, dumpNs, busy);
    else if (busy)
        m_synPacer.becameBusy(startNs);
    batch.tickNs = MonotonicClock::nowNs() - startNs;
    Q_EMIT listenersSampled(batch);
    if (slow)
        slowTick(startNs);
}

void ListenerSamplerWorker::slowTick(qint64 nowNs)
{
    m_lastSlowTickNs = nowNs;
    if (auto counters = KernelCounters::read(m_access.procNetDir())) {
        // Only what the catalog explains goes to the charts: the kernel has hundreds of counters.
        const CounterCatalog &catalog = CounterCatalog::builtIn();
        QList<CounterChange> changes = m_counterSampler.add(*counters, nowNs);
        changes.removeIf([&](const CounterChange &change) { return !catalog.find(change.name); });
        if (!changes.isEmpty())
            Q_EMIT countersSampled(nowNs, changes);
    } else {
        qCWarning(lcCollect) << "counters not read:" << counters.error();
    }
    if (m_sysctls) {
        const bool first = !m_sysctls->isPrimed();
        const QList<SysctlChange> changes = m_sysctls->poll();
        // A brokered namespace's owner (the lab) reports what it writes as it writes it, with who
        // asked: the values found here only keep the diagnosis's view current, without a second marker.
        if (!m_access.broker) {
            for (const SysctlChange &change : changes)
                Q_EMIT sysctlChanged(change, nowNs);
        }
        if (first || (m_access.broker && !changes.isEmpty()))
            Q_EMIT sysctlsRead(nowNs, m_sysctls->values());
    }
}

} // namespace TcpLens
