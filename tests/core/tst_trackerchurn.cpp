// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// 5,000 connections a second for 30 s in a private namespace, watched by the collector and the
// tracker as the app watches them: every connection the kernel opened is tracked exactly once
// (Tcp.ActiveOpens + Tcp.PassiveOpens), and memory stays bounded; in polling mode (with destroy
// notices) and in exact mode.
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "proc/kernelcounters.h"
#include "tracking/connectiontracker.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

qint64 opens(const KernelCounters &counters)
{
    return counters.value("Tcp.ActiveOpens").value_or(0) + counters.value("Tcp.PassiveOpens").value_or(0);
}

} // namespace

class TestTrackerChurn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyConnectionIsTrackedOnce_data()
    {
        QTest::addColumn<bool>("exact");
        QTest::addColumn<int>("seconds");
        QTest::addRow("polling and destroy notices") << false << 10;
        QTest::addRow("exact mode") << true << 30;
    }

    void everyConnectionIsTrackedOnce()
    {
        QFETCH(bool, exact);
        QFETCH(int, seconds);
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        if (qEnvironmentVariableIntValue("TCPLENS_CHURN_SECONDS") > 0)
            seconds = qEnvironmentVariableIntValue("TCPLENS_CHURN_SECONDS");
        constexpr int PerSecond = 5000;
        auto listener = Sockets::listen(u"127.0.0.1"_s, 4096);
        QVERIFY(listener.fd);

        ConnectionTracker::Settings trackerSettings;
        trackerSettings.maxClosed = 10'000;
        ConnectionTracker tracker(trackerSettings);
        qint64 opened = 0;
        qint64 largestClosed = 0;
        qint64 lostNotices = 0;
        bool counting = false;
        const auto count = [&](const ConnectionEvents &events) {
            for (const auto &event : events) {
                // The listener was opened by the first poll, before counting began.
                if (counting && event.kind == ConnectionEvent::Kind::Opened)
                    ++opened;
            }
            largestClosed = std::max<qint64>(largestClosed, qint64(tracker.closed().size()));
        };
        CollectorSettings settings;
        settings.intervalMs = 200;
        settings.snapshot.resolveOwners = false;
        settings.exact = exact;
        LocalKernelSource collector({settings, false});
        QSignalSpy exactMode(&collector, &ConnectionSource::exactModeChanged);
        qint64 eventsLost = 0;
        connect(&collector, &ConnectionSource::exactEventsLost, this, [&](qint64 lost) { eventsLost += lost; });
        connect(&collector, &ConnectionSource::snapshotReady, this,
            [&](const SocketSnapshot &snapshot) { count(tracker.applySnapshot(snapshot)); });
        connect(&collector, &ConnectionSource::socketsDestroyed, this, [&](const DestroyedSockets &destroyed) {
            lostNotices += destroyed.lostNotices;

            count(tracker.applyDestroyed(destroyed));
        });
        connect(&collector, &ConnectionSource::stateChanges, this,
            [&](const QList<StateChangeEvent> &changes) { count(tracker.applyExact(changes)); });
        QSignalSpy first(&collector, &ConnectionSource::snapshotReady);
        collector.start();
        QTRY_VERIFY(!first.isEmpty());
        if (exact) {
            QCOMPARE(exactMode.size(), 1);
            QVERIFY2(exactMode.constFirst().at(0).toBool(), qPrintable(exactMode.constFirst().at(1).toString()));
        }

        auto before = KernelCounters::read();
        QVERIFY2(before.has_value(), TcpLens::Test::errorText(before).constData());
        const qint64 rssBefore = residentKiB();
        counting = true;

        // The load: connect, accept, abort from the client side (no TIME_WAIT to pile up), close.
        std::atomic<int> made = 0;
        std::atomic<bool> failed = false;
        std::thread load([&] {
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < seconds * PerSecond; ++i) {
                std::this_thread::sleep_until(start + i * 1'000'000us / PerSecond);
                auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
                if (!client || !Sockets::waitConnected(client.get(), 1s)) {
                    failed = true;
                    return;
                }
                auto server = Sockets::acceptOne(listener.fd.get(), 1s);
                const linger abort{1, 0};
                ::setsockopt(client.get(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
                client.reset();
                server.reset();
                ++made;
            }
        });
        while (!load.joinable() || made < seconds * PerSecond) {
            QTest::qWait(100);
            if (failed)
                break;
        }
        load.join();
        QVERIFY(!failed);
        // The last notices and two more polls.
        QTest::qWait(300);
        const int polls = first.size();
        QTRY_VERIFY(first.size() >= polls + 2);
        counting = false;

        auto after = KernelCounters::read();
        QVERIFY(after.has_value());
        const qint64 kernelOpened = opens(*after) - opens(*before);
        // Destroy notices leave the kernel through a workqueue: under load (or AddressSanitizer) the
        // last ones may still be on their way. Wait for them, bounded, then hold the count to the kernel's.
        counting = true;
        (void)QTest::qWaitFor([&] { return opened >= kernelOpened; }, 10'000); // the comparison below says if not
        counting = false;
        qInfo("%d connections made; kernel opened %lld sockets, tracker opened %lld, %lld notices lost, "
              "%lld tracepoint events lost, %lld set aside, RSS %lld -> %lld KiB, at most %lld closed kept",
            made.load(), qlonglong(kernelOpened), qlonglong(opened), qlonglong(lostNotices), qlonglong(eventsLost),
            qlonglong(tracker.exactEventsSetAside()), qlonglong(rssBefore), qlonglong(residentKiB()),
            qlonglong(largestClosed));
        QCOMPARE(kernelOpened, qint64(2) * made.load());
        QCOMPARE(lostNotices, 0);
        // perf now and then counts a tracepoint hit it never writes (docs/kernel-notes.md); the collector
        // reports each such loss. A socket whose whole life fell between two polls and in such a gap is
        // missed, and only then: every other open must be there, none twice.
        if (eventsLost == 0)
            QCOMPARE(opened, kernelOpened);
        else
            QVERIFY2(opened <= kernelOpened && kernelOpened - opened <= eventsLost,
                qPrintable(u"tracker opened %1 of %2 sockets with %3 events reported lost"_s.arg(opened)
                        .arg(kernelOpened)
                        .arg(eventsLost)));
        QVERIFY(largestClosed <= trackerSettings.maxClosed);
        QVERIFY(tracker.openCount() < 10); // the listener, and nothing left over
        // Hundreds of thousands of connections went through; what stays is bounded by the cap.
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer keeps freed memory in quarantine (256 MiB by default): RSS says nothing here.
        qInfo("RSS not checked under AddressSanitizer");
#else
        QVERIFY2(residentKiB() - rssBefore < 200 * 1024, "memory grew by more than 200 MiB");
#endif
    }
};

TCPLENS_TRACEFS_NETNS_TEST_MAIN(TestTrackerChurn)

#include "tst_trackerchurn.moc"
