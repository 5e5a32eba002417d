// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "proc/kernelcounters.h"
#include "tracking/listenerseries.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestListenerSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsThisNamespacesCounters()
    {
        const auto counters = KernelCounters::read();
        QVERIFY2(counters.has_value(), TcpLens::Test::errorText(counters).constData());
        QVERIFY(counters->value("TcpExt.ListenOverflows").has_value());
        QVERIFY(counters->value("Tcp.ActiveOpens").has_value());
    }

    void overflowsGoToTheFullListener()
    {
        auto source = SnapshotSource::open();
        QVERIFY(source.has_value());
        ListenerSeries series;
        const auto sample = [&] {
            auto snapshot = (*source)->take({});
            auto counters = KernelCounters::read();
            QVERIFY(snapshot.has_value() && counters.has_value());
            series.add(*snapshot, *counters);
        };
        auto full = Sockets::listen(u"127.0.0.1"_s, 1);
        auto idle = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(full.fd && idle.fd);
        sample();
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 6; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, full.port));
            Sockets::waitConnected(clients.back().get(), 100ms);
        }
        // The surplus clients retry their SYNs: give the kernel a second to drop a few more.
        QTest::qWait(1200);
        sample();

        const auto cookieOf = [&](quint16 port) {
            auto snapshot = (*source)->take({});
            for (const auto &listener : snapshot->listeners()) {
                if (snapshot->sockets()[std::size_t(listener.socketIndex)].localPort == port)
                    return listener.cookie;
            }
            return quint64(0);
        };
        const auto *fullSeries = series.samples(cookieOf(full.port));
        const auto *idleSeries = series.samples(cookieOf(idle.port));
        QVERIFY(fullSeries && idleSeries);
        QCOMPARE(fullSeries->size(), std::size_t(2));
        const ListenerSample &last = fullSeries->back();
        QCOMPARE(last.acceptQueue, 2u); // backlog 1 holds 2
        QCOMPARE(last.acceptQueueLimit, 1u);
        QVERIFY2(last.overflows > 0, "the full listener got none of the overflows");
        QCOMPARE(idleSeries->back().overflows, 0);
        QCOMPARE(series.unattributedOverflows(), 0);
    }

    // The sampler counts SYN queues less often than it samples accept queues (SynQueuePacer): a
    // listener-only dump says nothing about request sockets, so the last count is carried on and
    // marked as such, and a later counted dump replaces it.
    void synQueueCarriedOverWhenNotCounted()
    {
        const auto snapshotAt = [](qint64 timeNs, quint32 stateMask, quint32 synQueue) {
            SocketSnapshot::Data data;
            data.monotonicNs = timeNs;
            data.stateMask = stateMask;
            SocketRecord listener;
            listener.cookie = 42;
            listener.state = TcpState::Listen;
            listener.localPort = 8080;
            data.sockets.push_back(listener);
            data.listeners.append(ListenerQueue{42, 0, 0, 8, synQueue});
            return SocketSnapshot(std::move(data));
        };
        constexpr quint32 listenOnly = 1u << int(TcpState::Listen);
        ListenerSeries series;
        series.add(snapshotAt(1'000, ListenerStatesMask, 5));
        series.add(snapshotAt(2'000, listenOnly, 0)); // no request socket was asked for
        series.add(snapshotAt(3'000, ListenerStatesMask, 2));
        series.add(snapshotAt(4'000, ListenerStatesMask, 0)); // counted: the queue emptied
        const auto *samples = series.samples(42);
        QVERIFY(samples);
        QCOMPARE(samples->size(), std::size_t(4));
        QCOMPARE(samples->at(0).synQueue, 5u);
        QVERIFY(samples->at(0).synQueueCounted);
        QCOMPARE(samples->at(1).synQueue, 5u);
        QVERIFY(!samples->at(1).synQueueCounted);
        QCOMPARE(samples->at(2).synQueue, 2u);
        QCOMPARE(samples->at(3).synQueue, 0u);
        QVERIFY(samples->at(3).synQueueCounted);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestListenerSeries, QCoreApplication)

#include "tst_listenerseries.moc"
