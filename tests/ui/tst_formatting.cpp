// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The one way the views write durations and state names.
#include "formatting.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

class TestFormatting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void duration_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::addRow("nothing") << qint64(0) << u"0 s"_s;
        QTest::addRow("negative, a clock read before the step") << qint64(-5) << u"0 s"_s;
        QTest::addRow("nanoseconds") << qint64(850) << u"850 ns"_s;
        QTest::addRow("microseconds, truncated") << qint64(850'999) << u"850 µs"_s;
        QTest::addRow("milliseconds, two places") << qint64(1'250'000) << u"1.25 ms"_s;
        QTest::addRow("milliseconds, one place") << qint64(296'000'000) << u"296.0 ms"_s;
        QTest::addRow("just under a second") << qint64(999'940'000) << u"999.9 ms"_s;
        QTest::addRow("seconds") << qint64(59'000'000'000) << u"59.0 s"_s;
        QTest::addRow("a minute") << qint64(61'000'000'000) << u"1 min 1 s"_s;
        QTest::addRow("TIME-WAIT's whole life") << qint64(60'000'000'000) << u"1 min 0 s"_s;
        QTest::addRow("hours") << qint64(7'380'000'000'000) << u"2 h 3 min"_s;
    }
    void duration()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(Formatting::duration(ns), text);
    }

    void sinceStartIsSigned() { QCOMPARE(Formatting::sinceStart(1'250'000), u"+1.25 ms"_s); }

    void stateLabel_data()
    {
        QTest::addColumn<TcpState>("state");
        QTest::addColumn<QString>("text");
        QTest::addRow("established") << TcpState::Established << u"ESTABLISHED"_s;
        QTest::addRow("full socket in SYN-RECV") << TcpState::SynRecv << u"SYN-RECEIVED"_s;
        QTest::addRow("request socket, shown apart") << TcpState::NewSynRecv << u"NEW-SYN-RECV"_s;
        QTest::addRow("time-wait") << TcpState::TimeWait << u"TIME-WAIT"_s;
        QTest::addRow("closed") << TcpState::Close << u"CLOSED"_s;
    }
    void stateLabel()
    {
        QFETCH(TcpState, state);
        QFETCH(QString, text);
        QCOMPARE(Formatting::stateLabel(state), text);
    }
};

QTEST_GUILESS_MAIN(TestFormatting)

#include "tst_formatting.moc"
