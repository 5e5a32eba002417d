// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "localkernelsource.h"

#include <QSysInfo>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace TcpLens {

LocalKernelSource::LocalKernelSource(Options options, QObject *parent)
    : ConnectionSource(parent)
    , m_options(std::move(options))
    , m_collector(u"tcplens-collector"_s, m_options.collector)
{
    // Worker signals are queued into this object's thread; when it is destroyed, what is still
    // queued for it goes with it, so a replaced source never reaches the pipeline again.
    CollectorWorker *collector = m_collector.worker();
    connect(collector, &CollectorWorker::snapshotReady, this, &ConnectionSource::snapshotReady);
    connect(collector, &CollectorWorker::socketsDestroyed, this, &ConnectionSource::socketsDestroyed);
    connect(collector, &CollectorWorker::stateChanges, this, &ConnectionSource::stateChanges);
    connect(collector, &CollectorWorker::exactModeChanged, this, &ConnectionSource::exactModeChanged);
    connect(collector, &CollectorWorker::exactEventsLost, this, &ConnectionSource::exactEventsLost);
    connect(collector, &CollectorWorker::pacingChanged, this, &ConnectionSource::pacingChanged);
    connect(collector, &CollectorWorker::failed, this, &ConnectionSource::failed);
    if (!m_options.sampleListeners)
        return;
    m_listeners = std::make_unique<WorkerThread<ListenerSamplerWorker>>(
        u"tcplens-listeners"_s, m_options.collector.access(), m_options.listenerIntervalMs, m_options.listenerWindowNs);
    ListenerSamplerWorker *listeners = m_listeners->worker();
    connect(listeners, &ListenerSamplerWorker::listenersSampled, this, &ConnectionSource::listenersSampled);
    connect(listeners, &ListenerSamplerWorker::historyReady, this, &ConnectionSource::listenerHistoryReady);
    connect(listeners, &ListenerSamplerWorker::countersSampled, this, &ConnectionSource::countersSampled);
    connect(listeners, &ListenerSamplerWorker::sysctlChanged, this, &ConnectionSource::sysctlChanged);
    connect(listeners, &ListenerSamplerWorker::sysctlsRead, this, &ConnectionSource::sysctlsRead);
    connect(listeners, &ListenerSamplerWorker::failed, this, &ConnectionSource::failed);
}

LocalKernelSource::~LocalKernelSource() = default;

SourceDescription LocalKernelSource::description() const
{
    SourceDescription description;
    description.kind = SourceDescription::Kind::LocalKernel;
    description.host = QSysInfo::machineHostName();
    description.netns = m_options.collector.netns;
    description.kernel = QSysInfo::kernelVersion();
    return description;
}

SourceCapabilities LocalKernelSource::capabilities() const
{
    SourceCapabilities capabilities;
    capabilities.live = true;
    capabilities.exactTransitions = true;
    capabilities.owners = m_options.collector.snapshot.resolveOwners;
    // proc_dointvec() checks the opener against the namespace's owner: root of the initial user
    // namespace may write any namespace's per-namespace keys (entering it first), nobody else here.
    capabilities.sysctlWrites = ::geteuid() == 0 ||
        (m_options.collector.netns.isEmpty() && ::access("/proc/sys/net/ipv4/tcp_fin_timeout", W_OK) == 0);
    return capabilities;
}

void LocalKernelSource::start()
{
    m_collector.start();
    if (m_listeners)
        m_listeners->start();
}

void LocalKernelSource::setPollIntervalMs(int intervalMs)
{
    m_options.collector.intervalMs = intervalMs;
    m_collector.post(&CollectorWorker::setIntervalMs, intervalMs);
}

void LocalKernelSource::setPaused(bool paused)
{
    m_collector.post(&CollectorWorker::setPaused, paused);
    if (m_listeners)
        m_listeners->post(&ListenerSamplerWorker::setPaused, paused);
}

void LocalKernelSource::pollNow()
{
    m_collector.post(&CollectorWorker::pollNow);
}

void LocalKernelSource::setListenerWindowNs(qint64 windowNs)
{
    m_options.listenerWindowNs = windowNs;
    if (m_listeners)
        m_listeners->post(&ListenerSamplerWorker::setWindowNs, windowNs);
}

void LocalKernelSource::setListenerIntervalMs(int intervalMs)
{
    m_options.listenerIntervalMs = intervalMs;
    if (m_listeners)
        m_listeners->post(&ListenerSamplerWorker::setIntervalMs, intervalMs);
}

void LocalKernelSource::setSocketDetailsWanted(bool wanted)
{
    m_options.collector.snapshot.keepDetails = wanted;
    m_collector.post(&CollectorWorker::setKeepDetails, wanted);
}

void LocalKernelSource::requestListenerHistory(quint64 cookie)
{
    if (m_listeners)
        m_listeners->post(&ListenerSamplerWorker::requestHistory, cookie);
}

} // namespace TcpLens
