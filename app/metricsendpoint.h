// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "metrics/httprequest.h"
#include "metrics/httpresponse.h"
#include "metrics/metricsscrape.h"
#include "proc/countercatalog.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"

#include <QHash>

#include <memory>
#include <optional>

namespace TcpLens {

class SnapshotSource;

// What `tcplens serve --metrics` answers: / and /metrics for GET and HEAD, 404 and 405 for the rest.
// A scrape dumps every socket for the states and reads the counters and sysctls in the calling
// thread's namespace; the listeners come from the listener sampler's batches, handed in through
// addBatch(), with the overflow and drop shares of each tick summed per listener.
class MetricsEndpoint
{
public:
    MetricsEndpoint();
    ~MetricsEndpoint();

    void setSource(std::unique_ptr<SnapshotSource> source);
    void setMaxListeners(int maxListeners) { m_maxListeners = maxListeners; }
    void addBatch(const ListenerSampleBatch &batch);

    HttpResponse handle(const HttpRequest &request);

private:
    HttpResponse scrape(const HttpRequest &request);

    struct Totals
    {
        qint64 overflows = 0;
        qint64 drops = 0;
        qint64 lastSampleNs = 0;
    };

    std::unique_ptr<SnapshotSource> m_source;
    std::optional<CounterCatalog> m_counterCatalog;
    std::optional<SysctlCatalog> m_sysctlCatalog;
    SysctlReader m_sysctlReader;
    int m_maxListeners = MetricsScrape::DefaultMaxListeners;
    std::optional<ListenerSampleBatch> m_lastBatch;
    QHash<quint64, Totals> m_totals; // by listener cookie
};

} // namespace TcpLens
