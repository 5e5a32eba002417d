// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collect/networknamespace.h"
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestSnapshotCollector : public QObject
{
    Q_OBJECT

    static bool hasListenerOnPort(const SocketSnapshot &snapshot, quint16 port)
    {
        return std::any_of(snapshot.sockets().cbegin(), snapshot.sockets().cend(),
            [&](const SocketRecord &s) { return s.state == TcpState::Listen && s.localPort == port; });
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TcpLens::SocketSnapshot>(); }

    void pollsInItsOwnThreadWithIncreasingGenerations()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 4);
        QVERIFY(listener.fd);
        CollectorSettings settings;
        settings.intervalMs = 50;
        LocalKernelSource collector({settings, false});
        QList<quint64> generations;
        bool sawListener = false;
        bool deliveredOnOurThread = true;
        connect(&collector, &ConnectionSource::snapshotReady, &collector, [&](const SocketSnapshot &snapshot) {
            generations.append(snapshot.generation());
            sawListener |= hasListenerOnPort(snapshot, listener.port);
            deliveredOnOurThread &= QThread::currentThread() == thread();
        });
        collector.start();
        QVERIFY(collector.collectorThread()->isRunning());
        QVERIFY(collector.collectorThread() != thread());
        QVERIFY(collector.listenerThread() == nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(generations.size() >= 3, 5000);
        QVERIFY(sawListener);
        QVERIFY(deliveredOnOurThread);
        for (qsizetype i = 1; i < generations.size(); ++i)
            QCOMPARE(generations[i], generations[i - 1] + 1);
    }

    void deliversConnectionsThatLivedBetweenPolls()
    {
        CollectorSettings settings;
        settings.intervalMs = 60'000; // one poll at the start, none while the connection lives
        LocalKernelSource collector({settings, false});
        QList<SocketRecord> destroyed;
        connect(&collector, &ConnectionSource::socketsDestroyed, &collector,
            [&](const DestroyedSockets &notices) { destroyed += notices.sockets; });
        QSignalSpy first(&collector, &ConnectionSource::snapshotReady);
        collector.start();
        QTRY_VERIFY(!first.isEmpty());

        auto listener = Sockets::listen(u"127.0.0.1"_s, 4);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), std::chrono::seconds(1)));
        auto server = Sockets::acceptOne(listener.fd.get(), std::chrono::seconds(1));
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        client.reset();
        QTest::qWait(20);
        server.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::count_if(destroyed.cbegin(), destroyed.cend(),
                [&](const SocketRecord &s) { return s.localPort == clientPort || s.remotePort == clientPort; }) == 2,
            3000);
        QCOMPARE(first.size(), 1); // no poll saw the connection
    }

    void backsOffWhenDumpsTakeTooLong()
    {
        CollectorSettings settings;
        settings.intervalMs = 20;
        settings.maxDumpShare = 1e-6; // any real dump is "too slow" for this share
        LocalKernelSource collector({settings, false});
        QSignalSpy pacing(&collector, &ConnectionSource::pacingChanged);
        collector.start();
        // The first poll (cold caches) is not held against the machine; the second is.
        QTRY_VERIFY_WITH_TIMEOUT(pacing.size() >= 2, 5000);
        QVERIFY(!pacing.at(0).at(1).toBool());
        const auto arguments = pacing.at(1);
        QVERIFY(arguments.at(1).toBool());
        QVERIFY(arguments.at(0).toInt() > settings.intervalMs);
    }

    void watchesAnotherNamespace()
    {
        // A second namespace held open by a sleeping process; a thread of ours puts a listener in it.
        QProcess holder;
        holder.start(u"unshare"_s, {u"--net"_s, u"sleep"_s, u"60"_s});
        QVERIFY(holder.waitForStarted());
        const QString path = u"/proc/%1/ns/net"_s.arg(holder.processId());
        QTRY_VERIFY(NetworkNamespace::inodeOf(path).value_or(0) != NetworkNamespace::currentInode());

        Sockets::Listener remote;
        std::thread([&] {
            if (NetworkNamespace::enter(path))
                remote = Sockets::listen(u"0.0.0.0"_s, 4);
        }).join();
        QVERIFY(remote.fd);
        auto local = Sockets::listen(u"0.0.0.0"_s, 4);
        QVERIFY(local.fd);

        CollectorSettings settings;
        settings.netns = path;
        LocalKernelSource collector({settings, false});
        std::optional<SocketSnapshot> seen;
        connect(&collector, &ConnectionSource::snapshotReady, &collector, [&](const SocketSnapshot &s) { seen = s; });
        collector.start();
        QTRY_VERIFY_WITH_TIMEOUT(seen.has_value(), 5000);
        QCOMPARE(seen->netnsInode(), *NetworkNamespace::inodeOf(path));
        QVERIFY(hasListenerOnPort(*seen, remote.port));
        if (remote.port != local.port)
            QVERIFY(!hasListenerOnPort(*seen, local.port));
        holder.kill();
        holder.waitForFinished();
    }

    void reportsANamespaceItCannotEnter()
    {
        CollectorSettings settings;
        settings.netns = u"/run/netns/tcplens-does-not-exist"_s;
        LocalKernelSource collector({settings, false});
        QSignalSpy failed(&collector, &ConnectionSource::failed);
        collector.start();
        QTRY_VERIFY(!failed.isEmpty());
        QVERIFY(failed.constFirst().at(0).toString().contains(u"tcplens-does-not-exist"_s));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSnapshotCollector, QCoreApplication)

#include "tst_snapshotcollector.moc"
