// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "exportcommand.h"

#include "commandline.h"
#include "export/connectioneventjson.h"
#include "export/jsonstreamwriter.h"
#include "export/snapshotjson.h"
#include "record/observationcodec.h"
#include "record/recordingreader.h"
#include "record/snapshotcodec.h"
#include "tracking/connectiontracker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>

#include <cstdio>
#include <cstring>
#include <functional>
#include <unistd.h>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

enum class Format : quint8 { Json, JsonLines, Csv };

// Rows read per query when walking a whole recording.
constexpr qint64 PageSpan = 4096;

// T: seconds from the recording's start ("12.5"), or a wall-clock time ("2026-12-03T04:05:06").
std::optional<qint64> parseTime(const QString &text, const RecordingInfo &info)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok)
        return info.firstNs + qint64(seconds * 1e9);
    QDateTime wall = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!wall.isValid())
        wall = QDateTime::fromString(text, Qt::ISODate);
    if (!wall.isValid())
        return std::nullopt;
    return wall.toMSecsSinceEpoch() * 1'000'000 - info.wallOffsetNs;
}

QString isoTime(const RecordingInfo &info, qint64 monotonicNs)
{
    return QDateTime::fromMSecsSinceEpoch((monotonicNs + info.wallOffsetNs) / 1'000'000, QTimeZone::UTC)
        .toString(Qt::ISODateWithMs);
}

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
QByteArray csv(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    return '"' + utf8.replace("\"", "\"\"") + '"';
}

QByteArray csvRow(const QStringList &fields)
{
    QByteArray row;
    for (const QString &field : fields) {
        if (!row.isEmpty() || &field != &fields.first())
            row += ',';
        row += csv(field);
    }
    return row;
}

// JSON objects as lines, or as one array.
class ObjectPrinter
{
public:
    explicit ObjectPrinter(Format format)
        : m_format(format)
    {
        if (m_format == Format::Json)
            std::fputc('[', stdout);
    }
    ~ObjectPrinter()
    {
        if (m_format == Format::Json)
            std::fputs("]\n", stdout);
    }
    void print(const QJsonObject &object)
    {
        const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
        if (m_format == Format::JsonLines) {
            printLine(text);
            return;
        }
        if (m_any)
            std::fputc(',', stdout);
        m_any = true;
        std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    }

private:
    Format m_format;
    bool m_any = false;
};

// Every row of the recording in order, handed to `visit`; false and a message when one is damaged.
std::expected<void, QString> walk(const RecordingReader &reader, const std::function<bool(const RecordedRow &)> &visit)
{
    const RecordingInfo &info = reader.info();
    if (info.lastSequence == 0)
        return {};
    for (qint64 from = info.firstSequence; from <= info.lastSequence; from += PageSpan) {
        auto rows = reader.rows(from, PageSpan);
        if (!rows)
            return std::unexpected(rows.error());
        for (const RecordedRow &row : *rows) {
            if (!visit(row))
                return {};
        }
    }
    return {};
}

int exportSnapshot(const RecordingReader &reader, qint64 atNs, Format format)
{
    auto placed = reader.snapshotAt(atNs);
    if (!placed) {
        std::fprintf(stderr, "tcplens export: %s\n", qPrintable(placed.error()));
        return 1;
    }
    if (placed->snapshot.isNull()) {
        std::fputs("tcplens export: the recording holds no snapshot (it was stopped before the first poll)\n", stderr);
        return 1;
    }
    const SocketSnapshot &snapshot = placed->snapshot;
    if (format == Format::Csv) {
        printLine("cookie,family,state,local,remote,receive_queue,send_queue,uid,inode,timer,rtt_us,"
                  "congestion_window,bytes_acked,bytes_received,total_retransmits"_ba);
        for (const SocketRecord &socket : snapshot.sockets()) {
            printLine(csvRow({QString::number(socket.cookie), socket.isIpv6() ? u"inet6"_s : u"inet"_s,
                stateName(socket.displayState()), socket.localEndpoint(), socket.remoteEndpoint(),
                QString::number(socket.receiveQueue), QString::number(socket.sendQueue), QString::number(socket.uid),
                QString::number(socket.inode), timerName(socket.timer), QString::number(socket.info.rttUs),
                QString::number(socket.info.congestionWindow), QString::number(socket.info.bytesAcked),
                QString::number(socket.info.bytesReceived), QString::number(socket.info.totalRetransmits)}));
        }
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    int writeError = 0;
    JsonStreamWriter writer(JsonStreamWriter::fileDescriptorSink(STDOUT_FILENO, &writeError));
    if (format == Format::JsonLines)
        writeSnapshotJsonLines(writer, snapshot);
    else
        writeSnapshotJson(writer, snapshot);
    if (!writer.flush()) {
        std::fprintf(stderr, "tcplens export: cannot write the output: %s\n", std::strerror(writeError));
        return 1;
    }
    return 0;
}

// The events are made again: the recorded inputs through a tracker of their own, as LiveConnections
// applies them, so that each event comes with its connection (`watch --json` prints both).
int exportEvents(const RecordingReader &reader, qint64 fromNs, qint64 toNs, Format format)
{
    const RecordingInfo &info = reader.info();
    ConnectionTracker tracker{ConnectionTracker::Settings()};
    SocketSnapshot current;
    std::optional<ObjectPrinter> printer;
    if (format == Format::Csv)
        printLine("event,id,time,monotonic_ns,how,from,to,state,kept,cookie,family,local,remote,side"_ba);
    else
        printer.emplace(format);
    QString failure;
    auto print = [&](const ConnectionEvents &events) {
        for (const ConnectionEvent &event : events) {
            if (event.timeNs < fromNs || event.timeNs > toNs)
                continue;
            const QJsonObject object =
                connectionEventToJson(event, tracker.find(event.connectionId), info.wallOffsetNs);
            if (printer) {
                printer->print(object);
                continue;
            }
            QStringList fields;
            for (const char *key : {"event", "id", "time", "monotonic_ns", "how", "from", "to", "state", "kept",
                     "cookie", "family", "local", "remote", "side"}) {
                const QJsonValue value = object.value(QLatin1StringView(key));
                fields.append(
                    value.isDouble() ? QString::number(qint64(value.toDouble())) : value.toVariant().toString());
            }
            printLine(csvRow(fields));
        }
    };
    auto walked = walk(reader, [&](const RecordedRow &row) {
        switch (row.kind) {
        case RecordKind::Snapshot: {
            auto decoded = decodeSnapshot(row.data, &current);
            if (!decoded) {
                failure = decoded.error();
                return false;
            }
            current = SocketSnapshot(std::move(*decoded));
            print(tracker.applySnapshot(current));
            break;
        }
        case RecordKind::Destroyed: {
            auto destroyed = decodeDestroyed(row.data);
            if (!destroyed) {
                failure = destroyed.error();
                return false;
            }
            print(tracker.applyDestroyed(*destroyed));
            break;
        }
        case RecordKind::StateChanges: {
            auto changes = decodeStateChanges(row.data);
            if (!changes) {
                failure = changes.error();
                return false;
            }
            print(tracker.applyExact(*changes));
            break;
        }
        default:
            break;
        }
        return true;
    });
    printer.reset();
    if (!walked || !failure.isEmpty()) {
        std::fprintf(stderr, "tcplens export: %s is damaged (%s): the events stop there\n", qPrintable(info.path),
            qPrintable(walked ? failure : walked.error()));
        return 1;
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
}

int exportSamples(const RecordingReader &reader, qint64 fromNs, qint64 toNs, Format format)
{
    const RecordingInfo &info = reader.info();
    std::optional<ObjectPrinter> printer;
    if (format == Format::Csv)
        printLine("kind,time,monotonic_ns,name,cookie,process,accept_queue,accept_queue_limit,syn_queue,overflows,"
                  "drops,value,delta,per_second"_ba);
    else
        printer.emplace(format);
    QString failure;
    auto walked = walk(reader, [&](const RecordedRow &row) {
        if (row.timeNs < fromNs || row.timeNs > toNs)
            return true;
        if (row.kind == RecordKind::ListenerSamples) {
            auto batch = decodeListenerBatch(row.data);
            if (!batch) {
                failure = batch.error();
                return false;
            }
            for (const ListenerReading &reading : batch->listeners) {
                const ListenerSample &sample = reading.sample;
                if (!printer) {
                    printLine(csvRow(
                        {u"listener"_s, isoTime(info, sample.timeNs), QString::number(sample.timeNs), reading.endpoint,
                            QString::number(reading.cookie), reading.process, QString::number(sample.acceptQueue),
                            QString::number(sample.acceptQueueLimit), QString::number(sample.synQueue),
                            QString::number(sample.overflows), QString::number(sample.drops), {}, {}, {}}));
                    continue;
                }
                printer->print(QJsonObject{
                    {u"schema"_s, u"tcplens.listener_sample"_s},
                    {u"time"_s, isoTime(info, sample.timeNs)},
                    {u"monotonic_ns"_s, double(sample.timeNs)},
                    {u"cookie"_s, QString::number(reading.cookie)},
                    {u"endpoint"_s, reading.endpoint},
                    {u"port"_s, reading.port},
                    {u"process"_s, reading.process},
                    {u"accept_queue"_s, qint64(sample.acceptQueue)},
                    {u"accept_queue_limit"_s, qint64(sample.acceptQueueLimit)},
                    {u"syn_queue"_s, qint64(sample.synQueue)},
                    {u"syn_queue_counted"_s, sample.synQueueCounted},
                    {u"overflows"_s, sample.overflows},
                    {u"drops"_s, sample.drops},
                });
            }
        } else if (row.kind == RecordKind::Counters) {
            auto sample = decodeCounterSample(row.data);
            if (!sample) {
                failure = sample.error();
                return false;
            }
            for (const CounterChange &change : sample->changes) {
                const QString name = QString::fromLatin1(change.name);
                if (!printer) {
                    printLine(
                        csvRow({u"counter"_s, isoTime(info, sample->monotonicNs), QString::number(sample->monotonicNs),
                            name, {}, {}, {}, {}, {}, {}, {}, QString::number(change.value),
                            QString::number(change.delta), QString::number(change.perSecond)}));
                    continue;
                }
                printer->print(QJsonObject{
                    {u"schema"_s, u"tcplens.counter_sample"_s},
                    {u"time"_s, isoTime(info, sample->monotonicNs)},
                    {u"monotonic_ns"_s, double(sample->monotonicNs)},
                    {u"counter"_s, name},
                    {u"value"_s, change.value},
                    {u"delta"_s, change.delta},
                    {u"per_second"_s, change.perSecond},
                    {u"gauge"_s, change.gauge},
                    {u"reset"_s, change.reset},
                });
            }
        }
        return true;
    });
    printer.reset();
    if (!walked || !failure.isEmpty()) {
        std::fprintf(stderr, "tcplens export: %s is damaged (%s): the samples stop there\n", qPrintable(info.path),
            qPrintable(walked ? failure : walked.error()));
        return 1;
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace

int runExportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("tcplens", "Prints what a recording holds (docs/json-schema.md, \"Recordings\")."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"FILE"_s, QCoreApplication::translate("tcplens", "A recording made by tcplens record."));
    const QCommandLineOption json(u"json"_s,
        QCoreApplication::translate(
            "tcplens", "One JSON document: a snapshot object, or an array of events or samples."));
    const QCommandLineOption jsonLines(u"jsonl"_s,
        QCoreApplication::translate("tcplens", "JSON Lines, as snapshot --jsonl and watch --json print them."));
    const QCommandLineOption csvFormat(
        u"csv"_s, QCoreApplication::translate("tcplens", "Comma-separated values with a header line."));
    const QCommandLineOption from(u"from"_s,
        QCoreApplication::translate("tcplens",
            "From T: seconds since the recording began, or a time (2026-12-03T04:05:06). Default: its start."),
        u"T"_s);
    const QCommandLineOption to(u"to"_s,
        QCoreApplication::translate("tcplens",
            "Up to T, as --from. Default: its end. The snapshot exported is the one in force at --to (or --from)."),
        u"T"_s);
    const QCommandLineOption what(u"what"_s,
        QCoreApplication::translate("tcplens",
            "snapshot (default): the sockets at one moment; events: connection events; samples: listener queues "
            "and counters."),
        u"WHAT"_s, u"snapshot"_s);
    parser.addOptions({json, jsonLines, csvFormat, from, to, what});
    processArguments(parser, arguments);
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        std::fputs("tcplens export: name one recording FILE (see tcplens export --help)\n", stderr);
        return 2;
    }
    const int formats = int(parser.isSet(json)) + int(parser.isSet(jsonLines)) + int(parser.isSet(csvFormat));
    if (formats != 1) {
        std::fputs("tcplens export: add one of --json, --jsonl or --csv\n", stderr);
        return 2;
    }
    const Format format = parser.isSet(json) ? Format::Json : parser.isSet(jsonLines) ? Format::JsonLines : Format::Csv;
    const QString kind = parser.value(what);
    if (kind != "snapshot"_L1 && kind != "events"_L1 && kind != "samples"_L1) {
        std::fputs("tcplens export: --what takes snapshot, events or samples\n", stderr);
        return 2;
    }
    auto reader = RecordingReader::open(files.first());
    if (!reader) {
        std::fprintf(stderr, "tcplens export: %s\n", qPrintable(reader.error()));
        return 1;
    }
    const RecordingInfo &info = (*reader)->info();
    qint64 fromNs = info.firstNs;
    qint64 toNs = info.lastNs;
    for (const auto &[option, into] : {std::pair{&from, &fromNs}, std::pair{&to, &toNs}}) {
        if (!parser.isSet(*option))
            continue;
        const auto parsed = parseTime(parser.value(*option), info);
        if (!parsed) {
            std::fprintf(stderr,
                "tcplens export: --%s takes seconds from the start (12.5) or a time "
                "(2026-12-03T04:05:06), not '%s'\n",
                qPrintable(option->names().constFirst()), qPrintable(parser.value(*option)));
            return 2;
        }
        *into = *parsed;
    }
    if (kind == "snapshot"_L1)
        return exportSnapshot(**reader, parser.isSet(to) || !parser.isSet(from) ? toNs : fromNs, format);
    if (kind == "events"_L1)
        return exportEvents(**reader, fromNs, toNs, format);
    return exportSamples(**reader, fromNs, toNs, format);
}

} // namespace TcpLens
