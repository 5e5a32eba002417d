// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordcommand.h"

#include "commandline.h"
#include "headlesscommands.h"
#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "record/recordingwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr int ProgressIntervalMs = 5000;

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1) + u" MB"_s;
}

} // namespace

int runRecordCommand(QCoreApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("tcplens",
        "Records what the kernel shows into FILE until interrupted, to open in the "
        "window or export later (docs/recording-format.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"FILE"_s, QCoreApplication::translate("tcplens", "The recording to make; it must not exist yet."));
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate(
            "tcplens", "Record this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."),
        u"PATH"_s);
    const QCommandLineOption duration(u"duration"_s,
        QCoreApplication::translate("tcplens", "Stop after S seconds (default: at Ctrl+C or SIGTERM)."), u"S"_s);
    const QCommandLineOption exact(u"exact"_s,
        QCoreApplication::translate("tcplens",
            "Exact transitions from the tracepoint sock:inet_sock_set_state (root or CAP_PERFMON; without, "
            "polling, and a line says why)."));
    const QCommandLineOption interval(u"interval"_s,
        QCoreApplication::translate("tcplens", "Poll the sockets every MS milliseconds (default 1000)."), u"MS"_s,
        u"1000"_s);
    parser.addOptions({netns, duration, exact, interval});
    processArguments(parser, arguments);
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        std::fputs("tcplens record: name one FILE to record into (see tcplens record --help)\n", stderr);
        return 2;
    }
    std::optional<CollectorSettings> polling =
        pollingSettings(parser.value(netns), parser.value(interval), "tcplens record");
    if (!polling)
        return 2;
    CollectorSettings settings = *polling;
    double seconds = 0;
    if (parser.isSet(duration)) {
        bool ok = false;
        seconds = parser.value(duration).toDouble(&ok);
        if (!ok || seconds <= 0) {
            std::fputs("tcplens record: --duration takes seconds, more than 0\n", stderr);
            return 2;
        }
    }
    settings.exact = parser.isSet(exact);

    LocalKernelSource::Options options;
    options.collector = settings;
    auto source = std::make_unique<LocalKernelSource>(options);
    auto writer = RecordingWriter::create(files.first(), source->description());
    if (!writer) {
        std::fprintf(stderr, "tcplens record: %s\n", qPrintable(writer.error()));
        return 1;
    }
    auto interrupted = exitOnInterrupt(app);
    if (!interrupted)
        return 1;

    int status = 0;
    // Declared after the writer: the pipeline and its source stop first, then the writer commits
    // everything they handed over.
    std::unique_ptr<RecordingWriter> recorder = std::move(*writer);
    LiveConnections connections;
    const qint64 startNs = MonotonicClock::nowNs();
    QObject::connect(recorder.get(), &RecordingWriter::failed, &app, [&status](const QString &message) {
        std::fprintf(stderr, "tcplens record: %s\n", qPrintable(message));
        status = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&connections, &LiveConnections::failed, &app, [](const QString &message) {
        // A poll that failed once (a namespace gone, a permission) is worth a line; the next may work.
        std::fprintf(stderr, "tcplens record: %s\n", qPrintable(message));
    });
    QObject::connect(&connections, &LiveConnections::statusChanged, &app, [&connections, reported = false]() mutable {
        const LiveConnections::Status &state = connections.status();
        if (reported || state.exactStatus.isEmpty())
            return;
        reported = true;
        std::fprintf(stderr, "tcplens record: %s: %s\n", state.exactActive ? "exact mode" : "polling only",
            qPrintable(state.exactStatus));
    });
    auto report = [&] {
        const RecordingStatistics &statistics = recorder->statistics();
        std::fprintf(stderr, "tcplens record: %.0f s, %lld snapshots, %s\n",
            double(MonotonicClock::nowNs() - startNs) / 1e9, static_cast<long long>(statistics.snapshots),
            qPrintable(megabytes(statistics.fileBytes)));
    };
    QTimer progress;
    progress.setInterval(ProgressIntervalMs);
    QObject::connect(&progress, &QTimer::timeout, &app, report);
    progress.start();
    if (seconds > 0)
        QTimer::singleShot(qint64(seconds * 1000), &app, [] { QCoreApplication::exit(0); });

    recorder->record(connections);
    connections.setSource(std::move(source));
    const int exitCode = app.exec();
    connections.setSource(nullptr);
    recorder->finish();
    report();
    std::fprintf(stderr, "tcplens record: wrote %s\n", qPrintable(files.first()));
    return status != 0 ? status : exitCode;
}

} // namespace TcpLens
