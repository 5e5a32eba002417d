// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "servecommand.h"

#include "collect/listenersamplerworker.h"
#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "collect/workerthread.h"
#include "commandline.h"
#include "headlesscommands.h"
#include "metrics/httprequest.h"
#include "metrics/metricsscrape.h"
#include "metrics/openmetricswriter.h"
#include "metricshttpserver.h"
#include "model/monotonicclock.h"
#include "sysctl/sysctlreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QHostAddress>

#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr quint16 DefaultPort = 9477;

// The context lupdate and translate() give this file's texts: its functions belong to no class.
struct ServeCommand
{
    Q_DECLARE_TR_FUNCTIONS(ServeCommand)
};

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "tcplens serve: %s\n", qPrintable(message));
    return code;
}

// "127.0.0.1:9477", "[::1]:9477", "0.0.0.0:80"; a bare port listens on 127.0.0.1.
std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    QString host = u"127.0.0.1"_s;
    QString port = text;
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon >= 0) {
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        else if (host.contains(u':'))
            return std::nullopt; // an IPv6 address needs its brackets
    }
    QHostAddress address;
    bool ok = false;
    const uint number = port.toUInt(&ok);
    if (!ok || number == 0 || number > 65535 || !address.setAddress(host))
        return std::nullopt;
    return std::pair{address, quint16(number)};
}

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

// Everything the scrapes share: the listener sampler's last batch with the overflow and drop shares
// summed per listener, the dump for the states, the catalogs.
class Exporter
{
public:
    struct Totals
    {
        qint64 overflows = 0;
        qint64 drops = 0;
        qint64 lastSampleNs = 0;
    };

    std::unique_ptr<SnapshotSource> source;
    std::optional<CounterCatalog> counterCatalog;
    std::optional<SysctlCatalog> sysctlCatalog;
    SysctlReader sysctlReader;
    int maxListeners = MetricsScrape::DefaultMaxListeners;
    std::optional<ListenerSampleBatch> lastBatch;
    QHash<quint64, Totals> totals;

    void addBatch(const ListenerSampleBatch &batch)
    {
        QHash<quint64, Totals> next;
        next.reserve(batch.listeners.size());
        for (const ListenerReading &reading : batch.listeners) {
            Totals total = totals.value(reading.cookie);
            // A tick's sample carries the overflows of that tick only; one seen twice is not added twice.
            if (reading.sample.timeNs > total.lastSampleNs) {
                total.overflows += reading.sample.overflows;
                total.drops += reading.sample.drops;
                total.lastSampleNs = reading.sample.timeNs;
            }
            next.insert(reading.cookie, total);
        }
        totals = std::move(next);
        lastBatch = batch;
    }

    HttpResponse scrape(const HttpRequest &request)
    {
        const qint64 startNs = MonotonicClock::nowNs();
        MetricsScrape::Inputs inputs;
        inputs.maxListeners = maxListeners;
        // Per-state counts need every socket, but nothing of them beyond the state: no tcp_info, no
        // memory, no owners (the listener sampler resolves the listeners' owners once a second).
        if (auto snapshot = source->take({AllStatesMask, false, false, false})) {
            std::array<qint64, TcpStateCount> states{};
            for (const SocketRecord &socket : snapshot->sockets()) {
                const auto index = std::size_t(socket.state);
                if (index < states.size())
                    ++states[index];
            }
            inputs.states = states;
        }
        if (lastBatch) {
            QList<MetricsScrape::Listener> listeners;
            listeners.reserve(lastBatch->listeners.size());
            for (const ListenerReading &reading : std::as_const(lastBatch->listeners)) {
                const Totals total = totals.value(reading.cookie);
                listeners.append({reading.endpoint, reading.port, reading.process, reading.sample.acceptQueue,
                    reading.sample.acceptQueueLimit, reading.sample.synQueue, total.overflows, total.drops});
            }
            inputs.listeners = std::move(listeners);
            inputs.unattributedOverflows = lastBatch->unattributedOverflows;
            inputs.unattributedDrops = lastBatch->unattributedDrops;
        }
        if (auto counters = KernelCounters::read())
            inputs.counters = std::move(*counters);
        inputs.counterCatalog = counterCatalog ? &*counterCatalog : nullptr;
        if (sysctlCatalog) {
            inputs.sysctlCatalog = &*sysctlCatalog;
            for (const SysctlEntry &entry : sysctlCatalog->entries()) {
                if (entry.removed)
                    continue;
                SysctlReading reading;
                reading.key = entry.key;
                if (auto text = sysctlReader.readText(entry)) {
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
            return HttpResponse::text(
                500, QByteArray("tcplens could not encode the metrics: " + writer.error().toUtf8()));
        response.contentType = writer.contentType().toByteArray();
        return response;
    }

    HttpResponse handle(const HttpRequest &request)
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
};

} // namespace

int runServeCommand(QCoreApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(ServeCommand::tr(
        "Serves the kernel's TCP view to Prometheus until interrupted: sockets per state, each listener's "
        "queues, the counters and sysctls of the catalogs (docs/metrics.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"ADDRESS:PORT"_s,
        ServeCommand::tr("Where to listen for scrapes (default 127.0.0.1:9477; [::1]:PORT for IPv6)."),
        u"[ADDRESS:PORT]"_s);
    const QCommandLineOption metrics(
        u"metrics"_s, ServeCommand::tr("Serve OpenMetrics text at /metrics (the only thing served so far)."));
    const QCommandLineOption netns(u"netns"_s,
        ServeCommand::tr("Export this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME. The "
                         "listening socket stays in ours."),
        u"PATH"_s);
    const QCommandLineOption maxListeners(u"max-listeners"_s,
        ServeCommand::tr("Export at most N listeners (default 200); tcplens_listeners_omitted counts the rest."),
        u"N"_s, QString::number(MetricsScrape::DefaultMaxListeners));
    const QCommandLineOption interval(u"interval"_s,
        ServeCommand::tr("Sample the listeners' queues every MS milliseconds (default 50)."), u"MS"_s,
        QString::number(ListenerSamplerWorker::DefaultIntervalMs));
    parser.addOptions({metrics, netns, maxListeners, interval});
    processArguments(parser, arguments);
    if (!parser.isSet(metrics))
        return fail(ServeCommand::tr("add --metrics (the only thing served so far)"), 2);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(ServeCommand::tr("one ADDRESS:PORT at most (see tcplens serve --help)"), 2);
    const auto listenAt =
        parseListenAddress(positional.isEmpty() ? u"127.0.0.1:%1"_s.arg(DefaultPort) : positional.first());
    if (!listenAt)
        return fail(
            ServeCommand::tr("'%1' is not ADDRESS:PORT (127.0.0.1:9477, [::1]:9477)").arg(positional.first()), 2);
    bool ok = false;
    Exporter exporter;
    exporter.maxListeners = parser.value(maxListeners).toInt(&ok);
    if (!ok || exporter.maxListeners < 0)
        return fail(ServeCommand::tr("--max-listeners takes a number, 0 or more"), 2);
    const int intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || intervalMs < 10)
        return fail(ServeCommand::tr("--interval takes milliseconds, at least 10"), 2);

    MetricsHttpServer server([&exporter](const HttpRequest &request) { return exporter.handle(request); });
    if (auto listening = server.listen(listenAt->first, listenAt->second); !listening) {
        return fail(
            ServeCommand::tr("cannot listen at %1: %2")
                .arg(positional.isEmpty() ? u"127.0.0.1:%1"_s.arg(DefaultPort) : positional.first(), listening.error()),
            1);
    }
    // Only this thread moves: the HTTP listener above stays where it was opened, and the sampler's
    // thread enters the namespace itself (NamespaceAccess).
    const QString netnsPath = NetworkNamespace::resolvePath(parser.value(netns));
    if (parser.isSet(netns)) {
        if (auto entered = NetworkNamespace::enter(netnsPath); !entered)
            return fail(entered.error(), 1);
    }
    auto source = SnapshotSource::open(netnsPath);
    if (!source)
        return fail(source.error(), 1);
    exporter.source = std::move(*source);
    exporter.counterCatalog = englishCatalog<CounterCatalog>(u":/counters/catalog.json"_s);
    exporter.sysctlCatalog = englishCatalog<SysctlCatalog>(u":/sysctl/catalog.json"_s);

    auto interrupted = exitOnInterrupt(app);
    if (!interrupted)
        return 1;
    NamespaceAccess access;
    access.netns = parser.value(netns);
    WorkerThread<ListenerSamplerWorker> sampler(u"tcplens-listeners"_s, access, intervalMs);
    QObject::connect(sampler.worker(), &ListenerSamplerWorker::listenersSampled, &app,
        [&exporter](const ListenerSampleBatch &batch) { exporter.addBatch(batch); });
    QObject::connect(
        sampler.worker(), &ListenerSamplerWorker::failed, &app, [](const QString &message) { fail(message, 1); });
    sampler.start();
    std::fprintf(stderr, "%s\n",
        qPrintable(ServeCommand::tr("tcplens serve: metrics at http://%1/metrics")
                .arg(listenAt->first.protocol() == QAbstractSocket::IPv6Protocol
                        ? u"[%1]:%2"_s.arg(listenAt->first.toString()).arg(server.port())
                        : u"%1:%2"_s.arg(listenAt->first.toString()).arg(server.port()))));
    return app.exec();
}

} // namespace TcpLens
