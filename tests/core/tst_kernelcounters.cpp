// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The /proc/net counter parsers on files captured from this kernel (tests/data/procnet/, read in a
// fresh namespace), cut and corrupted; the sampler's deltas, rates and resets; the counter catalog
// against the running kernel; and ListenOverflows moving for a real overflow in a private namespace.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "proc/countercatalog.h"
#include "proc/countersampler.h"
#include "proc/kernelcounters.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

QByteArray capture(const QString &name)
{
    QFile file(QFINDTESTDATA(u"data/procnet/"_s + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

KernelCounters parseCaptured(const QString &name, QStringList *warnings)
{
    const QByteArray text = capture(name);
    if (name == u"snmp6.txt"_s)
        return KernelCounters::parseSnmp6(text, warnings);
    if (name == u"sockstat.txt"_s)
        return KernelCounters::parseSockstat(text, "Sockstat", warnings);
    if (name == u"sockstat6.txt"_s)
        return KernelCounters::parseSockstat(text, "Sockstat6", warnings);
    return KernelCounters::parseSnmpStyle(text, warnings);
}

KernelCounters allCaptured()
{
    KernelCounters all;
    for (const auto &name : {u"netstat.txt"_s, u"snmp.txt"_s, u"snmp6.txt"_s, u"sockstat.txt"_s, u"sockstat6.txt"_s})
        all.merge(parseCaptured(name, nullptr));
    return all;
}

} // namespace

class TestKernelCounters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("netstat") << u"netstat.txt"_s << QByteArray("TcpExt.ListenOverflows");
        QTest::addRow("snmp") << u"snmp.txt"_s << QByteArray("Tcp.ActiveOpens");
        QTest::addRow("snmp6") << u"snmp6.txt"_s << QByteArray("Snmp6.Ip6InReceives");
        QTest::addRow("sockstat") << u"sockstat.txt"_s << QByteArray("Sockstat.TCP.tw");
        QTest::addRow("sockstat6") << u"sockstat6.txt"_s << QByteArray("Sockstat6.TCP6.inuse");
    }

    void capturedFiles()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, expected);
        QVERIFY2(!capture(file).isEmpty(), "capture missing (see tests/data/README.md)");
        QStringList warnings;
        const KernelCounters counters = parseCaptured(file, &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
        QVERIFY(counters.value(expected).has_value());
        QVERIFY(counters.values().size() >= 5);
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("kept");
        QTest::addColumn<QString>("warning");
        QTest::addRow("empty") << QByteArray() << QStringList{} << QString();
        QTest::addRow("count mismatch loses only its group")
            << QByteArray("TcpExt: A B\nTcpExt: 1\nIpExt: C\nIpExt: 3\n") << QStringList{u"IpExt.C"_s}
            << u"2 names but 1 values"_s;
        QTest::addRow("value beyond 64 bits") << QByteArray("Tcp: A B\nTcp: 99999999999999999999999 7\n")
                                              << QStringList{u"Tcp.B"_s} << u"is not a 64-bit number"_s;
        QTest::addRow("largest unsigned long")
            << QByteArray("Tcp: A\nTcp: 18446744073709551615\n") << QStringList{u"Tcp.A"_s} << QString();
        QTest::addRow("negative (Tcp.MaxConn)")
            << QByteArray("Tcp: MaxConn\nTcp: -1\n") << QStringList{u"Tcp.MaxConn"_s} << QString();
        QTest::addRow("missing value line at the end")
            << QByteArray("Tcp: A\nTcp: 1\nUdp: B\n") << QStringList{u"Tcp.A"_s} << u"has no value line"_s;
        QTest::addRow("a group without its values") << QByteArray("Tcp: A\nIpExt: B\nIpExt: 2\n")
                                                    << QStringList{u"IpExt.B"_s} << u"not followed by its values"_s;
        QTest::addRow("not UTF-8") << QByteArray("Tcp: A\xff B\nTcp: 1 \xfe\n") << QStringList{}
                                   << u"is not a 64-bit number"_s;
        QTest::addRow("garbage line") << QByteArray("hello world\nTcp: A\nTcp: 5\n") << QStringList{u"Tcp.A"_s}
                                      << u"is no 'Group:' line"_s;
        QTest::addRow("windows line ends")
            << QByteArray("Tcp: A\r\nTcp: 5\r\n") << QStringList{u"Tcp.A"_s} << QString();
    }

    void hostileInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, kept);
        QFETCH(QString, warning);
        QStringList warnings;
        const KernelCounters counters = KernelCounters::parseSnmpStyle(text, &warnings);
        for (const QString &name : kept)
            QVERIFY2(counters.value(name.toLatin1()).has_value(), qPrintable(name));
        if (warning.isEmpty()) {
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
        } else {
            QVERIFY(
                std::any_of(warnings.cbegin(), warnings.cend(), [&](const QString &w) { return w.contains(warning); }));
        }
    }

    void cutAtEveryOffset_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("netstat") << u"netstat.txt"_s;
        QTest::addRow("snmp6") << u"snmp6.txt"_s;
        QTest::addRow("sockstat") << u"sockstat.txt"_s;
    }

    void cutAtEveryOffset()
    {
        QFETCH(QString, file);
        const QByteArray whole = capture(file);
        const KernelCounters full = parseCaptured(file, nullptr);
        for (qsizetype length = 0; length < whole.size(); length += 7) {
            const QByteArray cut(whole.constData(), length); // exactly `length` bytes: ASan sees overreads
            QStringList warnings;
            KernelCounters part;
            if (file == u"snmp6.txt"_s)
                part = KernelCounters::parseSnmp6(cut, &warnings);
            else if (file == u"sockstat.txt"_s)
                part = KernelCounters::parseSockstat(cut, "Sockstat", &warnings);
            else
                part = KernelCounters::parseSnmpStyle(cut, &warnings);
            // Nothing invented: every name is a real one.
            for (auto it = part.values().cbegin(); it != part.values().cend(); ++it)
                QVERIFY2(full.values().contains(it.key()), it.key().constData());
        }
    }

    void catalogMatchesThisKernel()
    {
        const CounterCatalog &catalog = CounterCatalog::builtIn();
        QVERIFY(catalog.counters().size() >= 35);
        const KernelCounters kernel = allCaptured();
        for (const CounterDescription &counter : catalog.counters()) {
            QVERIFY2(kernel.value(counter.name).has_value(),
                qPrintable(u"%1 is in the catalog but not on this kernel"_s.arg(QString::fromLatin1(counter.name))));
            QVERIFY(!counter.explanation.isEmpty());
            QVERIFY(!catalog.groupTitle(counter.group).isEmpty());
        }
        const auto duplicate = CounterCatalog::parse(
            R"({"schema":"tcplens.counter-catalog","groups":{"g":"G"},"counters":[{"name":"A.b","group":"g","explanation":"x"},{"name":"A.b","group":"g","explanation":"y"}]})");
        QVERIFY(!duplicate.has_value());
        QVERIFY(duplicate.error().contains(u"twice"_s));
    }

    void samplerDeltasRatesAndResets()
    {
        CounterSampler sampler;
        const auto parse = [](const char *text) {
            return KernelCounters::parseSnmpStyle(QByteArrayView(text));
        };
        QVERIFY(sampler.add(parse("TcpExt: ListenOverflows TW\nTcpExt: 10 5\n"), 1'000'000'000).isEmpty());
        auto changes = sampler.add(parse("TcpExt: ListenOverflows TW\nTcpExt: 30 5\n"), 3'000'000'000);
        const auto find = [&](const QByteArray &name) {
            return *std::find_if(
                changes.cbegin(), changes.cend(), [&](const CounterChange &c) { return c.name == name; });
        };
        QCOMPARE(find("TcpExt.ListenOverflows").delta, 20);
        QCOMPARE(find("TcpExt.ListenOverflows").perSecond, 10.0);
        QCOMPARE(find("TcpExt.TW").delta, 0);
        // A namespace made anew: counters restart from 0.
        changes = sampler.add(parse("TcpExt: ListenOverflows TW\nTcpExt: 4 5\n"), 4'000'000'000);
        QVERIFY(find("TcpExt.ListenOverflows").reset);
        QCOMPARE(find("TcpExt.ListenOverflows").delta, 4);
        // Gauges move both ways and have no rate.
        sampler.add(KernelCounters::parseSockstat("TCP: inuse 9 tw 3\n", "Sockstat"), 5'000'000'000);
        changes = sampler.add(KernelCounters::parseSockstat("TCP: inuse 7 tw 3\n", "Sockstat"), 6'000'000'000);
        QVERIFY(find("Sockstat.TCP.inuse").gauge);
        QCOMPARE(find("Sockstat.TCP.inuse").delta, -2);
        QCOMPARE(find("Sockstat.TCP.inuse").perSecond, 0.0);
        QVERIFY(!find("Sockstat.TCP.inuse").reset);
    }

    void overflowMovesListenOverflowsAndDrops()
    {
        // Backlog 1 holds 2; the other clients' handshakes overflow the accept queue.
        CounterSampler sampler;
        auto before = KernelCounters::read();
        QVERIFY2(before.has_value(), TcpLens::Test::errorText(before).constData());
        sampler.add(*before, 1'000'000'000);
        auto listener = Sockets::listen(u"127.0.0.1"_s, 1);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 6; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            (void)Sockets::waitConnected(clients.back().get(), 100ms);
        }
        auto after = KernelCounters::read();
        QVERIFY(after.has_value());
        const auto changes = sampler.add(*after, 2'000'000'000);
        const auto delta = [&](const QByteArray &name) {
            const auto it =
                std::find_if(changes.cbegin(), changes.cend(), [&](const CounterChange &c) { return c.name == name; });
            return it == changes.cend() ? -1 : it->delta;
        };
        QVERIFY(delta("TcpExt.ListenOverflows") > 0);
        // tcp_listendrop() follows every overflow: with nothing else dropped, the two agree.
        QCOMPARE(delta("TcpExt.ListenDrops"), delta("TcpExt.ListenOverflows"));
        QVERIFY(delta("Tcp.ActiveOpens") >= 6);
        QCOMPARE(*after->value("Sockstat.TCP.inuse"), *before->value("Sockstat.TCP.inuse") + 1 + 6 + 2);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestKernelCounters, QCoreApplication)

#include "tst_kernelcounters.moc"
