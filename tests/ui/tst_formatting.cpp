// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The one way the views write durations and state names.
#include "charts/axisticks.h"
#include "formatting.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace TcpLens;

class TestFormatting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

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

    // One unit family everywhere: the table's bytes in KiB as the timeline's charts have them.
    void bytes_data()
    {
        QTest::addColumn<quint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addRow("bytes") << quint64(1000) << u"1000 B"_s;
        QTest::addRow("3000 bytes") << quint64(3000) << u"2.9 KiB"_s;
        QTest::addRow("a mebibyte") << quint64(1024 * 1024) << u"1.0 MiB"_s;
    }
    void bytes()
    {
        QFETCH(quint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(Formatting::bytes(bytes), text);
    }

    void timeOfDayTruncatesToTheMillisecond()
    {
        // The offset that shows monotonic 0 as 10:01:00.000 local time.
        const QDateTime wall(QDate(2026, 3, 2), QTime(10, 1, 0), QTimeZone::LocalTime);
        const qint64 offset = wall.toMSecsSinceEpoch() * 1'000'000;
        QCOMPARE(Formatting::timeOfDay(1'249'999'999, offset), u"10:01:01.249"_s);
        QCOMPARE(Formatting::timeOfDay(1'250'000'000, offset), u"10:01:01.250"_s);
    }

    // Ticks a reader takes in at a glance: 1, 2 or 5 times a power of ten, and the axis ends on one.
    void axisTicks_data()
    {
        QTest::addColumn<double>("span");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<double>("interval");
        QTest::addColumn<double>("end");
        QTest::addRow("a 0.7 s connection") << 0.7 << 4 << 0.2 << 0.8;
        QTest::addRow("0.15, which gave 0.0375") << 0.15 << 4 << 0.05 << 0.15;
        QTest::addRow("250 s, which gave 62.5") << 250.0 << 4 << 100.0 << 300.0;
        QTest::addRow("cwnd 10.5") << 10.5 << 4 << 5.0 << 15.0;
        QTest::addRow("rounding 0.3 / 3") << 0.3 << 3 << 0.1 << 0.3;
        QTest::addRow("one tick") << 7.0 << 1 << 10.0 << 10.0;
    }
    void axisTicks()
    {
        QFETCH(double, span);
        QFETCH(int, ticks);
        QFETCH(double, interval);
        QFETCH(double, end);
        QVERIFY(qFuzzyCompare(AxisTicks::niceInterval(span, ticks), interval));
        QVERIFY(qFuzzyCompare(AxisTicks::niceEnd(span, ticks), end));
        const double mantissa = interval / std::pow(10.0, std::floor(std::log10(interval)));
        QVERIFY(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0) || qFuzzyCompare(mantissa, 5.0));
    }
};

QTEST_GUILESS_MAIN(TestFormatting)

#include "tst_formatting.moc"
