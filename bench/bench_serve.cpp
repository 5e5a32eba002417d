// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// What a Prometheus scrape of `tcplens serve --metrics` costs with 120,000 sockets: the real program
// in a private network namespace full of connections, scraped over loopback like Prometheus does;
// per scrape the wall time and the exporter's CPU (user + sys of every thread, from
// /proc/PID/stat), and its CPU between scrapes (the listener sampler's ticks). `ss -tan state
// listening`, `ss -s` and `ss -tan` in the same run for scale. docs/benchmarks.md has the figures;
// this program asserts nothing about them.

#include "benchenvironment.h"
#include "benchreport.h"
#include "connectionfarm.h"
#include "externalcommand.h"
#include "model/monotonicclock.h"
#include "samples.h"

#include <QFile>
#include <QString>

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <netinet/in.h>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

using namespace Qt::StringLiterals;
using namespace TcpLens;
using namespace TcpLens::Bench;

namespace {

constexpr quint16 ExporterPort = 19477;

struct Options
{
    int connections = 60'000; // 120,000 sockets
    int scrapes = 15;
    int idleSeconds = 10;
    int pairsPerWorker = 9000;
    std::string tcplens = TCPLENS_BINARY;
    std::string interval = "50"; // the exporter's --interval
};

// user + sys of every thread of `pid`, in nanoseconds (fields 14 and 15 of /proc/PID/stat, in ticks).
qint64 cpuNs(pid_t pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    // The command may hold spaces and parentheses: fields count from the last ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong();
    return ticks * (1'000'000'000 / ::sysconf(_SC_CLK_TCK));
}

// One scrape as Prometheus sends it (its Accept header), the whole answer read until the exporter
// closes; returns the bytes received, or -1.
qint64 scrape()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(ExporterPort);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0) {
        ::close(fd);
        return -1;
    }
    static const char request[] = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:19477\r\nUser-Agent: bench_serve\r\n"
                                  "Accept: application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;"
                                  "q=0.3,*/*;q=0.2\r\n\r\n";
    if (::send(fd, request, sizeof request - 1, MSG_NOSIGNAL) < 0) {
        ::close(fd);
        return -1;
    }
    qint64 total = 0;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0)
            break;
        total += got;
    }
    ::close(fd);
    return total;
}

qint64 socketsSeen()
{
    return orFail(ExternalCommand::run({"ss", "-tan"}, true), u"ss -tan"_s).lines - 1;
}

void line(const QString &label, const Samples &wall, const Samples &cpu)
{
    say(u"%1: wall median %2 ms (min %3, max %4), CPU median %5 ms (min %6, max %7), %8 runs"_s.arg(label)
            .arg(ms(wall.median()), 0, 'f', 1)
            .arg(ms(wall.minimum()), 0, 'f', 1)
            .arg(ms(wall.maximum()), 0, 'f', 1)
            .arg(ms(cpu.median()), 0, 'f', 1)
            .arg(ms(cpu.minimum()), 0, 'f', 1)
            .arg(ms(cpu.maximum()), 0, 'f', 1)
            .arg(wall.size()));
}

} // namespace

int main(int argc, char **argv)
{
    setProgramName("bench_serve");
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        const bool hasValue = i + 1 < argc;
        if (argument == "--connections" && hasValue) {
            options.connections = std::atoi(argv[++i]);
        } else if (argument == "--scrapes" && hasValue) {
            options.scrapes = std::max(1, std::atoi(argv[++i]));
        } else if (argument == "--idle" && hasValue) {
            options.idleSeconds = std::atoi(argv[++i]);
        } else if (argument == "--interval" && hasValue) {
            options.interval = argv[++i];
        } else if (argument == "--tcplens" && hasValue) {
            options.tcplens = argv[++i];
        } else {
            std::fputs(
                "usage: bench_serve [--connections N] [--scrapes N] [--idle SECONDS] [--interval MS] [--tcplens PATH]\n"
                "  fills a private network namespace with 2N sockets, runs `tcplens serve --metrics`\n"
                "  there and scrapes it N times, with `ss -tan state listening`, `ss -s` and `ss -tan`\n"
                "  in the same run. Needs root for unshare(CLONE_NEWNET).\n",
                argument == "--help" ? stdout : stderr);
            return argument == "--help" ? 0 : 2;
        }
    }
    orFail(BenchEnvironment::enterPrivateNetwork(), u"network namespace"_s);
    const long descriptorLimit = orFail(BenchEnvironment::raiseDescriptorLimit(), u"descriptor limit"_s);
    options.pairsPerWorker = std::min<int>(options.pairsPerWorker, int((descriptorLimit - 32) / 2));
    auto farm = orFail(ConnectionFarm::start(options.connections, options.pairsPerWorker), u"connections"_s);
    qint64 sockets = 0;
    for (int waited = 0; waited < 600 && (sockets = socketsSeen()) < 2L * options.connections; ++waited)
        ::usleep(100'000);
    say(u"namespace: %1 sockets (%2 connections in %3 workers)"_s.arg(sockets)
            .arg(options.connections)
            .arg(farm->workers().size()));

    // The exporter, as a user starts it, in this namespace.
    const std::string listenAt = "127.0.0.1:" + std::to_string(ExporterPort);
    std::vector<char *> argvServe = {options.tcplens.data(), const_cast<char *>("serve"),
        const_cast<char *>("--metrics"), const_cast<char *>(listenAt.c_str()), const_cast<char *>("--interval"),
        options.interval.data(), nullptr};
    pid_t exporter = 0;
    if (::posix_spawn(&exporter, options.tcplens.c_str(), nullptr, nullptr, argvServe.data(), environ) != 0)
        fail(u"cannot start %1"_s.arg(QString::fromStdString(options.tcplens)));
    qint64 bytes = -1;
    for (int waited = 0; waited < 100 && (bytes = scrape()) < 0; ++waited)
        ::usleep(100'000);
    if (bytes < 0)
        fail(u"tcplens serve --metrics does not answer"_s);
    say(u"first scrape: %1 bytes (exporter's --interval %2)"_s.arg(bytes).arg(
        QString::fromStdString(options.interval)));

    // Between scrapes: the listener sampler alone (20 Hz listener-only dumps, owners once a second).
    const qint64 idleStart = cpuNs(exporter);
    ::sleep(unsigned(options.idleSeconds));
    const qint64 idleCpu = cpuNs(exporter) - idleStart;
    say(u"between scrapes: %1 ms CPU over %2 s = %3 % of one core"_s.arg(ms(idleCpu), 0, 'f', 0)
            .arg(options.idleSeconds)
            .arg(100.0 * ms(idleCpu) / (1000.0 * options.idleSeconds), 0, 'f', 2));

    Samples scrapeWall, scrapeCpu, listeningWall, listeningCpu, summaryWall, summaryCpu, allWall, allCpu;
    for (int round = 0; round < options.scrapes; ++round) {
        const qint64 cpuBefore = cpuNs(exporter);
        const qint64 start = MonotonicClock::nowNs();
        bytes = scrape();
        scrapeWall.add(MonotonicClock::nowNs() - start);
        // CPU ticks are 10 ms: one scrape's figure is coarse, the median over the rounds is not.
        scrapeCpu.add(cpuNs(exporter) - cpuBefore);
        const auto listening = orFail(ExternalCommand::run({"ss", "-tan", "state", "listening"}), u"ss"_s);
        listeningWall.add(listening.wallNs);
        listeningCpu.add(listening.userNs + listening.systemNs);
        const auto summary = orFail(ExternalCommand::run({"ss", "-s"}), u"ss -s"_s);
        summaryWall.add(summary.wallNs);
        summaryCpu.add(summary.userNs + summary.systemNs);
        const auto all = orFail(ExternalCommand::run({"ss", "-tan"}), u"ss -tan"_s);
        allWall.add(all.wallNs);
        allCpu.add(all.userNs + all.systemNs);
        ::usleep(200'000);
    }
    line(u"scrape (%1 bytes)"_s.arg(bytes), scrapeWall, scrapeCpu);
    line(u"ss -tan state listening"_s, listeningWall, listeningCpu);
    line(u"ss -s"_s, summaryWall, summaryCpu);
    line(u"ss -tan"_s, allWall, allCpu);
    std::printf("RESULT bench_serve.scrape_wall_ms %.1f ms\nRESULT bench_serve.scrape_cpu_ms %.1f ms\n",
        ms(scrapeWall.median()), ms(scrapeCpu.median()));
    ::kill(exporter, SIGTERM);
    ::waitpid(exporter, nullptr, 0);
    say(u"sockets at the end: %1"_s.arg(socketsSeen()));
    return 0;
}
