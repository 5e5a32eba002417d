// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The tracker on synthetic polls and destroy notices: what polls can miss, ports and cookies reused,
// timewait sockets with cookies of their own. Exact mode's rows are in tst_exacteventjoiner; the
// tracker against real sockets is tst_connectiontrackerkernel.
#include "synthetickernel.h"
#include "tracking/connectiontracker.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using namespace TcpLens::Test::SyntheticKernel;
using S = TcpState;
using K = StepKnowledge;

namespace {

constexpr quint16 Server = 80;
constexpr quint16 Client = 40000;

SocketRecord listener()
{
    return socket(1, S::Listen, Server, 0);
}

SocketRecord client(quint64 cookie, S state, quint8 flags = 0)
{
    return socket(cookie, state, Client, Server, flags);
}

SocketRecord child(quint64 cookie, S state, quint8 flags = 0)
{
    return socket(cookie, state, Server, Client, flags);
}

const TrackedConnection *closedWithCookie(const ConnectionTracker &tracker, quint64 cookie)
{
    for (const auto &connection : tracker.closed()) {
        if (connection.cookie == cookie)
            return &connection;
    }
    return nullptr;
}

} // namespace

class TestConnectionTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenario_data()
    {
        QTest::addColumn<Script>("script");
        QTest::addColumn<QStringList>("paths");

        QTest::addRow("the first poll knows no history")
            << Script{poll(0, {client(1, S::Established)})} << QStringList{u"40000>80: ESTAB(p)"_s};
        QTest::addRow("states a poll skipped are inferred")
            << Script{poll(0, {}), poll(1000, {client(1, S::Established)})}
            << QStringList{u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(p)"_s};
        // tcp_rcv_state_process() takes a FIN+ACK's ACK first: FIN_WAIT1 -> FIN_WAIT2, then tcp_fin()
        // -> tcp_time_wait(). Linux never goes FIN_WAIT1 -> TIME_WAIT (review C2).
        QTest::addRow("closed first, seen in TIME-WAIT (the timewait socket keeps the cookie)")
            << Script{poll(0, {}), poll(1000, {client(1, S::Established)}),
                   poll(2000, {client(1, S::TimeWait, IsTimeWaitSocket)})}
            << QStringList{
                   u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(p) > FIN-WAIT-1(i) > FIN-WAIT-2(i) > TIME-WAIT(p)"_s};
        QTest::addRow("TIME-WAIT gone after 60 s")
            << Script{poll(0, {client(1, S::TimeWait, IsTimeWaitSocket)}), poll(62'000, {})}
            << QStringList{u"40000>80: TIME-WAIT(p) > CLOSED(i)"_s};
        // connect() enters SYN_SENT first (tcp_v4_connect()): never LISTEN, whatever path is shorter.
        QTest::addRow("a client first seen in FIN-WAIT-1 came through SYN-SENT")
            << Script{poll(0, {listener()}), poll(1000, {listener(), client(2, S::FinWait1)})}
            << QStringList{u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(i) > FIN-WAIT-1(p)"_s};
        QTest::addRow("a request and its child are one connection")
            << Script{poll(0, {listener()}), poll(1000, {listener(), child(11, S::NewSynRecv, IsRequest)}),
                   poll(2000, {listener(), child(12, S::Established)})}
            << QStringList{u"80>40000: LISTEN(i) > SYN-RECV(p) > ESTAB(p)"_s};
        QTest::addRow("a passive close passes LAST-ACK, not TIME-WAIT")
            << Script{poll(0, {listener()}), poll(1000, {listener(), child(12, S::CloseWait)}),
                   poll(2000, {listener()})}
            << QStringList{u"80>40000: LISTEN(i) > SYN-RECV(i) > ESTAB(i) > CLOSE-WAIT(p) > LAST-ACK(i) > CLOSED(i)"_s};
        // tcp_reset() or tcp_write_timeout() -> tcp_done(): a socket seen in FIN_WAIT1 or CLOSING that
        // left no timewait socket was aborted; it never was in TIME-WAIT (review C1).
        QTest::addRow("gone from FIN-WAIT-1 without a timewait socket: aborted")
            << Script{poll(0, {}), poll(1000, {client(1, S::FinWait1)}), poll(2000, {})}
            << QStringList{u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(i) > FIN-WAIT-1(p) > CLOSED(i)"_s};
        QTest::addRow("gone from CLOSING without a timewait socket: aborted")
            << Script{poll(0, {client(1, S::Closing)}), poll(1000, {})}
            << QStringList{u"40000>80: CLOSING(p) > CLOSED(i)"_s};
        QTest::addRow("a port reused by a new socket is a new connection")
            << Script{poll(0, {client(1, S::TimeWait, IsTimeWaitSocket)}), poll(1000, {client(2, S::Established)})}
            << QStringList{u"40000>80: TIME-WAIT(p) > CLOSED(i)"_s, u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(p)"_s};
        // Gone from ESTABLISHED with no TIME-WAIT: closed passively is likelier than reset (aborts are
        // the state machine's last resort).
        QTest::addRow("a cookie on other endpoints is a new connection")
            << Script{poll(0, {client(5, S::Established)}), poll(1000, {socket(5, S::Established, 41000, 443)})}
            << QStringList{u"40000>80: ESTAB(p) > CLOSE-WAIT(i) > LAST-ACK(i) > CLOSED(i)"_s,
                   u"41000>443: CLOSED(i) > SYN-SENT(i) > ESTAB(p)"_s};
        QTest::addRow("a handshake that never completed is not given a life")
            << Script{poll(0, {}), poll(1000, {socket(7, S::SynSent, Client, 9)}), poll(2000, {})}
            << QStringList{u"40000>9: CLOSED(i) > SYN-SENT(p) > CLOSED(i)"_s};
        // A SYN took the old timewait socket's 4-tuple (tcp_timewait_state_process(): TCP_TW_SYN); the
        // new socket's timewait socket has a cookie of its own.
        QTest::addRow("a later socket's timewait socket is not the old connection's")
            << Script{poll(0, {listener(), child(3, S::TimeWait, IsTimeWaitSocket)}),
                   poll(1000, {listener(), child(7, S::FinWait2, IsTimeWaitSocket)})}
            << QStringList{u"80>40000: TIME-WAIT(p) > CLOSED(i)"_s,
                   u"80>40000: LISTEN(i) > SYN-RECV(i) > FIN-WAIT-1(i) > FIN-WAIT-2(p)"_s};
        // inet_twsk_alloc() copies the cookie only if a dump made one; the full socket's notice, read
        // after the dump that met its timewait socket, carries another.
        QTest::addRow("the notice of a full socket whose timewait socket the last poll showed")
            << Script{poll(0, {}), poll(1000, {client(7, S::TimeWait, IsTimeWaitSocket)}),
                   notices(1001, {client(6, S::Close)}), poll(2000, {client(7, S::TimeWait, IsTimeWaitSocket)})}
            << QStringList{
                   u"40000>80: CLOSED(i) > SYN-SENT(i) > ESTAB(i) > FIN-WAIT-1(i) > FIN-WAIT-2(i) > TIME-WAIT(p)"_s};
        QTest::addRow("born and destroyed between two polls: only the notice tells")
            << Script{poll(0, {listener()}), notices(400, {child(30, S::Close)}), poll(1000, {listener()})}
            << QStringList{u"80>40000: LISTEN(i) > SYN-RECV(i) > ESTAB(i) > CLOSE-WAIT(i) > LAST-ACK(i) > CLOSED(e)"_s};
    }

    void scenario()
    {
        QFETCH(Script, script);
        QFETCH(QStringList, paths);
        ConnectionTracker tracker;
        run(tracker, script);
        QCOMPARE(connectionPaths(tracker), paths);
    }

    void firstPollOpensWithoutHistory()
    {
        ConnectionTracker tracker;
        const auto events = tracker.applySnapshot(snapshotAt(Millisecond, {client(1, S::Established)}));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, ConnectionEvent::Kind::Opened);
        QVERIFY(!tracker.findByCookie(1)->seenFromStart);
    }

    void inferredStepsHappenedBetweenPolls()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1000 * Millisecond, {}));
        const auto events = tracker.applySnapshot(snapshotAt(2000 * Millisecond, {client(1, S::Established)}));
        QCOMPARE(events.size(), 3); // opened, CLOSE -> SYN_SENT, SYN_SENT -> ESTABLISHED
        QCOMPARE(events.constFirst().kind, ConnectionEvent::Kind::Opened);
        const TrackedConnection *connection = tracker.findByCookie(1);
        QVERIFY(connection->seenFromStart);
        QCOMPARE(connection->path[1].notBeforeNs, 1000 * Millisecond);
        QCOMPARE(connection->path[1].enteredNs, 2000 * Millisecond);
    }

    // An open connection reads its record in the latest snapshot rather than a copy of it; one that
    // closed, or whose socket is on its way out, holds a copy of its own, so that no snapshot lives on
    // for it (120,000 records are 29 MB).
    void recordsAreSharedWhileOpenAndOwnedOnceClosed()
    {
        const auto holds = [](const SocketSnapshot &snapshot, const SocketRecord &record) {
            const auto &sockets = snapshot.sockets();
            return !sockets.empty() && &record >= &sockets.front() && &record <= &sockets.back();
        };
        ConnectionTracker tracker;
        const SocketSnapshot first = snapshotAt(1000 * Millisecond,
            {listener(), client(11, S::Established), child(12, S::Established),
                socket(13, S::FinWait1, Client + 1, Server)});
        tracker.applySnapshot(first);
        const SocketSnapshot second = snapshotAt(
            2000 * Millisecond, {listener(), client(11, S::Established), socket(13, S::Close, Client + 1, Server)});
        tracker.applySnapshot(second);
        const TrackedConnection *open = tracker.findByCookie(11);
        QVERIFY(open);
        QVERIFY2(holds(second, *open->last), "an open connection must share the latest snapshot's record");
        const TrackedConnection *leaving = tracker.findByCookie(13);
        QVERIFY(leaving);
        QVERIFY2(!holds(first, *leaving->last) && !holds(second, *leaving->last),
            "a socket in CLOSE keeps its last record, in a copy of its own");
        QCOMPARE(leaving->last->state, S::FinWait1);
        QCOMPARE(tracker.closed().size(), std::size_t(1));
        const TrackedConnection &gone = tracker.closed().front();
        QCOMPARE(gone.last->cookie, quint64(12));
        QVERIFY2(!holds(first, *gone.last), "a closed connection must not hold its last snapshot alive");
    }

    // A connection's figures are sampled when they move; until they first do, only the time of the
    // first look is kept and the record tells the figures (TrackedConnection::samples()).
    void samplesOnlyWhenFiguresMove()
    {
        const auto withFigures = [](SocketRecord socket, quint64 acked, quint32 rttUs) {
            socket.info.kernelLength = 232;
            socket.info.bytesAcked = acked;
            socket.info.rttUs = rttUs;
            return socket;
        };
        ConnectionTracker::Settings settings;
        settings.maxSamples = 3;
        ConnectionTracker tracker(settings);
        SocketRecord goingAway = withFigures(client(12, S::Established), 7, 300);
        goingAway.localPort = Client + 2;
        SocketRecord timeWait = socket(12, S::TimeWait, Client + 2, Server, IsTimeWaitSocket);
        tracker.applySnapshot(
            snapshotAt(1000 * Millisecond, {withFigures(client(11, S::Established), 10, 100), goingAway}));
        tracker.applySnapshot(
            snapshotAt(2000 * Millisecond, {withFigures(client(11, S::Established), 10, 100), timeWait}));

        const TrackedConnection *idle = tracker.findByCookie(11);
        QVERIFY(idle);
        QVERIFY2(idle->moved.isEmpty(), "figures that did not move take no list");
        QCOMPARE(idle->samples().size(), 1);
        QCOMPARE(idle->samples().constFirst().timeNs, 1000 * Millisecond);
        QCOMPARE(idle->samples().constFirst().bytesAcked, quint64(10));
        // A timewait socket has no tcp_info: the figures the connection had are kept, not lost with it.
        const TrackedConnection *waiting = tracker.findByCookie(12);
        QVERIFY(waiting);
        QCOMPARE(waiting->samples().size(), 1);
        QCOMPARE(waiting->samples().constFirst().timeNs, 1000 * Millisecond);
        QCOMPARE(waiting->samples().constFirst().bytesAcked, quint64(7));
        QCOMPARE(waiting->samples().constFirst().rttUs, quint32(300));

        for (int i = 3; i <= 6; ++i)
            tracker.applySnapshot(
                snapshotAt(i * 1000 * Millisecond, {withFigures(client(11, S::Established), quint64(i * 10), 100)}));
        const QList<ConnectionSample> moved = tracker.findByCookie(11)->samples();
        QCOMPARE(moved.size(), 3); // settings.maxSamples, the oldest dropped
        QCOMPARE(moved.constFirst().timeNs, 4000 * Millisecond);
        QCOMPARE(moved.constLast().timeNs, 6000 * Millisecond);
        QCOMPARE(moved.constLast().bytesAcked, quint64(60));
        tracker.applySnapshot(snapshotAt(7000 * Millisecond, {withFigures(client(11, S::Established), 60, 100)}));
        QCOMPARE(tracker.findByCookie(11)->samples(), moved); // nothing moved, nothing added
    }

    void destroyNoticesCloseAtTheirTime()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1000 * Millisecond, {}));
        SocketRecord dead = client(30, S::Close);
        dead.info.kernelLength = 232;
        dead.info.bytesAcked = 101;
        const qint64 noticeNs = 1400 * Millisecond;
        const auto events = tracker.applyDestroyed(destroyedAt(noticeNs, {dead}));
        QCOMPARE(events.constFirst().kind, ConnectionEvent::Kind::Opened);
        tracker.applySnapshot(snapshotAt(2000 * Millisecond, {}));
        const TrackedConnection *closed = closedWithCookie(tracker, 30);
        QVERIFY(closed);
        QCOMPARE(closed->closedNs, noticeNs);
        QCOMPARE(closed->path.constLast().knowledge, K::Exact);
        QCOMPARE(pathText(*closed), u"CLOSED(i) > SYN-SENT(i) > ESTAB(i) > CLOSE-WAIT(i) > LAST-ACK(i) > CLOSED(e)"_s);
        QCOMPARE(closed->samples().constLast().bytesAcked, quint64(101)); // bytes were acknowledged: it got there

        // A notice for a socket whose timewait socket the next poll shows: not closed.
        tracker.applySnapshot(snapshotAt(3000 * Millisecond, {socket(31, S::Established, 40001, Server)}));
        tracker.applyDestroyed(destroyedAt(3500 * Millisecond, {socket(31, S::Close, 40001, Server)}));
        tracker.applySnapshot(
            snapshotAt(4000 * Millisecond, {socket(31, S::TimeWait, 40001, Server, IsTimeWaitSocket)}));
        QVERIFY(!closedWithCookie(tracker, 31));
        QCOMPARE(tracker.findByCookie(31)->state(), S::TimeWait);
    }

    // Under churn the closed connections kept (maxClosed) turn over in a second, and a destroy
    // notice can come later than that (sock_diag_broadcast_destroy() queues it): the notice of a
    // connection no longer kept must not open it again (tst_trackerchurn counted 100,002 of 100,000).
    void aLateNoticeOfAConnectionNoLongerKeptOpensNothing()
    {
        ConnectionTracker::Settings settings;
        settings.maxClosed = 2;
        ConnectionTracker tracker(settings);
        tracker.applySnapshot(snapshotAt(1000 * Millisecond, {}));
        tracker.applySnapshot(snapshotAt(2000 * Millisecond,
            {child(40, S::Established), socket(41, S::Established, 40002, Server),
                socket(42, S::Established, 40003, Server)}));
        tracker.applySnapshot(snapshotAt(3000 * Millisecond, {}));
        QCOMPARE(tracker.closed().size(), std::size_t(2)); // 40 is no longer kept
        QVERIFY(!closedWithCookie(tracker, 40));
        const auto late = tracker.applyDestroyed(destroyedAt(4500 * Millisecond, {child(40, S::Close)}));
        QVERIFY2(late.isEmpty(), "the late notice of a closed connection opened it again");
        QCOMPARE(tracker.openCount(), 0);
        // Long after (more than 5 s), a notice with that cookie is news: a socket born and gone
        // between two polls.
        tracker.applySnapshot(snapshotAt(9000 * Millisecond, {}));
        const auto news = tracker.applyDestroyed(destroyedAt(9500 * Millisecond, {child(40, S::Close)}));
        QVERIFY(!news.isEmpty());
        QCOMPARE(news.constFirst().kind, ConnectionEvent::Kind::Opened);
    }

    void memoryStaysBoundedUnderChurn()
    {
        ConnectionTracker::Settings settings;
        settings.maxClosed = 1000;
        ConnectionTracker tracker(settings);
        tracker.applySnapshot(snapshotAt(1000 * Millisecond, {}));
        quint64 cookie = 100;
        for (int round = 0; round < 50; ++round) {
            std::vector<SocketRecord> sockets;
            for (int i = 0; i < 400; ++i)
                sockets.push_back(socket(cookie++, S::Established, quint16(10000 + i), Server));
            tracker.applySnapshot(snapshotAt((2 + 2 * round) * 1000 * Millisecond, sockets));
            tracker.applySnapshot(snapshotAt((3 + 2 * round) * 1000 * Millisecond, {}));
        }
        QCOMPARE(tracker.openCount(), 0);
        QCOMPARE(tracker.closed().size(), std::size_t(1000));
        // And by age: two minutes later nothing is left.
        tracker.applySnapshot(snapshotAt(400'000 * Millisecond, {}));
        QCOMPARE(tracker.closed().size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestConnectionTracker)

#include "tst_connectiontracker.moc"
