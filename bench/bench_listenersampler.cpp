// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// bench_listenersampler [--listeners N] [--ticks N] [--interval MS] [--ss-runs N]: what one tick of
// the listener sampler costs with N listeners (the charts' 20 Hz listener-only dump, the counters
// and the attribution of overflows; ListenerSampleBatch::tickNs, measured by the worker itself), and
// `ss -tln` / `ss -tlnp` on the same listeners in the same run, for scale. In a private network
// namespace: needs root (or CAP_SYS_ADMIN + CAP_NET_ADMIN) for unshare. Prints percentiles and
// RESULT lines; asserts nothing about time. See docs/benchmarks.md.
#include "benchenvironment.h"
#include "benchreport.h"
#include "externalcommand.h"
#include "samples.h"

#include "netlink/uniquefd.h"
#include "pipeline/localkernelsource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

using namespace TcpLens;
using namespace TcpLens::Bench;
using namespace Qt::StringLiterals;

namespace {

// A listener on 127.0.0.1 with a port the kernel chooses.
UniqueFd listenOnLoopback(int backlog)
{
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!fd || ::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 ||
        ::listen(fd.get(), backlog) < 0)
        fail(u"listening on 127.0.0.1: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
    return fd;
}

// The value at `percent` of sorted values (nearest rank).
qint64 percentile(const std::vector<qint64> &sorted, int percent)
{
    return sorted[std::min(sorted.size() - 1, sorted.size() * std::size_t(percent) / 100)];
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

// "RESULT bench_listenersampler.KEY VALUE UNIT": one figure per line, for scripts that compare runs.
void result(const QString &key, double value, const char *unit)
{
    say(u"RESULT bench_listenersampler.%1 %2 %3"_s.arg(key).arg(value, 0, 'f', 3).arg(QLatin1StringView(unit)));
}

Samples timeCommand(const std::vector<std::string> &argv, int runs)
{
    Samples samples;
    for (int run = 0; run < runs; ++run)
        samples.add(orFail(ExternalCommand::run(argv), u"running ss"_s).wallNs);
    return samples;
}

} // namespace

int main(int argc, char **argv)
{
    setProgramName("bench_listenersampler");
    // The namespace is the calling thread's and new threads inherit it: enter it before any exists.
    orFail(BenchEnvironment::enterPrivateNetwork(), u"entering a private network namespace"_s);
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption listenersOption(u"listeners"_s, u"Listeners on 127.0.0.1 (50)."_s, u"N"_s, u"50"_s);
    const QCommandLineOption ticksOption(u"ticks"_s, u"Measured ticks (200)."_s, u"N"_s, u"200"_s);
    const QCommandLineOption intervalOption(
        u"interval"_s, u"The sampler's interval (50 ms, as the charts use it)."_s, u"MS"_s, u"50"_s);
    const QCommandLineOption ssRunsOption(u"ss-runs"_s, u"Runs of each ss command (21)."_s, u"N"_s, u"21"_s);
    parser.addOptions({listenersOption, ticksOption, intervalOption, ssRunsOption});
    parser.addHelpOption();
    parser.process(app);
    const int listenerCount = parser.value(listenersOption).toInt();
    const int tickCount = parser.value(ticksOption).toInt();
    const int intervalMs = parser.value(intervalOption).toInt();
    const int ssRuns = parser.value(ssRunsOption).toInt();
    if (listenerCount < 1 || tickCount < 1 || intervalMs < 10 || ssRuns < 1)
        fail(u"--listeners, --ticks and --ss-runs take a positive number, --interval at least 10"_s);

    std::vector<UniqueFd> listeners;
    for (int i = 0; i < listenerCount; ++i)
        listeners.push_back(listenOnLoopback(16));
    say(u"== bench_listenersampler: %1 listeners on 127.0.0.1, a tick every %2 ms, %3 ticks measured =="_s
            .arg(listenerCount)
            .arg(intervalMs)
            .arg(tickCount));
    say(u"load average at the start: %1"_s.arg(loadAverage()));

    std::vector<qint64> ticks;
    ticks.reserve(std::size_t(tickCount));
    // The listener sampler of a kernel source, as the window runs it; its connection polls stay out
    // of the way (one at the start).
    LocalKernelSource::Options sourceOptions;
    sourceOptions.collector.intervalMs = 600'000;
    sourceOptions.listenerIntervalMs = intervalMs;
    LocalKernelSource sampler(sourceOptions);
    QObject::connect(&sampler, &ConnectionSource::listenersSampled, &app, [&](const ListenerSampleBatch &batch) {
        if (batch.listeners.size() != listenerCount)
            fail(u"a tick saw %1 listeners, not %2"_s.arg(batch.listeners.size()).arg(listenerCount));
        // The first tick reads everything for the first time (owners, counters, sysctls): warm-up.
        if (batch.generation == 1)
            return;
        ticks.push_back(batch.tickNs);
        if (int(ticks.size()) == tickCount)
            QCoreApplication::quit();
    });
    QObject::connect(&sampler, &ConnectionSource::failed, &app,
        [](const QString &message) { fail(u"the sampler failed: "_s + message); });
    sampler.start();
    app.exec();
    std::ranges::sort(ticks);

    const Samples ss = timeCommand({"ss", "-tln"}, ssRuns);
    const Samples ssProcesses = timeCommand({"ss", "-tlnp"}, ssRuns);
    say(u"load average at the end: %1"_s.arg(loadAverage()));
    say(QString());
    say(u"tick (dump of LISTEN + SYN_RECV, /proc/net/netstat, attribution; owners about once a second):"_s);
    say(u"  median %1 ms, 90th percentile %2 ms, 99th percentile %3 ms, max %4 ms, min %5 ms"_s
            .arg(ms(percentile(ticks, 50)), 0, 'f', 3)
            .arg(ms(percentile(ticks, 90)), 0, 'f', 3)
            .arg(ms(percentile(ticks, 99)), 0, 'f', 3)
            .arg(ms(ticks.back()), 0, 'f', 3)
            .arg(ms(ticks.front()), 0, 'f', 3));
    say(u"  the median tick is %1 % of the interval (wall time of the sampler's thread, not CPU time)"_s.arg(
        100.0 * ms(percentile(ticks, 50)) / intervalMs, 0, 'f', 2));
    say(u"ss -tln > /dev/null, %1 runs: median %2 ms, min %3 ms, max %4 ms"_s.arg(ssRuns)
            .arg(ms(ss.median()), 0, 'f', 3)
            .arg(ms(ss.minimum()), 0, 'f', 3)
            .arg(ms(ss.maximum()), 0, 'f', 3));
    say(u"ss -tlnp > /dev/null, %1 runs: median %2 ms, min %3 ms, max %4 ms"_s.arg(ssRuns)
            .arg(ms(ssProcesses.median()), 0, 'f', 3)
            .arg(ms(ssProcesses.minimum()), 0, 'f', 3)
            .arg(ms(ssProcesses.maximum()), 0, 'f', 3));
    result(u"tick_median"_s, ms(percentile(ticks, 50)), "ms");
    result(u"tick_p90"_s, ms(percentile(ticks, 90)), "ms");
    result(u"tick_p99"_s, ms(percentile(ticks, 99)), "ms");
    result(u"tick_max"_s, ms(ticks.back()), "ms");
    result(u"ss_tln_median"_s, ms(ss.median()), "ms");
    result(u"ss_tlnp_median"_s, ms(ssProcesses.median()), "ms");
    return 0;
}
