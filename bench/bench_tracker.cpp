// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// bench_tracker [--sockets N,N,...] [--changed PERCENT] [--rounds N]: for each size N in turn, how long
// ConnectionTracker takes to apply one snapshot of N sockets of which PERCENT changed state since the
// previous one, and how long the diagnosis then takes on it (its history's update and every rule),
// which LiveConnections does right after. The snapshots are made in memory (the tracker's own cost is
// measured, not the kernel's). Prints the median and min of the rounds, the cost per socket (flat if
// the work grows with the sockets and no faster), and the heap the tracker and the history hold per
// open connection (what releasing them gives back to malloc); asserts nothing.
#include "collect/listenerqueuebuilder.h"
#include "diagnosis/diagnoser.h"
#include "samples.h"
#include "tracking/connectiontracker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/socket.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using TcpLens::Bench::Samples;

namespace {

SocketRecord makeSocket(quint64 cookie, TcpState state)
{
    SocketRecord record;
    record.cookie = cookie;
    record.family = AF_INET;
    record.state = state;
    record.localAddress = {127, 0, quint8(cookie >> 16), quint8(cookie >> 8)};
    record.remoteAddress = {127, 1, 0, 1};
    record.localPort = quint16(20000 + cookie % 40000);
    record.remotePort = 443;
    record.info.kernelLength = 232;
    record.info.rttUs = 100;
    record.info.congestionWindow = 10;
    record.flags = HasTcpInfo;
    return record;
}

SocketSnapshot snapshotOf(const std::vector<SocketRecord> &sockets, quint64 generation, qint64 timeNs)
{
    SocketSnapshot::Data data;
    data.generation = generation;
    data.monotonicNs = timeNs;
    data.sockets = sockets;
    data.listeners = buildListenerQueues(data.sockets);
    return SocketSnapshot(std::move(data));
}

// Bytes malloc has handed out and not had back: small blocks from the arenas plus mmap()ed large ones
// (a hash table's array of a million entries is one of those).
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

void report(const char *key, int count, const Samples &samples)
{
    std::printf("RESULT %s.%d.median_ms %.3f ms\nRESULT %s.%d.min_ms %.3f ms\nRESULT %s.%d.ns_per_socket %.1f ns\n",
        key, count, ms(samples.median()), key, count, ms(samples.minimum()), key, count,
        double(samples.median()) / count);
}

void runSize(int count, double changed, int rounds)
{
    std::vector<SocketRecord> sockets;
    sockets.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        sockets.push_back(makeSocket(quint64(i + 1), TcpState::Established));
    std::mt19937 random(42);
    auto tracker = std::make_unique<ConnectionTracker>();
    auto history = std::make_unique<DiagnosisHistory>();
    history->setSysctls(
        {{u"net.ipv4.tcp_max_tw_buckets"_s, u"262144"_s}, {u"net.ipv4.ip_local_port_range"_s, u"32768 60999"_s}});
    const Diagnoser diagnoser;
    quint64 generation = 0;
    qint64 now = 1'000'000'000;
    tracker->applySnapshot(snapshotOf(sockets, ++generation, now));
    quint64 nextCookie = quint64(count) + 1;
    Samples trackerTimes;
    Samples historyTimes;
    Samples diagnosisTimes;
    qsizetype problems = 0;
    for (int round = 0; round <= rounds; ++round) {
        // Half of the changes move a connection along its close (ESTABLISHED -> FIN_WAIT2 -> TIME_WAIT ->
        // gone and replaced by a new connection), the other half only change its tcp_info.
        const int changes = std::max(1, int(count * changed));
        for (int i = 0; i < changes; ++i) {
            SocketRecord &socket = sockets[random() % sockets.size()];
            if (i % 2) {
                socket.info.rttUs += 10;
                continue;
            }
            switch (socket.state) {
            case TcpState::Established:
                socket.state = TcpState::FinWait2;
                break;
            case TcpState::FinWait2:
                socket.state = TcpState::TimeWait;
                socket.flags = IsTimeWaitSocket;
                socket.info = {};
                break;
            default:
                socket = makeSocket(nextCookie++, TcpState::Established);
                break;
            }
        }
        now += 1'000'000'000;
        const SocketSnapshot snapshot = snapshotOf(sockets, ++generation, now);
        QElapsedTimer timer;
        timer.start();
        const qsizetype events = tracker->applySnapshot(snapshot).size();
        const qint64 trackerNs = timer.nsecsElapsed();
        timer.restart();
        history->addSnapshot(snapshot);
        const qint64 historyNs = timer.nsecsElapsed();
        problems = diagnoser.diagnose(snapshot, *history).problems.size();
        const qint64 diagnosisNs = timer.nsecsElapsed();
        if (round > 0) { // the first round warms caches and hash tables
            trackerTimes.add(trackerNs);
            historyTimes.add(historyNs);
            diagnosisTimes.add(diagnosisNs);
        }
        if (round == rounds)
            std::printf("%d sockets, last round: %lld events, %lld open connections\n", count, qlonglong(events),
                qlonglong(tracker->openCount()));
    }

    // What each holds is what the heap gets back when it goes.
    const qsizetype open = tracker->openCount();
    qint64 before = heapInUse();
    tracker.reset();
    const double trackerBytes = double(before - heapInUse()) / double(open);
    before = heapInUse();
    history.reset();
    const double historyBytes = double(before - heapInUse()) / double(count);

    std::printf("tracker update, %d sockets, %.1f%% changed, %d rounds: median %.2f ms (%.1f ns per socket), "
                "min %.2f ms, max %.2f ms; %.0f bytes per open connection\n",
        count, changed * 100, rounds, ms(trackerTimes.median()), double(trackerTimes.median()) / count,
        ms(trackerTimes.minimum()), ms(trackerTimes.maximum()), trackerBytes);
    std::printf("diagnosis (history update and every rule), same snapshots, %lld problems: median %.2f ms (%.1f ns "
                "per socket; the history's update %.2f ms, %.1f ns), min %.2f ms, max %.2f ms; history %.0f bytes per "
                "socket\n",
        qlonglong(problems), ms(diagnosisTimes.median()), double(diagnosisTimes.median()) / count,
        ms(historyTimes.median()), double(historyTimes.median()) / count, ms(diagnosisTimes.minimum()),
        ms(diagnosisTimes.maximum()), historyBytes);
    report("bench_tracker", count, trackerTimes);
    std::printf("RESULT bench_tracker.%d.bytes_per_connection %.0f B\n", count, trackerBytes);
    report("bench_diagnosis", count, diagnosisTimes);
    report("bench_diagnosis.history", count, historyTimes);
    std::printf("RESULT bench_diagnosis.history.%d.bytes_per_socket %.0f B\n", count, historyBytes);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption socketsOption(u"sockets"_s,
        u"Sockets per snapshot, one size or a list run in turn (120000,500000,1000000)."_s, u"N,N,..."_s,
        u"120000,500000,1000000"_s);
    const QCommandLineOption changedOption(u"changed"_s, u"Percent changed per snapshot (1)."_s, u"PERCENT"_s, u"1"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"Measured rounds (21)."_s, u"N"_s, u"21"_s);
    parser.addOptions({socketsOption, changedOption, roundsOption});
    parser.addHelpOption();
    parser.process(app);
    QList<int> counts;
    for (const QString &text : parser.value(socketsOption).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int count = text.trimmed().toInt(&ok);
        if (!ok || count <= 0) {
            std::fprintf(stderr, "bench_tracker: --sockets takes positive counts separated by commas\n");
            return 2;
        }
        counts.append(count);
    }
    const double changed = parser.value(changedOption).toDouble() / 100.0;
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    std::printf(
        "sizeof(TrackedConnection) %zu, sizeof(SocketRecord) %zu\n", sizeof(TrackedConnection), sizeof(SocketRecord));
    for (const int count : std::as_const(counts))
        runSize(count, changed, rounds);
    return 0;
}
