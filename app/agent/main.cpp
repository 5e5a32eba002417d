// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// tcplens-agent: `tcplens agent`, what a TCP Lens on another machine starts through ssh. The tcplens
// program exec()s it before any QApplication exists, so that the agent maps the core and Qt Core only,
// never Qt Gui or Widgets: a server without a display need not load them. It writes the agent stream
// (docs/agent-protocol.md) on stdout and reads commands on stdin until stdin ends (the ssh session is
// gone), SIGTERM or SIGINT. Exit status: 0 ended; 1 could not start; 2 wrong arguments.
#include "agentsession.h"

#include "collect/networknamespace.h"
#include "i18n/displaylanguage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

#include <vector>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

int g_stopPipe[2] = {-1, -1};

void onStop(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_stopPipe[1], &byte, 1);
}

[[noreturn]] void usageError(const QString &message)
{
    std::fprintf(stderr, "tcplens agent: %s (see tcplens agent --help)\n", qPrintable(message));
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    // Qt's argv names the command ("Usage: tcplens agent", as the man page shows it); the process's
    // own argv[0], which /proc/PID/cmdline shows, stays the program's path (pkill -f tcplens-agent).
    static char commandName[] = "tcplens agent";
    std::vector<char *> qtArguments(argv, argv + argc + 1);
    qtArguments[0] = commandName;
    QCoreApplication app(argc, qtArguments.data());
    QCoreApplication::setApplicationName(u"tcplens"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPLENS_VERSION_STRING));
    // `tcplens agent --lang` or the preferences reached us as LANGUAGE (runHeadlessCommand()).
    DisplayLanguage::apply(DisplayLanguage::fromSystem());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Writes what the kernel shows as a binary stream on stdout and reads commands on stdin, for TCP Lens on "
        "another machine: tcplens --remote HOST runs `ssh HOST tcplens agent` (docs/agent-protocol.md). Ends "
        "when stdin ends."));
    parser.addHelpOption();
    const QCommandLineOption netns(u"netns"_s,
        QCoreApplication::translate("main", "Watch this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."),
        u"PATH"_s);
    const QCommandLineOption interval(u"interval"_s,
        QCoreApplication::translate("main", "Poll every MS milliseconds (default 1000; the viewer may change it)."),
        u"MS"_s, u"1000"_s);
    const QCommandLineOption exact(u"exact"_s,
        QCoreApplication::translate("main",
            "Exact transitions from the tracepoint sock:inet_sock_set_state "
            "(root or CAP_PERFMON; without, polling, and the viewer is told why)."));
    parser.addOptions({netns, interval, exact});
    const QStringList arguments = QCoreApplication::arguments();
    if (!parser.parse(arguments))
        usageError(parser.errorText());
    parser.process(arguments); // --help
    if (!parser.positionalArguments().isEmpty())
        usageError(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().constFirst()));
    LocalKernelSource::Options options;
    options.collector.netns = parser.value(netns);
    bool ok = false;
    options.collector.intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || options.collector.intervalMs < 10)
        usageError(u"--interval takes milliseconds, at least 10"_s);
    options.collector.exact = parser.isSet(exact);
    if (!options.collector.netns.isEmpty()) {
        if (auto checked = NetworkNamespace::inodeOf(NetworkNamespace::resolvePath(options.collector.netns));
            !checked) {
            std::fprintf(stderr, "tcplens agent: %s\n", qPrintable(checked.error()));
            return 1;
        }
    }

    // A reader gone is seen as EPIPE from write(), not as a signal that ends us without a word.
    std::signal(SIGPIPE, SIG_IGN);
    if (::pipe2(g_stopPipe, O_CLOEXEC) < 0)
        return 1;
    QSocketNotifier stop(g_stopPipe[0], QSocketNotifier::Read);
    QObject::connect(&stop, &QSocketNotifier::activated, &app, [] {
        // The viewer shows stderr's last line as the reason its session ended.
        std::fputs("tcplens agent: stopped by a signal (SIGTERM or SIGINT)\n", stderr);
        QCoreApplication::exit(0);
    });
    std::signal(SIGTERM, onStop);
    std::signal(SIGINT, onStop);

    AgentSession session(options, STDIN_FILENO, STDOUT_FILENO);
    QObject::connect(&session, &AgentSession::finished, &app, [](const QString &reason) {
        std::fprintf(stderr, "tcplens agent: %s; ending\n", qPrintable(reason));
        QCoreApplication::exit(0);
    });
    session.start();
    return app.exec();
}
