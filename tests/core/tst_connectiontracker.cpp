// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The tracker on synthetic snapshot sequences (what polls can miss, ports and cookies reused), and on
// real sockets in a private namespace.
#include "collect/listenerqueuebuilder.h"
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "tracking/connectiontracker.h"

#include <QTest>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using S = TcpState;
using K = StepKnowledge;
namespace Sockets = TcpLens::Test::LoopbackSockets;

Q_DECLARE_METATYPE(TcpLens::TcpState)

namespace {

constexpr qint64 Second = 1'000'000'000;

SocketRecord socket(quint64 cookie, S state, quint16 localPort, quint16 remotePort, quint8 flags = 0)
{
    SocketRecord record;
    record.cookie = cookie;
    record.family = AF_INET;
    record.state = state;
    record.localAddress = {127, 0, 0, 1};
    record.remoteAddress = {127, 0, 0, 1};
    record.localPort = localPort;
    record.remotePort = state == S::Listen ? 0 : remotePort;
    record.flags = flags;
    return record;
}

SocketSnapshot snapshotAt(qint64 timeNs, std::vector<SocketRecord> sockets)
{
    static quint64 generation = 0;
    SocketSnapshot::Data data;
    data.generation = ++generation;
    data.monotonicNs = timeNs;
    data.listeners = buildListenerQueues(sockets);
    data.sockets = std::move(sockets);
    return SocketSnapshot(std::move(data));
}

QList<S> states(const TrackedConnection &connection)
{
    QList<S> result;
    for (const auto &step : connection.path)
        result.append(step.state);
    return result;
}

QList<K> knowledge(const TrackedConnection &connection)
{
    QList<K> result;
    for (const auto &step : connection.path)
        result.append(step.knowledge);
    return result;
}

StateChangeEvent stateChange(qint64 timeNs, quint64 socketAddress, S from, S to, quint16 localPort, quint16 remotePort)
{
    StateChangeEvent change;
    change.timeNs = timeNs;
    change.socketAddress = socketAddress;
    change.oldState = from;
    change.newState = to;
    change.family = AF_INET;
    change.localPort = localPort;
    change.remotePort = remotePort;
    change.localAddress = {127, 0, 0, 1};
    change.remoteAddress = {127, 0, 0, 1};
    return change;
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
    void firstPollKnowsNoHistory()
    {
        ConnectionTracker tracker;
        const auto events = tracker.applySnapshot(snapshotAt(Second, {socket(1, S::Established, 40000, 80)}));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, ConnectionEvent::Kind::Opened);
        const auto *connection = tracker.findByCookie(1);
        QVERIFY(!connection->seenFromStart);
        QCOMPARE(states(*connection), QList<S>{S::Established});
    }

    void skippedStatesAreInferred()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {}));
        // Connected between two polls: CLOSED and SYN_SENT are inferred, ESTABLISHED seen.
        auto events = tracker.applySnapshot(snapshotAt(2 * Second, {socket(1, S::Established, 40000, 80)}));
        const auto *connection = tracker.findByCookie(1);
        QVERIFY(connection->seenFromStart);
        QCOMPARE(states(*connection), (QList<S>{S::Close, S::SynSent, S::Established}));
        QCOMPARE(knowledge(*connection), (QList<K>{K::Inferred, K::Inferred, K::Polled}));
        QCOMPARE(events.constFirst().kind, ConnectionEvent::Kind::Opened);
        QCOMPARE(events.size(), 3); // opened, CLOSE->SYN_SENT, SYN_SENT->ESTABLISHED
        // The inferred step happened somewhere between the two polls.
        QCOMPARE(connection->path[1].notBeforeNs, 1 * Second);
        QCOMPARE(connection->path[1].enteredNs, 2 * Second);

        // Closed first and seen in TIME_WAIT (same cookie: the timewait socket keeps it).
        tracker.applySnapshot(snapshotAt(3 * Second, {socket(1, S::TimeWait, 40000, 80, IsTimeWaitSocket)}));
        // A FIN+ACK is taken ACK first (tcp_rcv_state_process()): Linux passes FIN_WAIT2 on the way.
        QCOMPARE(states(*connection),
            (QList<S>{S::Close, S::SynSent, S::Established, S::FinWait1, S::FinWait2, S::TimeWait}));
        QCOMPARE(connection->path[3].knowledge, K::Inferred);
        QCOMPARE(tracker.openCount(), 1);

        // Gone after 60 s.
        events = tracker.applySnapshot(snapshotAt(63 * Second, {}));
        QCOMPARE(tracker.openCount(), 0);
        const auto *closed = closedWithCookie(tracker, 1);
        QVERIFY(closed);
        QCOMPARE(states(*closed).constLast(), S::Close);
        QCOMPARE(closed->closedNs, 63 * Second);
        QCOMPARE(events.constLast().kind, ConnectionEvent::Kind::Closed);
    }

    void lateExactEventsConfirmPolledSteps()
    {
        // The handshake happened while a dump ran: the poll saw ESTABLISHED first, and the
        // tracepoint's events for it arrive with the next drain.
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {socket(5, S::Listen, 80, 0)}));
        tracker.applySnapshot(
            snapshotAt(2 * Second, {socket(5, S::Listen, 80, 0), socket(6, S::Established, 80, 40000)}));
        const auto *connection = tracker.findByCookie(6);
        QVERIFY(connection);
        QCOMPARE(knowledge(*connection).constLast(), K::Polled);
        const qint64 synAt = Second + Second / 2;
        const auto events = tracker.applyExact({stateChange(synAt, 0xbeef, S::Listen, S::SynRecv, 80, 40000),
            stateChange(synAt + 1000, 0xbeef, S::SynRecv, S::Established, 80, 40000)});
        QCOMPARE(events.size(), 2);
        for (const auto &event : events) {
            QCOMPARE(event.kind, ConnectionEvent::Kind::Confirmed);
            QCOMPARE(event.knowledge, K::Exact);
        }
        QCOMPARE(events[0].to, S::SynRecv);
        QCOMPARE(events[1].from, S::SynRecv);
        QCOMPARE(events[1].to, S::Established);
        QCOMPARE(events[1].timeNs, synAt + 1000);
        const auto steps = knowledge(*connection);
        QCOMPARE(steps.constLast(), K::Exact);
        QCOMPARE(steps.at(steps.size() - 2), K::Exact);
        QCOMPARE(connection->path.constLast().enteredNs, synAt + 1000);

        // The same events again confirm nothing new.
        QVERIFY(
            tracker.applyExact({stateChange(synAt + 1000, 0xbeef, S::SynRecv, S::Established, 80, 40000)}).isEmpty());
    }

    void fourTupleReusedByANewSocketIsANewConnection()
    {
        // Loopback reuses a TIME-WAIT 4-tuple after a second (tcp_tw_reuse = 2): the tracepoint then
        // reports a new socket on the endpoints of a connection a poll saw long before.
        ConnectionTracker tracker;
        tracker.applySnapshot(
            snapshotAt(1 * Second, {socket(5, S::Listen, 80, 0), socket(6, S::Established, 80, 40000)}));
        const quint64 oldId = tracker.findByCookie(6)->id;
        const auto events = tracker.applyExact({stateChange(3 * Second, 0xcafe, S::Listen, S::SynRecv, 80, 40000),
            stateChange(3 * Second + 1000, 0xcafe, S::SynRecv, S::Established, 80, 40000)});
        // The old connection ended (how is inferred); it never went back to LISTEN.
        const TrackedConnection *old = tracker.find(oldId);
        QVERIFY(old);
        QVERIFY(old->isClosed());
        QVERIFY(!states(*old).contains(S::Listen));
        QCOMPARE(states(*old).constLast(), S::Close);
        QVERIFY(std::any_of(events.cbegin(), events.cend(), [&](const ConnectionEvent &event) {
            return event.kind == ConnectionEvent::Kind::Closed && event.connectionId == oldId;
        }));

        // The next poll shows the new socket: a new connection, whose steps the held events make exact.
        tracker.applySnapshot(
            snapshotAt(3 * Second + Second / 2, {socket(5, S::Listen, 80, 0), socket(7, S::Established, 80, 40000)}));
        const TrackedConnection *fresh = tracker.findByCookie(7);
        QVERIFY(fresh);
        QVERIFY(fresh->id != oldId);
        QCOMPARE(fresh->state(), S::Established);
        QCOMPARE(fresh->path.constLast().knowledge, K::Exact);
        QCOMPARE(fresh->path.constLast().enteredNs, 3 * Second + 1000);
    }

    void requestAndChildAreOneConnection()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {socket(10, S::Listen, 80, 0)}));
        tracker.applySnapshot(
            snapshotAt(2 * Second, {socket(10, S::Listen, 80, 0), socket(11, S::NewSynRecv, 80, 40000, IsRequest)}));
        const quint64 id = tracker.findByCookie(11)->id;
        // The final ACK came: the request is gone, a child with its own cookie has its endpoints.
        tracker.applySnapshot(
            snapshotAt(3 * Second, {socket(10, S::Listen, 80, 0), socket(12, S::Established, 80, 40000)}));
        const auto *connection = tracker.findByCookie(12);
        QVERIFY(connection);
        QCOMPARE(connection->id, id);
        QVERIFY(connection->passive);
        QCOMPARE(states(*connection), (QList<S>{S::Listen, S::NewSynRecv, S::Established}));
        QCOMPARE(knowledge(*connection), (QList<K>{K::Inferred, K::Polled, K::Polled}));
        QVERIFY(!tracker.findByCookie(11));
        QCOMPARE(tracker.openCount(), 2); // the listener and the connection
    }

    void passiveCloseWithoutTimeWait()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {socket(10, S::Listen, 80, 0)}));
        tracker.applySnapshot(
            snapshotAt(2 * Second, {socket(10, S::Listen, 80, 0), socket(12, S::CloseWait, 80, 40000)}));
        const auto *open = tracker.findByCookie(12);
        QVERIFY(open->passive);
        QCOMPARE(states(*open), (QList<S>{S::Listen, S::NewSynRecv, S::Established, S::CloseWait}));
        tracker.applySnapshot(snapshotAt(3 * Second, {socket(10, S::Listen, 80, 0)}));
        const auto *closed = closedWithCookie(tracker, 12);
        QVERIFY(closed);
        // No TIME_WAIT was seen, so it closed passively: LAST_ACK inferred.
        QCOMPARE(states(*closed).sliced(3), (QList<S>{S::CloseWait, S::LastAck, S::Close}));
    }

    void portReuseMakesANewConnection()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {socket(1, S::TimeWait, 40000, 80, IsTimeWaitSocket)}));
        const quint64 first = tracker.findByCookie(1)->id;
        // tcp_tw_reuse: a new socket (new cookie) on the same 4-tuple, the timewait socket gone.
        tracker.applySnapshot(snapshotAt(2 * Second, {socket(2, S::Established, 40000, 80)}));
        QVERIFY(closedWithCookie(tracker, 1));
        const auto *second = tracker.findByCookie(2);
        QVERIFY(second);
        QVERIFY(second->id != first);
        QCOMPARE(states(*second), (QList<S>{S::Close, S::SynSent, S::Established}));
    }

    void cookieOnOtherEndpointsIsANewConnection()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {socket(5, S::Established, 40000, 80)}));
        const quint64 first = tracker.findByCookie(5)->id;
        tracker.applySnapshot(snapshotAt(2 * Second, {socket(5, S::Established, 41000, 443)}));
        QVERIFY(tracker.findByCookie(5)->id != first);
        QCOMPARE(tracker.openCount(), 1);
        QCOMPARE(tracker.closed().size(), std::size_t(1));
    }

    void handshakeThatNeverCompletedIsNotGivenALife()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {}));
        tracker.applySnapshot(snapshotAt(2 * Second, {socket(7, S::SynSent, 40000, 9)}));
        tracker.applySnapshot(snapshotAt(3 * Second, {}));
        const auto *closed = closedWithCookie(tracker, 7);
        QVERIFY(closed);
        QCOMPARE(states(*closed), (QList<S>{S::Close, S::SynSent, S::Close}));
    }

    void destroyNoticesCloseAtTheirTime()
    {
        ConnectionTracker tracker;
        tracker.applySnapshot(snapshotAt(1 * Second, {}));
        // Born and gone between two polls: only the destroy notice tells.
        DestroyedSockets notice;
        notice.monotonicNs = 1 * Second + 400'000'000;
        SocketRecord dead = socket(30, S::Close, 40000, 80);
        dead.info.kernelLength = 232;
        dead.info.bytesAcked = 101;
        notice.sockets = {dead};
        auto events = tracker.applyDestroyed(notice);
        QCOMPARE(events.constFirst().kind, ConnectionEvent::Kind::Opened);
        tracker.applySnapshot(snapshotAt(2 * Second, {}));
        const auto *closed = closedWithCookie(tracker, 30);
        QVERIFY(closed);
        QCOMPARE(closed->closedNs, notice.monotonicNs);
        QCOMPARE(closed->path.constLast().knowledge, K::Exact);
        QVERIFY(states(*closed).contains(S::Established)); // bytes were acknowledged: it got there
        QCOMPARE(closed->samples.constLast().bytesAcked, quint64(101));

        // A notice for a socket whose timewait socket the next poll shows: not closed.
        tracker.applySnapshot(snapshotAt(3 * Second, {socket(31, S::Established, 40001, 80)}));
        notice.monotonicNs = 3 * Second + 500'000'000;
        notice.sockets = {socket(31, S::Close, 40001, 80)};
        tracker.applyDestroyed(notice);
        tracker.applySnapshot(snapshotAt(4 * Second, {socket(31, S::TimeWait, 40001, 80, IsTimeWaitSocket)}));
        QVERIFY(!closedWithCookie(tracker, 31));
        QCOMPARE(tracker.findByCookie(31)->state(), S::TimeWait);
    }

    void memoryStaysBoundedUnderChurn()
    {
        ConnectionTracker::Settings settings;
        settings.maxClosed = 1000;
        ConnectionTracker tracker(settings);
        tracker.applySnapshot(snapshotAt(Second, {}));
        quint64 cookie = 100;
        for (int poll = 0; poll < 50; ++poll) {
            std::vector<SocketRecord> sockets;
            for (int i = 0; i < 400; ++i)
                sockets.push_back(socket(cookie++, S::Established, quint16(10000 + i), 80));
            tracker.applySnapshot(snapshotAt((2 + 2 * poll) * Second, sockets));
            tracker.applySnapshot(snapshotAt((3 + 2 * poll) * Second, {}));
        }
        QCOMPARE(tracker.openCount(), 0);
        QCOMPARE(tracker.closed().size(), std::size_t(1000));
        // And by age: two minutes later nothing is left.
        tracker.applySnapshot(snapshotAt(400 * Second, {}));
        QCOMPARE(tracker.closed().size(), std::size_t(0));
    }

    void realConnectionClientClosesFirst()
    {
        // Polling mode against the kernel: every state a poll can see is seen, the rest inferred.
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), TcpLens::Test::errorText(source).constData());
        ConnectionTracker tracker;
        const auto poll = [&] {
            auto snapshot = (*source)->take({});
            QVERIFY(snapshot.has_value());
            tracker.applySnapshot(*snapshot);
        };
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        poll();
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        poll();
        // Half-closed: the client shut its side, the server still holds its socket.
        ::shutdown(client.get(), SHUT_WR);
        QTest::qWait(20);
        poll();
        client.reset();
        QTest::qWait(20);
        poll();
        server.reset();
        QTest::qWait(20);
        poll();

        const TrackedConnection *clientSide = nullptr;
        const TrackedConnection *serverSide = nullptr;
        tracker.forEachOpen([&](const TrackedConnection &c) {
            if (c.last.localPort == clientPort)
                clientSide = &c;
        });
        for (const auto &c : tracker.closed()) {
            if (c.last.remotePort == clientPort)
                serverSide = &c;
        }
        QVERIFY(clientSide);
        QVERIFY(serverSide);
        QCOMPARE(states(*clientSide),
            (QList<S>{S::Close, S::SynSent, S::Established, S::FinWait1, S::FinWait2, S::TimeWait}));
        QCOMPARE(
            knowledge(*clientSide), (QList<K>{K::Inferred, K::Inferred, K::Polled, K::Inferred, K::Polled, K::Polled}));
        QVERIFY(serverSide->passive);
        QCOMPARE(states(*serverSide),
            (QList<S>{S::Listen, S::NewSynRecv, S::Established, S::CloseWait, S::LastAck, S::Close}));
        QCOMPARE(serverSide->path[3].knowledge, K::Polled); // CLOSE_WAIT was seen while half-closed
        QCOMPARE(serverSide->path[4].knowledge, K::Inferred);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestConnectionTracker, QCoreApplication)

#include "tst_connectiontracker.moc"
