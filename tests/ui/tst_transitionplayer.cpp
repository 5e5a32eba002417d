// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagram/transitionplayer.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace TcpLens;

namespace {

using S = TcpState;

ConnectionEvent step(quint64 id, S from, S to, StepKnowledge knowledge = StepKnowledge::Exact)
{
    return {ConnectionEvent::Kind::Transition, id, from, to, 0, knowledge};
}

// connect(), the SYN+ACK, and the application's close(): three steps of one client connection.
ConnectionEvents threeSteps(quint64 id)
{
    return {
        step(id, S::Close, S::SynSent), step(id, S::SynSent, S::Established), step(id, S::Established, S::FinWait1)};
}

const TcpTransition *edge(S from, S to)
{
    return TcpStateMachine::transition(from, to);
}

int countInFlight(const TransitionPlayer &player)
{
    int sum = 0;
    const auto tokens = player.tokens();
    for (const auto &token : tokens)
        sum += token.count;
    return sum;
}

} // namespace

class TestTransitionPlayer : public QObject
{
    Q_OBJECT

    qint64 m_nowMs = 0;

    void useTestClock(TransitionPlayer &player)
    {
        m_nowMs = 0;
        player.setClock([this] { return m_nowMs; });
    }

    void advanceTo(TransitionPlayer &player, qint64 ms)
    {
        m_nowMs = ms;
        player.advance();
    }

    // The one token in flight, which must travel `expected`.
    static TransitionPlayer::Token onlyToken(const TransitionPlayer &player)
    {
        const auto tokens = player.tokens();
        if (tokens.size() != 1)
            qFatal("expected one token, got %d", int(tokens.size()));
        return tokens.constFirst();
    }

private Q_SLOTS:
    void ignoresWhatIsNotALegalTransition()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.addEvents({
            {ConnectionEvent::Kind::Opened, 1, S::Unknown, S::SynSent, 0, StepKnowledge::Polled},
            {ConnectionEvent::Kind::Closed, 1, S::Established, S::Close, 0, StepKnowledge::Polled},
            {ConnectionEvent::Kind::Confirmed, 1, S::SynSent, S::Established, 0, StepKnowledge::Exact},
            step(2, S::Established, S::Listen), // no such edge
        });
        QCOMPARE(player.tokensInFlight(), 0);
        QCOMPARE(player.waitingCount(), 0);
        QVERIFY(!player.isAnimating());
    }

    void playsOneConnectionSequentially_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addRow("live") << 1.0;
        QTest::addRow("1/2") << 0.5;
        QTest::addRow("1/5") << 0.2;
        QTest::addRow("1/10") << 0.1;
        QTest::addRow("1/20") << 0.05;
    }

    void playsOneConnectionSequentially()
    {
        QFETCH(double, rate);
        TransitionPlayer player;
        useTestClock(player);
        player.setRate(rate);
        // At 1/20 a step takes 20 times the base travel, however short the real handshake was.
        const qint64 travel = qRound64(TransitionPlayer::BaseTravelMs / rate);
        QCOMPARE(qRound64(player.travelMs()), travel);

        player.addEvents(threeSteps(7));
        QVERIFY(player.isAnimating());
        QCOMPARE(player.waitingCount(), 2);
        QCOMPARE(onlyToken(player).edge, edge(S::Close, S::SynSent));
        QCOMPARE(onlyToken(player).progress, 0.0);

        const S expected[][2] = {{S::Close, S::SynSent}, {S::SynSent, S::Established}, {S::Established, S::FinWait1}};
        for (int i = 0; i < 3; ++i) {
            const qint64 start = i * travel;
            advanceTo(player, start + travel / 2);
            QCOMPARE(onlyToken(player).edge, edge(expected[i][0], expected[i][1]));
            QVERIFY(qAbs(onlyToken(player).progress - 0.5) < 0.01);
            // Still on the same edge just before the step's end: it takes the full travel time.
            advanceTo(player, start + travel - travel / 100);
            QCOMPARE(onlyToken(player).edge, edge(expected[i][0], expected[i][1]));
            QVERIFY(onlyToken(player).progress > 0.98);
            QCOMPARE(player.waitingCount(), 2 - i);
        }
        advanceTo(player, 3 * travel + travel / 100);
        QCOMPARE(player.tokensInFlight(), 0);
        QCOMPARE(player.waitingCount(), 0);
        QCOMPARE(player.historySize(), 3);
        QVERIFY(!player.isAnimating()); // idle: no frame timer
    }

    void connectionsInStepShareAToken()
    {
        TransitionPlayer player;
        useTestClock(player);
        ConnectionEvents events = threeSteps(1) + threeSteps(2);
        events.append(step(3, S::Close, S::SynSent, StepKnowledge::Polled));
        player.addEvents(events);
        // Connections 1 and 2 travel together; 3's step is polled, so it is drawn apart.
        QCOMPARE(player.tokensInFlight(), 2);
        QCOMPARE(countInFlight(player), 3);
        QCOMPARE(player.waitingCount(), 4);
        advanceTo(player, TransitionPlayer::BaseTravelMs + 1);
        QCOMPARE(player.tokensInFlight(), 1);
        QCOMPARE(onlyToken(player).count, 2);
        QCOMPARE(onlyToken(player).edge, edge(S::SynSent, S::Established));
    }

    void pauseFreezesTokens()
    {
        TransitionPlayer player;
        useTestClock(player);
        QSignalSpy paused(&player, &TransitionPlayer::pausedChanged);
        player.addEvents(threeSteps(1));
        advanceTo(player, TransitionPlayer::BaseTravelMs / 4);
        player.setPaused(true);
        QCOMPARE(paused.size(), 1);
        QVERIFY(!player.isAnimating());
        advanceTo(player, 100 * TransitionPlayer::BaseTravelMs);
        QCOMPARE(onlyToken(player).edge, edge(S::Close, S::SynSent));
        QVERIFY(qAbs(onlyToken(player).progress - 0.25) < 0.01);
        player.setPaused(false);
        QVERIFY(player.isAnimating());
        advanceTo(player, 100 * TransitionPlayer::BaseTravelMs + TransitionPlayer::BaseTravelMs / 4);
        QVERIFY(qAbs(onlyToken(player).progress - 0.5) < 0.01);
    }

    void pauseQueuesAndStepForwardReleasesOne()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.setPaused(true);
        player.addEvents(threeSteps(1));
        QCOMPARE(player.tokensInFlight(), 0);
        QCOMPARE(player.waitingCount(), 3);
        QVERIFY(!player.isAnimating());

        QVERIFY(player.stepForward());
        QCOMPARE(onlyToken(player).edge, edge(S::Close, S::SynSent));
        QCOMPARE(player.waitingCount(), 2);
        QVERIFY(player.isAnimating()); // the stepped token moves although paused
        advanceTo(player, TransitionPlayer::BaseTravelMs + 1);
        QCOMPARE(player.tokensInFlight(), 0);
        QCOMPARE(player.waitingCount(), 2); // still paused: nothing else started
        QVERIFY(!player.isAnimating());
        QVERIFY(player.isPaused());

        // A press while a step still travels lands it and releases the next.
        QVERIFY(player.stepForward());
        advanceTo(player, TransitionPlayer::BaseTravelMs + 10);
        QVERIFY(player.stepForward());
        QCOMPARE(onlyToken(player).edge, edge(S::Established, S::FinWait1));
        QCOMPARE(onlyToken(player).progress, 0.0);
        QCOMPARE(player.waitingCount(), 0);
        QCOMPARE(player.historySize(), 2);
    }

    void stepForwardWhileLivePauses()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.addEvents(threeSteps(1));
        QVERIFY(player.stepForward());
        QVERIFY(player.isPaused());
        QCOMPARE(onlyToken(player).edge, edge(S::SynSent, S::Established));
        QCOMPARE(player.historySize(), 1);
    }

    void stepBackwardRevertsOne()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.setPaused(true);
        player.addEvents(threeSteps(1));
        qint64 now = 0;
        for (int i = 0; i < 2; ++i) {
            QVERIFY(player.stepForward());
            now += TransitionPlayer::BaseTravelMs + 1;
            advanceTo(player, now);
        }
        QCOMPARE(player.historySize(), 2);
        QCOMPARE(player.waitingCount(), 1);

        QVERIFY(player.stepBackward());
        QCOMPARE(player.historySize(), 1);
        QCOMPARE(player.waitingCount(), 2);
        QCOMPARE(onlyToken(player).edge, edge(S::SynSent, S::Established));
        QVERIFY(onlyToken(player).reverse);
        QCOMPARE(onlyToken(player).progress, 1.0);
        now += TransitionPlayer::BaseTravelMs / 2;
        advanceTo(player, now);
        QVERIFY(qAbs(onlyToken(player).progress - 0.5) < 0.01);
        now += TransitionPlayer::BaseTravelMs;
        advanceTo(player, now);
        QCOMPARE(player.tokensInFlight(), 0);
        QVERIFY(!player.isAnimating());

        // The step taken back plays again next.
        QVERIFY(player.stepForward());
        QCOMPARE(onlyToken(player).edge, edge(S::SynSent, S::Established));
        QVERIFY(!onlyToken(player).reverse);

        // Backward mid-flight reverts the travelling step where it is.
        now += TransitionPlayer::BaseTravelMs / 4;
        advanceTo(player, now);
        QVERIFY(player.stepBackward());
        QVERIFY(onlyToken(player).reverse);
        QVERIFY(qAbs(onlyToken(player).progress - 0.25) < 0.01);
        QCOMPARE(player.waitingCount(), 2);
        QCOMPARE(player.historySize(), 1);

        // Nothing left to take back once the history is empty.
        now += TransitionPlayer::BaseTravelMs;
        advanceTo(player, now);
        QVERIFY(player.stepBackward());
        now += TransitionPlayer::BaseTravelMs + 1;
        advanceTo(player, now);
        QCOMPARE(player.historySize(), 0);
        QCOMPARE(player.waitingCount(), 3);
        QVERIFY(!player.stepBackward());
    }

    void manyTransitionsAtOnceAreAggregated()
    {
        TransitionPlayer player;
        useTestClock(player);
        const auto edges = TcpStateMachine::transitions();
        ConnectionEvents events;
        const StepKnowledge kinds[] = {StepKnowledge::Exact, StepKnowledge::Polled, StepKnowledge::Inferred};
        for (int i = 0; i < 10000; ++i) {
            const auto &edge = edges[std::size_t(i) % edges.size()];
            events.append(step(quint64(i), edge.from, edge.to, kinds[(i / int(edges.size())) % 3]));
        }
        player.addEvents(events);
        // 26 edges times 3 kinds of knowledge would be 78 tokens: capped, and the rest waits.
        QCOMPARE(player.tokensInFlight(), TransitionPlayer::MaxTokens);
        QCOMPARE(countInFlight(player) + player.waitingCount(), 10000);
        QVERIFY(player.waitingCount() > 0);

        // Everything plays in a few waves, never above the cap.
        qint64 now = 0;
        for (int frame = 0; frame < 1000 && (player.tokensInFlight() > 0 || player.waitingCount() > 0); ++frame) {
            now += TransitionPlayer::FrameIntervalMs;
            advanceTo(player, now);
            QVERIFY(player.tokensInFlight() <= TransitionPlayer::MaxTokens);
        }
        QCOMPARE(player.tokensInFlight(), 0);
        QCOMPARE(player.waitingCount(), 0);
    }

    void manyConnectionsKeepTheirOrder()
    {
        TransitionPlayer player;
        useTestClock(player);
        ConnectionEvents events;
        for (quint64 id = 0; id < 2500; ++id) {
            events += threeSteps(id);
            events.append(step(id, S::FinWait1, S::FinWait2));
        }
        QCOMPARE(events.size(), 10000);
        player.addEvents(events);
        QCOMPARE(player.tokensInFlight(), 1);
        QCOMPARE(onlyToken(player).count, 2500);
        QCOMPARE(player.waitingCount(), 7500);
        const S expected[] = {S::Established, S::FinWait1, S::FinWait2};
        for (int wave = 0; wave < 3; ++wave) {
            advanceTo(player, (wave + 1) * TransitionPlayer::BaseTravelMs + 1);
            QCOMPARE(onlyToken(player).count, 2500);
            QCOMPARE(onlyToken(player).edge->to, expected[wave]);
        }
    }

    // While paused, the queue holds what a person can step through: newer steps are dropped and
    // counted, the older ones kept so stepping goes on from where the pause began.
    void queueIsBoundedWhilePaused()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.setPaused(true);
        QCOMPARE(player.waitingLimit(), TransitionPlayer::MaxWaitingWhilePaused);
        ConnectionEvents events;
        for (int i = 0; i < TransitionPlayer::MaxWaitingWhilePaused + 5; ++i)
            events.append(step(quint64(i), S::Close, S::SynSent));
        QSignalSpy waiting(&player, &TransitionPlayer::waitingChanged);
        player.addEvents(events);
        QCOMPARE(player.waitingCount(), TransitionPlayer::MaxWaitingWhilePaused);
        QCOMPARE(player.droppedCount(), 5);
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.constFirst().constFirst().toInt(), TransitionPlayer::MaxWaitingWhilePaused);
        // The oldest is still first: a step plays connection 0.
        QVERIFY(player.stepForward());
        QCOMPARE(player.lastStep().connections, TransitionPlayer::MaxWaitingWhilePaused);

        // Playing, the bound is the larger one.
        player.setPaused(false);
        QCOMPARE(player.waitingLimit(), TransitionPlayer::MaxWaiting);
    }

    // Each press says what it played, and where in the queue it stands.
    void stepsSayWhatTheyPlay()
    {
        TransitionPlayer player;
        useTestClock(player);
        player.setPaused(true);
        QVERIFY(!player.lastStep().edge);
        ConnectionEvents events = threeSteps(1);
        events[0].timeNs = 111;
        events[1].timeNs = 222;
        events.append(step(2, S::Listen, S::SynRecv, StepKnowledge::Polled));
        player.addEvents(events);
        QCOMPARE(player.waitingCount(), 4);
        QSignalSpy stepped(&player, &TransitionPlayer::stepped);

        QVERIFY(player.stepForward());
        QCOMPARE(stepped.size(), 1);
        QCOMPARE(player.lastStep().edge, edge(S::Close, S::SynSent));
        QCOMPARE(player.lastStep().knowledge, StepKnowledge::Exact);
        QCOMPARE(player.lastStep().connections, 1);
        QCOMPARE(player.lastStep().timeNs, 111);
        QCOMPARE(player.lastStep().number, 1);
        QVERIFY(!player.lastStep().backward);
        QCOMPARE(player.waitingCount(), 3);

        QVERIFY(player.stepForward());
        QCOMPARE(player.lastStep().number, 2);
        QCOMPARE(player.waitingCount(), 2);

        QVERIFY(player.stepBackward());
        QCOMPARE(stepped.size(), 3);
        QVERIFY(player.lastStep().backward);
        QCOMPARE(player.lastStep().number, 1);
        QCOMPARE(player.waitingCount(), 3);

        // Resuming forgets the steps; the next pause counts from one again.
        player.setPaused(false);
        QVERIFY(!player.lastStep().edge);
    }
};

QTEST_MAIN(TestTransitionPlayer)
#include "tst_transitionplayer.moc"
