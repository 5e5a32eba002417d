// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// bench_tracker [--sockets N] [--changed PERCENT] [--rounds N]: how long ConnectionTracker takes to
// apply one snapshot of N sockets of which PERCENT changed state since the previous one, and how long
// the diagnosis then takes on it (its history's update and every rule), which LiveConnections does on
// the same thread right after. The snapshots are made in memory (the tracker's own cost is measured,
// not the kernel's). Prints the median and min of the rounds; asserts nothing.
#include "collect/listenerqueuebuilder.h"
#include "diagnosis/diagnoser.h"
#include "tracking/connectiontracker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using namespace TcpLens;

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption socketsOption(u"sockets"_s, u"Sockets per snapshot (120000)."_s, u"N"_s, u"120000"_s);
    const QCommandLineOption changedOption(u"changed"_s, u"Percent changed per snapshot (1)."_s, u"PERCENT"_s, u"1"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"Measured rounds (21)."_s, u"N"_s, u"21"_s);
    parser.addOptions({socketsOption, changedOption, roundsOption});
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(socketsOption).toInt();
    const double changed = parser.value(changedOption).toDouble() / 100.0;
    const int rounds = parser.value(roundsOption).toInt();

    std::vector<SocketRecord> sockets;
    sockets.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        sockets.push_back(makeSocket(quint64(i + 1), TcpState::Established));
    std::mt19937 random(42);
    ConnectionTracker tracker;
    quint64 generation = 0;
    qint64 now = 1'000'000'000;
    tracker.applySnapshot(snapshotOf(sockets, ++generation, now));
    quint64 nextCookie = quint64(count) + 1;
    std::vector<double> times;
    std::vector<double> diagnosisTimes;
    DiagnosisHistory history;
    history.setSysctls(
        {{u"net.ipv4.tcp_max_tw_buckets"_s, u"262144"_s}, {u"net.ipv4.ip_local_port_range"_s, u"32768 60999"_s}});
    const Diagnoser diagnoser;
    qsizetype problems = 0;
    for (int round = 0; round <= rounds; ++round) {
        // 1%: half of them move along their close (ESTABLISHED -> FIN_WAIT2 -> TIME_WAIT -> gone and
        // replaced by a new connection), the other half only change their tcp_info.
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
        const auto events = tracker.applySnapshot(snapshot);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        history.addSnapshot(snapshot);
        problems = diagnoser.diagnose(snapshot, history).problems.size();
        const double diagnosisMs = double(timer.nsecsElapsed()) / 1e6;
        if (round > 0) { // the first round warms caches and hash tables
            times.push_back(ms);
            diagnosisTimes.push_back(diagnosisMs);
        }
        if (round == rounds)
            std::printf("last round: %lld events, %lld open connections\n", qlonglong(events.size()),
                qlonglong(tracker.openCount()));
    }
    std::sort(times.begin(), times.end());
    std::printf("tracker update, %d sockets, %.1f%% changed, %d rounds: median %.2f ms, min %.2f ms, max %.2f ms\n",
        count, changed * 100, rounds, times[times.size() / 2], times.front(), times.back());
    std::printf("RESULT bench_tracker.median_ms %.3f ms\nRESULT bench_tracker.min_ms %.3f ms\n",
        times[times.size() / 2], times.front());
    std::sort(diagnosisTimes.begin(), diagnosisTimes.end());
    std::printf(
        "diagnosis (history update and every rule), same snapshots, %lld problems: median %.2f ms, min %.2f ms, "
        "max %.2f ms\n",
        qlonglong(problems), diagnosisTimes[diagnosisTimes.size() / 2], diagnosisTimes.front(), diagnosisTimes.back());
    std::printf("RESULT bench_diagnosis.median_ms %.3f ms\nRESULT bench_diagnosis.min_ms %.3f ms\n",
        diagnosisTimes[diagnosisTimes.size() / 2], diagnosisTimes.front());
    return 0;
}
