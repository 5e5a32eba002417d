// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "headlesscommands.h"

#include "apppreferences.h"

#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "commandline.h"
#include "counterscommand.h"
#include "doctorcommand.h"
#include "export/jsonstreamwriter.h"
#include "export/snapshotjson.h"
#include "exportcommand.h"
#include "i18n/displaylanguage.h"
#include "labcommand.h"
#include "pipeline/helperprogram.h"
#include "recordcommand.h"
#include "servecommand.h"
#include "sysctlcommand.h"
#include "watchcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <vector>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

int runSnapshot(QCoreApplication &, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Prints one snapshot of the kernel's TCP sockets (docs/json-schema.md)."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, QCoreApplication::translate("main", "Print one JSON object, compact."));
    const QCommandLineOption jsonLines(u"jsonl"_s,
        QCoreApplication::translate("main",
            "Print JSON Lines: a first line with what --json has at the top level, then one socket per line "
            "(with --listeners: one listener per line)."));
    const QCommandLineOption pretty(
        u"pretty"_s, QCoreApplication::translate("main", "With --json: indent it, four spaces per level."));
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate("main",
            "Look into this network namespace: /proc/PID/ns/net, "
            "/run/netns/NAME or NAME."),
        u"PATH"_s);
    const QCommandLineOption listeners(
        u"listeners"_s, QCoreApplication::translate("main", "Only listening sockets, with their queues."));
    const QCommandLineOption noOwners(
        u"no-owners"_s, QCoreApplication::translate("main", "Do not look up owning processes in /proc."));
    parser.addOptions({json, jsonLines, pretty, netns, listeners, noOwners});
    processArguments(parser, arguments);
    if (!parser.isSet(json) && !parser.isSet(jsonLines)) {
        std::fputs("tcplens snapshot: add --json or --jsonl (the only output formats so far)\n", stderr);
        return 2;
    }
    if (parser.isSet(json) && parser.isSet(jsonLines)) {
        std::fputs("tcplens snapshot: --json or --jsonl, not both\n", stderr);
        return 2;
    }
    if (parser.isSet(pretty) && !parser.isSet(json)) {
        std::fputs("tcplens snapshot: --pretty indents --json; --jsonl keeps each socket on one line\n", stderr);
        return 2;
    }
    // A headless command has a single thread here, so moving it into the namespace is enough.
    if (parser.isSet(netns)) {
        if (auto entered = NetworkNamespace::enter(parser.value(netns)); !entered) {
            std::fprintf(stderr, "tcplens snapshot: %s\n", qPrintable(entered.error()));
            return 1;
        }
    }
    auto source = SnapshotSource::open(NetworkNamespace::resolvePath(parser.value(netns)));
    if (!source) {
        std::fprintf(stderr, "tcplens snapshot: %s\n", qPrintable(source.error()));
        return 1;
    }
    SnapshotSource::Options options;
    options.stateMask = parser.isSet(listeners) ? ListenerStatesMask : AllStatesMask;
    options.resolveOwners = !parser.isSet(noOwners);
    auto snapshot = (*source)->take(options);
    if (!snapshot) {
        std::fprintf(stderr, "tcplens snapshot: %s\n", qPrintable(snapshot.error()));
        return 1;
    }
    SnapshotJsonOptions jsonOptions;
    jsonOptions.listenersOnly = parser.isSet(listeners);
    // Straight to file descriptor 1 in large chunks, past stdio (nothing else wrote to it).
    int writeError = 0;
    JsonStreamWriter writer(JsonStreamWriter::fileDescriptorSink(STDOUT_FILENO, &writeError),
        parser.isSet(pretty) ? JsonStreamWriter::Layout::Indented : JsonStreamWriter::Layout::Compact);
    if (parser.isSet(jsonLines))
        writeSnapshotJsonLines(writer, *snapshot, jsonOptions);
    else
        writeSnapshotJson(writer, *snapshot, jsonOptions);
    if (!writer.flush()) {
        std::fprintf(stderr, "tcplens snapshot: cannot write the output: %s\n", std::strerror(writeError));
        return 1;
    }
    return 0;
}

// SIGINT/SIGTERM end `watch` through the event loop: the handler only writes to a pipe.
int g_interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_interruptPipe[1], &byte, 1);
}

} // namespace

std::optional<CollectorSettings> pollingSettings(const QString &netns, const QString &intervalMs, const char *command)
{
    CollectorSettings settings;
    settings.netns = netns;
    bool ok = false;
    settings.intervalMs = intervalMs.toInt(&ok);
    if (!ok || settings.intervalMs < 10) {
        std::fprintf(stderr, "%s: --interval takes milliseconds, at least 10\n", command);
        return std::nullopt;
    }
    return settings;
}

std::unique_ptr<QObject> exitOnInterrupt(QCoreApplication &app)
{
    if (g_interruptPipe[0] < 0 && ::pipe2(g_interruptPipe, O_CLOEXEC) < 0)
        return nullptr;
    auto interrupted = std::make_unique<QSocketNotifier>(g_interruptPipe[0], QSocketNotifier::Read);
    QObject::connect(interrupted.get(), &QSocketNotifier::activated, &app, [] { QCoreApplication::exit(0); });
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    return interrupted;
}

namespace {

int runWatch(QCoreApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Prints one JSON line per connection event (opened, transition, closed) until "
        "interrupted (docs/json-schema.md)."));
    parser.addHelpOption();
    const QCommandLineOption json(
        u"json"_s, QCoreApplication::translate("main", "Print JSON lines (the only format so far)."));
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate("main", "Watch this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."),
        u"PATH"_s);
    const QCommandLineOption interval(u"interval"_s,
        QCoreApplication::translate("main", "Poll every MS milliseconds (default 200)."), u"MS"_s, u"200"_s);
    const QCommandLineOption exact(u"exact"_s,
        QCoreApplication::translate("main",
            "Exact transitions from the tracepoint sock:inet_sock_set_state "
            "(root or CAP_PERFMON; without, polling, and a line says why)."));
    parser.addOptions({json, netns, interval, exact});
    processArguments(parser, arguments);
    if (!parser.isSet(json)) {
        std::fputs("tcplens watch: add --json (the only output format so far)\n", stderr);
        return 2;
    }
    std::optional<CollectorSettings> polling =
        pollingSettings(parser.value(netns), parser.value(interval), "tcplens watch");
    if (!polling)
        return 2;
    CollectorSettings settings = *polling;
    settings.snapshot.resolveOwners = false;
    settings.exact = parser.isSet(exact);

    auto interrupted = exitOnInterrupt(app);
    if (!interrupted)
        return 1;

    WatchCommand watch(settings, stdout);
    QObject::connect(&watch, &WatchCommand::failed, &app, [](const QString &message) {
        std::fprintf(stderr, "tcplens watch: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    watch.start();
    return app.exec();
}

int runCounters(QCoreApplication &, const QStringList &arguments)
{
    return runCountersCommand(arguments);
}

int runSysctl(QCoreApplication &, const QStringList &arguments)
{
    return runSysctlCommand(arguments);
}

int runLab(QCoreApplication &, const QStringList &arguments)
{
    return runLabCommand(arguments);
}

int runDoctor(QCoreApplication &, const QStringList &arguments)
{
    return runDoctorCommand(arguments);
}

int runRecord(QCoreApplication &app, const QStringList &arguments)
{
    return runRecordCommand(app, arguments);
}

int runServe(QCoreApplication &app, const QStringList &arguments)
{
    return runServeCommand(app, arguments);
}

int runExport(QCoreApplication &, const QStringList &arguments)
{
    return runExportCommand(arguments);
}

// The agent is a program of its own linked with the core only: this process has Qt Gui and Widgets
// mapped (the window's libraries), the agent on a server should not. exec() replaces it here, before
// any QApplication exists; --help too comes from the agent.
int runAgent(QCoreApplication &, const QStringList &arguments)
{
    const QString program = findHelperProgram("tcplens-agent"_L1, QFile::decodeName(TCPLENS_AGENT_INSTALLED));
    if (program.isEmpty()) {
        std::fprintf(stderr, "tcplens agent: tcplens-agent is neither beside tcplens nor installed as %s\n",
            TCPLENS_AGENT_INSTALLED);
        return 1;
    }
    // Its own path as argv[0]: `pkill -f tcplens-agent` and ps name what runs.
    const QByteArray path = QFile::encodeName(program);
    QList<QByteArray> words{path};
    for (const QString &argument : arguments.mid(1))
        words.append(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    ::execv(path.constData(), argv.data());
    std::fprintf(stderr, "tcplens agent: cannot run %s: %s\n", path.constData(), std::strerror(errno));
    return 1;
}

const HeadlessCommand Commands[] = {
    {"snapshot", "--json [--pretty] | --jsonl [--netns PATH] [--listeners] [--no-owners]",
        QT_TRANSLATE_NOOP("main", "one snapshot as JSON, or as JSON Lines"), runSnapshot},
    {"watch", "--json [--netns PATH] [--interval MS] [--exact]",
        QT_TRANSLATE_NOOP("main", "one JSON line per connection event, until Ctrl+C"), runWatch},
    {"counters", "[--json] [--all] [--netns PATH] [--interval SECONDS]",
        QT_TRANSLATE_NOOP("main", "the kernel's TCP counters and what each one means"), runCounters},
    {"sysctl", "[--json] [--netns PATH] [KEY...] | validate KEY VALUE | lint FILE...",
        QT_TRANSLATE_NOOP("main", "TCP sysctls: value, the kernel's default, what they really do"), runSysctl},
    {"doctor", "[--json] [--netns PATH] [--interval MS] [--rules FILE]",
        QT_TRANSLATE_NOOP("main", "what is wrong with the connections, which ones, why, and the fix"), runDoctor},
    {"record", "FILE [--netns PATH] [--duration S] [--exact] [--interval MS]",
        QT_TRANSLATE_NOOP("main", "record what the kernel shows into FILE, until Ctrl+C, to replay or export"),
        runRecord},
    {"export", "FILE --json|--jsonl|--csv [--from T] [--to T] [--what snapshot|events|samples]",
        QT_TRANSLATE_NOOP("main", "a recording's snapshot, events or samples as JSON or CSV"), runExport},
    {"serve", "--metrics [ADDRESS:PORT] [--netns PATH] [--max-listeners N] [--interval MS]",
        QT_TRANSLATE_NOOP("main", "a Prometheus exporter: sockets, listener queues, counters and sysctls at /metrics"),
        runServe},
    {"agent", "[--netns PATH] [--interval MS] [--exact]",
        QT_TRANSLATE_NOOP("main", "the agent stream on stdout for TCP Lens on another machine (through ssh)"),
        runAgent},
    {"lab", "list [--json] | run NAME|FILE [--json] [--fast]",
        QT_TRANSLATE_NOOP("main", "a lesson played on the real kernel, in a network namespace of its own"), runLab},
};

} // namespace

std::span<const HeadlessCommand> headlessCommands()
{
    return Commands;
}

const HeadlessCommand *findHeadlessCommand(std::string_view name)
{
    for (const HeadlessCommand &command : Commands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

int runHeadlessCommand(int argc, char **argv, const QString &language)
{
    const HeadlessCommand *command = argc > 1 ? findHeadlessCommand(argv[1]) : nullptr;
    if (!command) {
        std::fprintf(stderr, "tcplens: unknown command '%s' (see tcplens --help)\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tcplens"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPLENS_VERSION_STRING));
    // The window's settings file, for the language chosen in its preferences.
    QCoreApplication::setOrganizationDomain(u"tcplens.org"_s);
    DisplayLanguage::apply(
        DisplayLanguage::fromSystem(language.isEmpty() ? AppPreferences::load().language : language));
    // `lab run` starts the lab's helper, which reads its scenario in this language too.
    qputenv("LANGUAGE", DisplayLanguage::current().toLocal8Bit());
    QStringList arguments = QCoreApplication::arguments();
    const QString name = arguments.takeAt(1);
    // "tcplens sysctl", not the path it was started by: usage lines and messages name the command.
    arguments[0] = QFileInfo(arguments[0]).fileName() + u' ' + name;
    return command->run(app, arguments);
}

} // namespace TcpLens
