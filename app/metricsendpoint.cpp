// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "metricsendpoint.h"

#include "collect/snapshotsource.h"
#include "metrics/openmetricswriter.h"
#include "model/monotonicclock.h"

#include <QFile>

#include <array>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

// The catalogs in English, whatever language the command speaks: HELP texts are read by
// Prometheus users and alert rules, not by this terminal.
template<typename Catalog>
std::optional<Catalog> englishCatalog(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto catalog = Catalog::parse(file.readAll(), QString());
    if (!catalog)
        return std::nullopt;
    return std::move(*catalog);
}

} // namespace

MetricsEndpoint::MetricsEndpoint()
    : m_counterCatalog(englishCatalog<CounterCatalog>(u":/counters/catalog.json"_s))
    , m_sysctlCatalog(englishCatalog<SysctlCatalog>(u":/sysctl/catalog.json"_s))
{
}

MetricsEndpoint::~MetricsEndpoint() = default;

void MetricsEndpoint::setSource(std::unique_ptr<SnapshotSource> source)
{
    m_source = std::move(source);
}

void MetricsEndpoint::addBatch(const ListenerSampleBatch &batch)
{
    QHash<quint64, Totals> next;
    next.reserve(batch.listeners.size());
    for (const ListenerReading &reading : batch.listeners) {
        Totals total = m_totals.value(reading.cookie);
        // A tick's sample carries the overflows of that tick only; one seen twice is not added twice.
        if (reading.sample.timeNs > total.lastSampleNs) {
            total.overflows += reading.sample.overflows;
            total.drops += reading.sample.drops;
            total.lastSampleNs = reading.sample.timeNs;
        }
        next.insert(reading.cookie, total);
    }
    m_totals = std::move(next);
    m_lastBatch = batch;
}

HttpResponse MetricsEndpoint::handle(const HttpRequest &request)
{
    const bool known = request.path == "/" || request.path == "/metrics";
    if (!known)
        return HttpResponse::text(404, "not found: tcplens serves /metrics");
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = HttpResponse::text(405, "only GET and HEAD are answered here");
        response.extraHeaders.append(std::pair<QByteArray, QByteArray>("Allow", "GET, HEAD"));
        return response;
    }
    HttpResponse response;
    if (request.path == "/metrics") {
        response = scrape(request);
    } else {
        response.contentType = "text/html; charset=utf-8";
        response.body = "<!DOCTYPE html>\n<html><head><title>TCP Lens exporter</title></head><body>\n"
                        "<h1>TCP Lens exporter</h1>\n<p>The kernel's TCP sockets, listener queues, counters "
                        "and sysctls for Prometheus: <a href=\"/metrics\">/metrics</a>.</p>\n</body></html>\n";
    }
    response.headOnly = request.method == "HEAD";
    return response;
}

HttpResponse MetricsEndpoint::scrape(const HttpRequest &request)
{
    const qint64 startNs = MonotonicClock::nowNs();
    MetricsScrape::Inputs inputs;
    inputs.maxListeners = m_maxListeners;
    // Per-state counts need every socket, but nothing of them beyond the state: no tcp_info, no
    // memory, no owners (the listener sampler resolves the listeners' owners once a second).
    if (auto snapshot = m_source ? m_source->take({AllStatesMask, false, false, false})
                                 : std::expected<SocketSnapshot, QString>(std::unexpected(QString()))) {
        std::array<qint64, TcpStateCount> states{};
        for (const SocketRecord &socket : snapshot->sockets()) {
            const auto index = std::size_t(socket.state);
            if (index < states.size())
                ++states[index];
        }
        inputs.states = states;
    }
    if (m_lastBatch) {
        QList<MetricsScrape::Listener> listeners;
        listeners.reserve(m_lastBatch->listeners.size());
        for (const ListenerReading &reading : std::as_const(m_lastBatch->listeners)) {
            const Totals total = m_totals.value(reading.cookie);
            listeners.append({reading.endpoint, reading.port, reading.process, reading.sample.acceptQueue,
                reading.sample.acceptQueueLimit, reading.sample.synQueue, total.overflows, total.drops});
        }
        inputs.listeners = std::move(listeners);
        inputs.unattributedOverflows = m_lastBatch->unattributedOverflows;
        inputs.unattributedDrops = m_lastBatch->unattributedDrops;
    }
    if (auto counters = KernelCounters::read())
        inputs.counters = std::move(*counters);
    inputs.counterCatalog = m_counterCatalog ? &*m_counterCatalog : nullptr;
    if (m_sysctlCatalog) {
        inputs.sysctlCatalog = &*m_sysctlCatalog;
        for (const SysctlEntry &entry : m_sysctlCatalog->entries()) {
            if (entry.removed)
                continue;
            SysctlReading reading;
            reading.key = entry.key;
            if (auto text = m_sysctlReader.readText(entry)) {
                reading.present = true;
                reading.current = *text;
            }
            inputs.sysctls.append(reading);
        }
    }
    inputs.collectSeconds = double(MonotonicClock::nowNs() - startNs) / 1e9;

    // Prometheus asks for OpenMetrics in its Accept header; curl and older scrapers get 0.0.4.
    const bool openMetrics = request.header("accept").contains("application/openmetrics-text");
    OpenMetricsWriter writer(
        openMetrics ? OpenMetricsWriter::Format::OpenMetrics : OpenMetricsWriter::Format::PrometheusText);
    MetricsScrape::write(writer, inputs);
    HttpResponse response;
    response.body = writer.finish();
    if (!writer.isValid())
        return HttpResponse::text(500, QByteArray("tcplens could not encode the metrics: " + writer.error().toUtf8()));
    response.contentType = writer.contentType().toByteArray();
    return response;
}

} // namespace TcpLens
