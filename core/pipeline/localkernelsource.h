// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"
#include "collect/collectorworker.h"
#include "collect/listenersamplerworker.h"
#include "collect/workerthread.h"
#include "pipeline/connectionsource.h"

#include <memory>

namespace TcpLens {

// This machine's kernel, one network namespace of it: sock_diag dumps, destroy notices and (exact
// mode) the tracepoint from a CollectorWorker; listener queues at 20 Hz, counters and sysctl changes
// once a second from a ListenerSamplerWorker. Each works in a thread of its own that entered the
// namespace.
class LocalKernelSource : public ConnectionSource
{
    Q_OBJECT
public:
    struct Options
    {
        CollectorSettings collector;
        // Listener queues, counters and sysctls; `watch --json` needs none of them.
        bool sampleListeners = true;
        int listenerIntervalMs = ListenerSamplerWorker::DefaultIntervalMs;
        qint64 listenerWindowNs = ListenerSamplerWorker::DefaultWindowNs;
    };

    explicit LocalKernelSource(Options options, QObject *parent = nullptr);
    ~LocalKernelSource() override;

    const Options &options() const { return m_options; }
    // Where the work happens (never the caller's thread); the listener one is null without
    // sampleListeners.
    const QThread *collectorThread() const { return m_collector.thread(); }
    const QThread *listenerThread() const { return m_listeners ? m_listeners->thread() : nullptr; }

    SourceDescription description() const override;
    SourceCapabilities capabilities() const override;
    void start() override;
    void setPollIntervalMs(int intervalMs) override;
    void setPaused(bool paused) override;
    void pollNow() override;
    void setListenerWindowNs(qint64 windowNs) override;
    void setListenerIntervalMs(int intervalMs) override;
    void setSocketDetailsWanted(bool wanted) override;
    void requestListenerHistory(quint64 cookie) override;

private:
    Options m_options;
    WorkerThread<CollectorWorker> m_collector;
    std::unique_ptr<WorkerThread<ListenerSamplerWorker>> m_listeners;
};

} // namespace TcpLens
