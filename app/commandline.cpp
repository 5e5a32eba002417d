// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "commandline.h"

#include "headlesscommands.h"
#include "i18n/displaylanguage.h"
#include "pipeline/remotesource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

enum class QtOption { None, Flag, TakesValue };

// Qt's own command-line options (QGuiApplication's and QApplication's documentation, and the xcb
// plugin's), which QApplication takes out of argv before parseGuiOptions() sees the arguments. Qt
// accepts each with one dash or two; those that take a value also as -name=value. The check before
// QApplication must let them through: being lenient here only defers an error to the parser.
QtOption qtOwnOption(std::string_view argument)
{
    if (!argument.starts_with('-'))
        return QtOption::None;
    argument.remove_prefix(argument.starts_with("--") ? 2 : 1);
    const bool valueAttached = argument.find('=') != std::string_view::npos;
    argument = argument.substr(0, argument.find('='));
    static constexpr std::string_view withValue[] = {"platform", "platformpluginpath", "platformtheme", "plugin",
        "qwindowgeometry", "qwindowicon", "qwindowtitle", "session", "display", "geometry", "title", "icon", "name",
        "visual", "style", "stylesheet", "qmljsdebugger"};
    static constexpr std::string_view flags[] = {"reverse", "widgetcount", "nograb", "dograb", "sync", "testability"};
    if (std::ranges::find(withValue, argument) != std::ranges::end(withValue))
        return valueAttached ? QtOption::Flag : QtOption::TakesValue;
    if (std::ranges::find(flags, argument) != std::ranges::end(flags))
        return QtOption::Flag;
    return QtOption::None;
}

QString describeCommands()
{
    QString text = QCoreApplication::translate("main",
        "TCP Lens shows the kernel's TCP connections as they live and die.\n\n"
        "Commands that need no display (tcplens COMMAND --help for more; --lang works with each):");
    for (const HeadlessCommand &command : headlessCommands()) {
        text += u"\n  "_s + QString::fromLatin1(command.name) + u' ' + QString::fromLatin1(command.synopsis) +
            u"\n      "_s + QCoreApplication::translate("main", command.summary);
    }
    return text;
}

// The GUI's options, for parseGuiOptions() and for the check before QApplication exists.
void addGuiOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(describeCommands());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"RECORDING"_s,
        QCoreApplication::translate("main", "A recording to replay (made by tcplens record or File → Record)."),
        u"[RECORDING.tcplens]"_s);
    parser.addOptions({
        QCommandLineOption(u"screenshot"_s,
            QCoreApplication::translate(
                "main", "Wait for live data, save the main window to FILE (PNG) and exit. Needs no display."),
            u"FILE"_s),
        QCommandLineOption(u"after"_s,
            QCoreApplication::translate("main", "With --screenshot: collect for SECONDS first."), u"SECONDS"_s, u"0"_s),
        QCommandLineOption(u"view"_s,
            QCoreApplication::translate("main",
                "With --screenshot: render VIEW: table (the whole window), diagram, timeline, listeners, "
                "counters, sysctls, lab, problems or reading."),
            u"VIEW"_s, u"table"_s),
        QCommandLineOption(u"netns"_s,
            QCoreApplication::translate(
                "main", "Watch another network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."),
            u"PATH"_s),
        QCommandLineOption(u"interval"_s,
            QCoreApplication::translate("main", "Poll every MS milliseconds (default 1000)."), u"MS"_s, u"1000"_s),
        QCommandLineOption(u"exact"_s,
            QCoreApplication::translate("main",
                "Read exact state transitions from the kernel's tracepoint (needs CAP_PERFMON or root; "
                "otherwise TCP Lens says why and polls).")),
        QCommandLineOption(u"theme"_s,
            QCoreApplication::translate("main", "Use the light or dark palette, or follow the system, for this run."),
            u"THEME"_s),
        QCommandLineOption(u"size"_s,
            QCoreApplication::translate(
                "main", "With --screenshot: the window's size, e.g. 1024x700 (default 1400x860)."),
            u"WxH"_s),
        QCommandLineOption(u"lab"_s,
            QCoreApplication::translate("main",
                "Open the lab with SCENARIO (a name from `tcplens lab list`, or a scenario file) instead of "
                "watching this machine."),
            u"SCENARIO"_s),
        QCommandLineOption(u"play"_s, QCoreApplication::translate("main", "With --lab: run its steps at once.")),
        QCommandLineOption(u"record"_s,
            QCoreApplication::translate("main",
                "Record what the window shows into FILE from the start, as File → Record does (it must not exist)."),
            u"FILE"_s),
        QCommandLineOption(u"remote"_s,
            QCoreApplication::translate("main",
                "Watch another machine: run `ssh HOST tcplens agent` there (key login, TCP Lens installed) "
                "and show what it sees; HOST is [user@]host[:port]. --netns, --interval and --exact apply there."),
            u"HOST"_s),
        QCommandLineOption(u"filter"_s,
            QCoreApplication::translate("main", "With --screenshot: type TEXT into the filter bar first."), u"TEXT"_s),
        QCommandLineOption(u"lang"_s,
            QCoreApplication::translate("main",
                "Speak LANG (en, zh_CN) instead of the preferences' language, here and in every command; "
                "'system' follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG."),
            u"LANG"_s),
        QCommandLineOption(u"problem"_s,
            QCoreApplication::translate("main",
                "With --screenshot: choose the diagnosis's problem RULE (close-wait-leak, ...; 'top' for the most "
                "urgent) first: the table shows its rows, \"Why Is It Here?\" one of them."),
            u"RULE"_s),
    });
}

[[noreturn]] void exitWithUsageError(const QString &program, const QString &message)
{
    std::fprintf(stderr, "%s: %s (see %s --help)\n", qPrintable(program), qPrintable(message), qPrintable(program));
    std::exit(2);
}

// "tcplens" for a path to the binary, "tcplens snapshot" for a command (runHeadlessCommand()).
QString programName(const QStringList &arguments)
{
    return QFileInfo(arguments.value(0, u"tcplens"_s)).fileName();
}

QString parseErrorText(const QCommandLineParser &parser)
{
    QStringList unknown = parser.unknownOptionNames();
    if (!unknown.isEmpty()) {
        for (QString &name : unknown)
            name = (name.size() == 1 ? u"'-"_s : u"'--"_s) + name + u'\'';
        return (unknown.size() == 1 ? u"unknown option "_s : u"unknown options "_s) + unknown.join(u", "_s);
    }
    // "Missing value after '--netns'.": one clause of our line.
    QString text = parser.errorText();
    if (text.endsWith(u'.'))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// The options of a parsed command line; exits with status 2 on a value the GUI cannot take.
GuiOptions optionsFrom(const QCommandLineParser &parser, const QStringList &arguments)
{
    const QString screenshot = u"screenshot"_s;
    const QString after = u"after"_s;
    const QString view = u"view"_s;
    const QString netns = u"netns"_s;
    const QString interval = u"interval"_s;
    const QString exact = u"exact"_s;
    const QString theme = u"theme"_s;
    const QString size = u"size"_s;
    const QString filter = u"filter"_s;
    const QString problem = u"problem"_s;
    const QString lab = u"lab"_s;
    const QString play = u"play"_s;
    const QString remote = u"remote"_s;

    GuiOptions options;
    options.screenshotPath = parser.value(screenshot);
    bool ok = false;
    options.screenshotAfterSeconds = parser.value(after).toDouble(&ok);
    if (!ok || options.screenshotAfterSeconds < 0) {
        std::fprintf(stderr, "tcplens: --after takes a number of seconds, not '%s'\n", qPrintable(parser.value(after)));
        std::exit(2);
    }
    options.collector.intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || options.collector.intervalMs < 10 || options.collector.intervalMs > 600'000) {
        std::fprintf(stderr, "tcplens: --interval takes milliseconds from 10 to 600000, not '%s'\n",
            qPrintable(parser.value(interval)));
        std::exit(2);
    }
    options.intervalGiven = parser.isSet(interval);
    options.exactGiven = parser.isSet(exact);
    options.collector.exact = options.exactGiven;
    options.view = parser.value(view).toLower();
    static const QStringList views{u"table"_s, u"diagram"_s, u"timeline"_s, u"listeners"_s, u"counters"_s, u"sysctls"_s,
        u"lab"_s, u"problems"_s, u"reading"_s};
    if (!views.contains(options.view)) {
        std::fprintf(stderr, "tcplens: --view takes one of %s, not '%s'\n", qPrintable(views.join(u", "_s)),
            qPrintable(parser.value(view)));
        std::exit(2);
    }
    options.theme = parser.value(theme).toLower();
    if (!options.theme.isEmpty() && options.theme != u"light"_s && options.theme != u"dark"_s &&
        options.theme != u"system"_s) {
        std::fprintf(
            stderr, "tcplens: --theme takes light, dark or system, not '%s'\n", qPrintable(parser.value(theme)));
        std::exit(2);
    }
    if (parser.isSet(size)) {
        options.screenshotSize = parseWindowSize(parser.value(size));
        if (!options.screenshotSize.isValid()) {
            std::fprintf(stderr, "tcplens: --size takes WIDTHxHEIGHT from 320x240 up, e.g. 1024x700, not '%s'\n",
                qPrintable(parser.value(size)));
            std::exit(2);
        }
    }
    options.screenshotFilter = parser.value(filter);
    options.screenshotProblem = parser.value(problem);
    if ((parser.isSet(size) || parser.isSet(filter) || parser.isSet(problem)) && options.screenshotPath.isEmpty()) {
        std::fprintf(stderr, "tcplens: --size, --filter and --problem go with --screenshot\n");
        std::exit(2);
    }
    options.collector.netns = parser.value(netns);
    options.lab = parser.value(lab);
    options.playLab = parser.isSet(play);
    if (options.playLab && options.lab.isEmpty()) {
        std::fprintf(stderr, "tcplens: --play goes with --lab\n");
        std::exit(2);
    }
    if (!options.lab.isEmpty() && !options.collector.netns.isEmpty()) {
        std::fprintf(stderr, "tcplens: --lab makes a namespace of its own; leave out --netns\n");
        std::exit(2);
    }
    options.recordTo = parser.value(u"record"_s);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        exitWithUsageError(programName(arguments), u"unknown argument '%1'"_s.arg(positional.at(1)));
    if (!positional.isEmpty()) {
        options.recording = positional.constFirst();
        if (!QFileInfo(options.recording).isFile()) {
            if (!options.recording.endsWith(u".tcplens"_s))
                exitWithUsageError(programName(arguments), u"unknown argument '%1'"_s.arg(options.recording));
            std::fprintf(stderr, "tcplens: there is no recording at '%s'\n", qPrintable(options.recording));
            std::exit(2);
        }
        if (!options.lab.isEmpty() || !options.collector.netns.isEmpty() || !options.recordTo.isEmpty()) {
            std::fprintf(stderr, "tcplens: a recording is replayed as it was; leave out --lab, --netns and --record\n");
            std::exit(2);
        }
    }
    options.remote = parser.value(remote);
    if (!options.remote.isEmpty() && !options.lab.isEmpty()) {
        std::fprintf(stderr, "tcplens: --remote or --lab, not both\n");
        std::exit(2);
    }
    if (parser.isSet(remote) && !RemoteSource::parseDestination(options.remote)) {
        std::fprintf(stderr, "tcplens: --remote takes [user@]host[:port], not '%s'\n", qPrintable(options.remote));
        std::exit(2);
    }
    if (!options.remote.isEmpty() && !options.recording.isEmpty()) {
        std::fprintf(stderr, "tcplens: --remote or a recording, not both\n");
        std::exit(2);
    }
    return options;
}

} // namespace

QSize parseWindowSize(const QString &text)
{
    const QStringList parts = text.toLower().split(u'x');
    if (parts.size() != 2)
        return {};
    bool wideOk = false;
    bool highOk = false;
    const int width = parts.at(0).toInt(&wideOk);
    const int height = parts.at(1).toInt(&highOk);
    // Below 320x240 no layout of the window makes sense; above 16k the picture would not either.
    if (!wideOk || !highOk || width < 320 || height < 240 || width > 16384 || height > 16384)
        return {};
    return {width, height};
}

QString takeLanguageOption(int &argc, char **argv)
{
    QString language;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--lang" || argument == "-lang") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "tcplens: --lang needs a language, e.g. --lang zh_CN (or en, system)\n");
                std::exit(2);
            }
            language = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        if (argument.starts_with("--lang=")) {
            language = QString::fromLocal8Bit(argument.substr(7));
            continue;
        }
        argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
    if (!DisplayLanguage::isValidChoice(language)) {
        std::fprintf(
            stderr, "tcplens: --lang takes a language such as zh_CN, en or system, not '%s'\n", qPrintable(language));
        std::exit(2);
    }
    return language;
}

void exitOnUnknownArguments(int argc, char **argv)
{
    if (argc < 2)
        return;
    const std::string_view first(argv[1]);
    if (findHeadlessCommand(first))
        return; // the command checks its own arguments
    // Else an option, or a recording to replay: by its suffix, or any file (optionsFrom() checks it).
    const bool recording = first.ends_with(".tcplens") || QFileInfo(QString::fromLocal8Bit(argv[1])).isFile();
    if (!first.starts_with('-') && !recording) {
        std::fprintf(stderr, "tcplens: unknown command '%s' (see tcplens --help)\n", argv[1]);
        std::exit(2);
    }
    QStringList arguments{QString::fromLocal8Bit(argv[0])};
    for (int i = 1; i < argc; ++i) {
        switch (qtOwnOption(argv[i])) {
        case QtOption::TakesValue:
            ++i;
            break;
        case QtOption::Flag:
            break;
        case QtOption::None:
            arguments.append(QString::fromLocal8Bit(argv[i]));
            break;
        }
    }
    QCommandLineParser parser;
    addGuiOptions(parser);
    if (!parser.parse(arguments))
        exitWithUsageError(programName(arguments), parseErrorText(parser));
    optionsFrom(parser, arguments);
}

void processArguments(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments))
        exitWithUsageError(programName(arguments), parseErrorText(parser));
    parser.process(arguments); // --help, --version
}

bool isHeadlessCommand(int argc, char **argv)
{
    return argc > 1 && findHeadlessCommand(argv[1]);
}

bool needsNoDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--screenshot" || argument.starts_with("--screenshot=") || argument == "--help" ||
            argument == "-h" || argument == "--help-all" || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

GuiOptions parseGuiOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    addGuiOptions(parser);
    processArguments(parser, arguments);
    return optionsFrom(parser, arguments);
}

} // namespace TcpLens
