// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collect/synqueuepacer.h"

#include <QTest>

using namespace TcpLens;

namespace {
constexpr qint64 Ms = 1'000'000;
} // namespace

// The share of one CPU the listener sampler spends walking the established hash for SYN queues.
class TestSynQueuePacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstTickCounts()
    {
        const SynQueuePacer pacer;
        QVERIFY(pacer.isDue(0));
    }

    // 4.8 ms per walk (an empty namespace on this machine): 1 % of a CPU is one walk per 480 ms.
    void quietListenersAreCountedAtTheQuietShare()
    {
        SynQueuePacer pacer;
        pacer.counted(1000 * Ms, 4.8 * Ms, false);
        QCOMPARE(pacer.nextNs(), 1000 * Ms + 480 * Ms);
        QVERIFY(!pacer.isDue(1000 * Ms + 479 * Ms));
        QVERIFY(pacer.isDue(1000 * Ms + 480 * Ms));
    }

    // Under load the same walk may take 10 %: every 48 ms, so every 50 ms tick counts.
    void busyListenersAreCountedAtTheBusyShare()
    {
        SynQueuePacer pacer;
        pacer.counted(1000 * Ms, 4.8 * Ms, true);
        QCOMPARE(pacer.nextNs(), 1000 * Ms + 48 * Ms);
    }

    // 120,000 sockets make a walk 25 ms: quiet, the counts may grow old, but never older than 5 s.
    void countsNeverGrowOlderThanTheLongestGap()
    {
        SynQueuePacer pacer;
        pacer.counted(0, 200 * Ms, false); // a million sockets: 20 s at 1 %
        QCOMPARE(pacer.nextNs(), SynQueuePacer::LongestGapNs);
    }

    // A queue that fills between two counts brings the next count forward, never later.
    void becomingBusyBringsTheNextCountForward()
    {
        SynQueuePacer pacer;
        pacer.counted(0, 25 * Ms, false); // quiet: next in 2.5 s
        QCOMPARE(pacer.nextNs(), 2500 * Ms);
        pacer.becameBusy(100 * Ms); // busy: 250 ms after the last count
        QCOMPARE(pacer.nextNs(), 250 * Ms);
        pacer.becameBusy(120 * Ms); // already busy: nothing moves
        QCOMPARE(pacer.nextNs(), 250 * Ms);

        SynQueuePacer late;
        late.counted(0, 25 * Ms, false);
        late.becameBusy(1000 * Ms); // the busy gap has passed already: count now
        QCOMPARE(late.nextNs(), 1000 * Ms);
    }
};

QTEST_GUILESS_MAIN(TestSynQueuePacer)
#include "tst_synqueuepacer.moc"
