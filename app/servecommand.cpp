// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "servecommand.h"

#include "collect/listenersamplerworker.h"
#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "collect/workerthread.h"
#include "commandline.h"
#include "headlesscommands.h"
#include "metrics/metricsscrape.h"
#include "metricsendpoint.h"
#include "metricshttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
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
    // `--metrics=ADDRESS:PORT` reads as `--metrics ADDRESS:PORT`: the address belongs to --metrics, but
    // QCommandLineParser has no options with an optional value.
    QStringList split;
    for (const QString &argument : arguments) {
        if (argument.startsWith(u"--metrics="_s))
            split << u"--metrics"_s << argument.mid(10);
        else
            split << argument;
    }
    processArguments(parser, split);
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
    MetricsEndpoint endpoint;
    const int listenerCap = parser.value(maxListeners).toInt(&ok);
    if (!ok || listenerCap < 0)
        return fail(ServeCommand::tr("--max-listeners takes a number, 0 or more"), 2);
    endpoint.setMaxListeners(listenerCap);
    const int intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || intervalMs < 10)
        return fail(ServeCommand::tr("--interval takes milliseconds, at least 10"), 2);

    MetricsHttpServer server([&endpoint](const HttpRequest &request) { return endpoint.handle(request); });
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
    endpoint.setSource(std::move(*source));

    auto interrupted = exitOnInterrupt(app);
    if (!interrupted)
        return 1;
    NamespaceAccess access;
    access.netns = parser.value(netns);
    WorkerThread<ListenerSamplerWorker> sampler(u"tcplens-listeners"_s, access, intervalMs);
    QObject::connect(sampler.worker(), &ListenerSamplerWorker::listenersSampled, &app,
        [&endpoint](const ListenerSampleBatch &batch) { endpoint.addBatch(batch); });
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
