// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// What TCP Lens costs a machine it is left open on: the CPU time (user + sys, every thread) of the
// real `tcplens` program over a fixed stretch, the way a user would see it in `top`, with an empty
// namespace and with 120,000 sockets, and `watch --json` and `record` on the same sockets. `ss -tani`
// in the same run for scale. docs/benchmarks.md has the figures; this program asserts nothing about
// them.

#include "benchenvironment.h"
#include "benchreport.h"
#include "connectionfarm.h"
#include "externalcommand.h"

#include <QFile>
#include <QFileInfo>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using namespace TcpLens::Bench;

namespace {

struct Options
{
    int connections = 60'000; // 120,000 sockets: no TIME_WAIT, so the count holds however long we measure
    int seconds = 30;
    int pairsPerWorker = 9000;
    std::string tcplens = TCPLENS_BINARY;
    bool small = false;
};

// Every TCP socket of the machine: the established hash the kernel walks for a dump is shared by all
// namespaces (tcp_child_ehash_entries = 0), so other namespaces' sockets make our dumps slower too.
QString machineWideSockets()
{
    QFile file(u"/proc/slabinfo"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown (/proc/slabinfo unreadable)"_s;
    QStringList parts;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 1 && (fields[0] == "TCP" || fields[0] == "TCPv6" || fields[0] == "tw_sock_TCP"))
            parts.append(u"%1 %2"_s.arg(QString::fromLatin1(fields[0]), QString::fromLatin1(fields[1])));
    }
    return parts.join(u", "_s);
}

qint64 socketsSeen()
{
    return orFail(ExternalCommand::run({"ss", "-tan"}, true), u"ss -tan"_s).lines - 1;
}

void report(const QString &key, const QString &label, const ExternalCommand::Run &run, int seconds)
{
    const double cpuMs = ms(run.userNs + run.systemNs);
    const double share = 100.0 * cpuMs / (1000.0 * seconds);
    say(u"%1: user %2 ms + sys %3 ms over %4 s wall = %5 % of one core"_s.arg(label)
            .arg(ms(run.userNs), 0, 'f', 0)
            .arg(ms(run.systemNs), 0, 'f', 0)
            .arg(ms(run.wallNs) / 1000.0, 0, 'f', 1)
            .arg(share, 0, 'f', 2));
    std::printf("RESULT bench_appcpu.%s_percent %.2f %%\n", qPrintable(key), share);
    std::fflush(stdout);
}

ExternalCommand::Run runWindow(const Options &options, const char *picture)
{
    // The measurement the issue names: the window open on the table, a picture after N seconds.
    return orFail(ExternalCommand::run({options.tcplens, "--screenshot", picture, "--view", "table", "--after",
                      std::to_string(options.seconds)}),
        u"tcplens --screenshot"_s);
}

} // namespace

int main(int argc, char **argv)
{
    setProgramName("bench_appcpu");
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        const bool hasValue = i + 1 < argc;
        if (argument == "--small") {
            options.small = true;
            options.connections = 2000;
            options.seconds = 5;
        } else if (argument == "--connections" && hasValue) {
            options.connections = std::atoi(argv[++i]);
        } else if (argument == "--seconds" && hasValue) {
            options.seconds = std::atoi(argv[++i]);
        } else if (argument == "--tcplens" && hasValue) {
            options.tcplens = argv[++i];
        } else {
            std::fputs("usage: bench_appcpu [--connections N] [--seconds N] [--tcplens PATH] [--small]\n"
                       "  runs `tcplens --screenshot F --view table --after N` in an empty private network\n"
                       "  namespace, then with 2N sockets, then `tcplens watch --json` and `tcplens record`\n"
                       "  for N seconds; prints each one's user + sys CPU time. Needs root for\n"
                       "  unshare(CLONE_NEWNET).\n",
                argument == "--help" ? stdout : stderr);
            return argument == "--help" ? 0 : 2;
        }
    }
    // Offscreen, and settings of its own: no display needed, no user's layout read or changed.
    ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
    ::setenv("XDG_CONFIG_HOME", "/tmp/bench_appcpu-config", 1);
    ::setenv("XDG_STATE_HOME", "/tmp/bench_appcpu-state", 1);

    orFail(BenchEnvironment::enterPrivateNetwork(), u"network namespace"_s);
    const long descriptorLimit = orFail(BenchEnvironment::raiseDescriptorLimit(), u"descriptor limit"_s);
    options.pairsPerWorker = std::min<int>(options.pairsPerWorker, int((descriptorLimit - 32) / 2));
    say(u"tcplens: %1; %2 s per run; machine-wide TCP sockets at the start: %3"_s
            .arg(QString::fromStdString(options.tcplens))
            .arg(options.seconds)
            .arg(machineWideSockets()));

    // 1. An empty namespace: what the window costs while nothing happens.
    say(u"empty namespace: %1 sockets"_s.arg(socketsSeen()));
    report(u"window_idle"_s, u"window, empty namespace"_s, runWindow(options, "/tmp/bench_appcpu-idle.png"),
        options.seconds);

    // 2. 2N sockets held by forked workers.
    auto farm = orFail(ConnectionFarm::start(options.connections, options.pairsPerWorker), u"connections"_s);
    qint64 sockets = 0;
    for (int waited = 0; waited < 600 && (sockets = socketsSeen()) < 2L * options.connections; ++waited)
        ::usleep(100'000);
    say(u"loaded namespace: %1 sockets (%2 connections in %3 workers); machine-wide: %4"_s.arg(sockets)
            .arg(options.connections)
            .arg(farm->workers().size())
            .arg(machineWideSockets()));
    const auto ss = orFail(ExternalCommand::run({"ss", "-tani"}), u"ss -tani"_s);
    say(u"ss -tani once: %1 ms wall, %2 ms CPU"_s.arg(ms(ss.wallNs), 0, 'f', 1)
            .arg(ms(ss.userNs + ss.systemNs), 0, 'f', 1));
    report(u"window_loaded"_s, u"window, %1 sockets"_s.arg(sockets), runWindow(options, "/tmp/bench_appcpu-loaded.png"),
        options.seconds);
    report(u"watch_loaded"_s, u"watch --json, %1 sockets"_s.arg(sockets),
        // timeout(1) exits 124 when it had to stop the command, which is the point here; the shell's
        // figures include both, as it waits for them.
        orFail(ExternalCommand::run({"sh", "-c",
                   "timeout -s INT " + std::to_string(options.seconds) + " '" + options.tcplens +
                       "' watch --json; exit 0"}),
            u"tcplens watch --json"_s),
        options.seconds);
    // 3. `tcplens record` on the same sockets (issue #16): the collector and the writer, the whole
    // process, and what the file grew to.
    const QString recording = u"/tmp/bench_appcpu.tcplens"_s;
    QFile::remove(recording);
    report(u"record_loaded"_s, u"record --duration %1, %2 sockets"_s.arg(options.seconds).arg(sockets),
        orFail(ExternalCommand::run(
                   {options.tcplens, "record", recording.toStdString(), "--duration", std::to_string(options.seconds)}),
            u"tcplens record"_s),
        options.seconds);
    const qint64 recorded = QFileInfo(recording).size() + QFileInfo(recording + u"-wal"_s).size();
    say(u"recording: %1 MB in %2 s, %3 MB a minute"_s.arg(double(recorded) / 1e6, 0, 'f', 1)
            .arg(options.seconds)
            .arg(double(recorded) / 1e6 * 60.0 / options.seconds, 0, 'f', 1));
    std::printf("RESULT bench_appcpu.record_mb_per_minute %.2f MB\n", double(recorded) / 1e6 * 60.0 / options.seconds);
    QFile::remove(recording);
    say(u"sockets at the end: %1"_s.arg(socketsSeen()));
    return 0;
}
