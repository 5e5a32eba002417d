// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace TcpLens {

using namespace Qt::StringLiterals;

bool isHeadlessCommand(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const std::string_view command(argv[1]);
    return command == "snapshot" || command == "watch" || command == "counters" || command == "sysctl";
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
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "TCP Lens shows the kernel's TCP connections as they live and die.\n\n"
        "Headless commands (no display needed):\n"
        "  snapshot --json [--netns PATH] [--listeners]   one snapshot as JSON\n"
        "  watch --json [--netns PATH] [--exact]          connection events as JSON lines"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(u"screenshot"_s,
        QCoreApplication::translate("main",
            "Wait for live data, save the main window to FILE (PNG) and exit. "
            "Needs no display."),
        u"FILE"_s);
    const QCommandLineOption after(u"after"_s,
        QCoreApplication::translate("main", "With --screenshot: collect for SECONDS first."), u"SECONDS"_s, u"0"_s);
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate("main",
            "Watch another network namespace: /proc/PID/ns/net, /run/netns/NAME "
            "or NAME."),
        u"PATH"_s);
    const QCommandLineOption interval(u"interval"_s,
        QCoreApplication::translate("main", "Poll every MS milliseconds (default 1000)."), u"MS"_s, u"1000"_s);
    const QCommandLineOption view(u"view"_s,
        QCoreApplication::translate("main",
            "With --screenshot: render VIEW: table (the whole window), diagram, timeline, listeners, "
            "counters or sysctls."),
        u"VIEW"_s, u"table"_s);
    const QCommandLineOption exact(u"exact"_s,
        QCoreApplication::translate("main",
            "Read exact state transitions from the kernel's tracepoint (needs CAP_PERFMON or root; "
            "otherwise TCP Lens says why and polls)."));
    const QCommandLineOption theme(u"theme"_s,
        QCoreApplication::translate("main", "Use the light or dark palette, or follow the system, for this run."),
        u"THEME"_s);
    parser.addOptions({screenshot, after, view, netns, interval, exact, theme});
    parser.process(arguments);

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
    static const QStringList views{
        u"table"_s, u"diagram"_s, u"timeline"_s, u"listeners"_s, u"counters"_s, u"sysctls"_s};
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
    options.collector.netns = parser.value(netns);
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "tcplens: unknown argument '%s' (see tcplens --help)\n",
            qPrintable(parser.positionalArguments().constFirst()));
        std::exit(2);
    }
    return options;
}

} // namespace TcpLens
