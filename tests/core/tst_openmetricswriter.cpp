// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The exposition writer in both formats (escaping, counter suffixes, # EOF), the mistakes it refuses
// instead of sending a scrape Prometheus would drop, and MetricsScrape's text from made-up inputs:
// listeners grouped and capped, counters and sysctls from the real catalogs with English HELP.
// promtool checks the real command's output in tests/app/servemetrics.sh.
#include "metrics/metricsscrape.h"
#include "metrics/openmetricswriter.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

template<typename Catalog>
Catalog english(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no %s", qPrintable(resource));
    auto catalog = Catalog::parse(file.readAll(), QString());
    if (!catalog)
        qFatal("%s: %s", qPrintable(resource), qPrintable(catalog.error()));
    return *catalog;
}

QByteArray line(const QByteArray &text, const QByteArray &start)
{
    for (const QByteArray &l : text.split('\n')) {
        if (l.startsWith(start))
            return l;
    }
    return {};
}

} // namespace

class TestOpenMetricsWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("OpenMetrics") << int(OpenMetricsWriter::Format::OpenMetrics)
                                     << "# HELP x_overflows Says \\\"why\\\"\\nand \\\\ too.\n"
                                        "# TYPE x_overflows counter\n"
                                        "x_overflows_total{address=\"::1\",process=\"a\\\"b\\\\c\\nd\"} 3\n"
                                        "# HELP x_queue Gauge.\n"
                                        "# TYPE x_queue gauge\n"
                                        "x_queue 0.25\n"
                                        "x_queue{state=\"nan\"} NaN\n"
                                        "# EOF\n"_ba;
        QTest::addRow("Prometheus 0.0.4") << int(OpenMetricsWriter::Format::PrometheusText)
                                          << "# HELP x_overflows_total Says \"why\"\\nand \\\\ too.\n"
                                             "# TYPE x_overflows_total counter\n"
                                             "x_overflows_total{address=\"::1\",process=\"a\\\"b\\\\c\\nd\"} 3\n"
                                             "# HELP x_queue Gauge.\n"
                                             "# TYPE x_queue gauge\n"
                                             "x_queue 0.25\n"
                                             "x_queue{state=\"nan\"} NaN\n"_ba;
    }

    void formats()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, expected);
        OpenMetricsWriter writer{OpenMetricsWriter::Format(format)};
        writer.beginFamily("x_overflows", OpenMetricsWriter::Type::Counter, u"Says \"why\"\nand \\ too."_s);
        writer.sample({{"address", u"::1"_s}, {"process", u"a\"b\\c\nd"_s}}, qint64(3));
        writer.beginFamily("x_queue", OpenMetricsWriter::Type::Gauge, u"Gauge."_s);
        writer.sample({}, 0.25);
        writer.sample({{"state", u"nan"_s}}, std::nan(""));
        QVERIFY2(writer.isValid(), qPrintable(writer.error()));
        QCOMPARE(writer.finish(), expected);
    }

    void mistakes_data()
    {
        QTest::addColumn<int>("mistake");
        QTest::addColumn<QString>("error");
        QTest::addRow("bad name") << 0 << u"invalid metric name"_s;
        QTest::addRow("counter named _total") << 1 << u"without _total"_s;
        QTest::addRow("family twice") << 2 << u"written twice"_s;
        QTest::addRow("sample first") << 3 << u"before any family"_s;
        QTest::addRow("bad label") << 4 << u"invalid label name"_s;
        QTest::addRow("negative counter") << 5 << u"negative"_s;
    }

    void mistakes()
    {
        QFETCH(int, mistake);
        QFETCH(QString, error);
        OpenMetricsWriter writer;
        switch (mistake) {
        case 0:
            writer.beginFamily("1x", OpenMetricsWriter::Type::Gauge, u"h"_s);
            break;
        case 1:
            writer.beginFamily("x_total", OpenMetricsWriter::Type::Counter, u"h"_s);
            break;
        case 2:
            writer.beginFamily("x", OpenMetricsWriter::Type::Gauge, u"h"_s);
            writer.beginFamily("x", OpenMetricsWriter::Type::Gauge, u"h"_s);
            break;
        case 3:
            writer.sample(1);
            break;
        case 4:
            writer.beginFamily("x", OpenMetricsWriter::Type::Gauge, u"h"_s);
            writer.sample({{"a-b", u"v"_s}}, qint64(1));
            break;
        case 5:
            writer.beginFamily("x", OpenMetricsWriter::Type::Counter, u"h"_s);
            writer.sample(-1);
            break;
        }
        QVERIFY(!writer.isValid());
        QVERIFY2(writer.error().contains(error), qPrintable(writer.error()));
        QCOMPARE(writer.finish(), QByteArray());
    }

    void snakeCase_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("group and word") << "TcpExt.ListenOverflows"_ba << "tcp_ext_listen_overflows"_ba;
        QTest::addRow("acronym") << "TCPReqQFullDrop"_ba << "tcp_req_q_full_drop"_ba;
        QTest::addRow("all caps start") << "PAWSEstab"_ba << "paws_estab"_ba;
        QTest::addRow("TW") << "TWRecycled"_ba << "tw_recycled"_ba;
        QTest::addRow("sockstat") << "Sockstat.TCP.inuse"_ba << "sockstat_tcp_inuse"_ba;
        QTest::addRow("sysctl") << "net.ipv4.tcp_rmem"_ba << "net_ipv4_tcp_rmem"_ba;
        QTest::addRow("digits") << "Snmp6.Tcp6InSegs"_ba << "snmp6_tcp6_in_segs"_ba;
    }

    void snakeCase()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, expected);
        QCOMPARE(OpenMetricsWriter::snakeCase(name), expected);
        QVERIFY(OpenMetricsWriter::isValidName(expected));
    }

    void counterNames()
    {
        QCOMPARE(
            MetricsScrape::counterMetricName("TcpExt.ListenOverflows"), "tcplens_kernel_tcpext_listen_overflows"_ba);
        QCOMPARE(
            MetricsScrape::counterMetricName("TcpExt.TCPReqQFullDrop"), "tcplens_kernel_tcpext_tcp_req_q_full_drop"_ba);
        QCOMPARE(MetricsScrape::counterMetricName("Sockstat.TCP.inuse"), "tcplens_kernel_sockstat_tcp_inuse"_ba);
        QCOMPARE(MetricsScrape::counterMetricName("Tcp.CurrEstab"), "tcplens_kernel_tcp_curr_estab"_ba);
        QCOMPARE(MetricsScrape::sysctlMetricName(u"net.ipv4.tcp_rmem"_s), "tcplens_sysctl_net_ipv4_tcp_rmem"_ba);
        QCOMPARE(MetricsScrape::sysctlMetricName(u"net.ipv4.tcp_fastopen_blackhole_timeout_sec"_s),
            "tcplens_sysctl_net_ipv4_tcp_fastopen_blackhole_timeout_seconds"_ba);
    }

    void endpoints()
    {
        QCOMPARE(MetricsScrape::addressOf(u"127.0.0.1:8080"_s), u"127.0.0.1"_s);
        QCOMPARE(MetricsScrape::addressOf(u"[::1]:8080"_s), u"::1"_s);
        QCOMPARE(MetricsScrape::addressOf(u"*:80"_s), u"*"_s);
        QCOMPARE(MetricsScrape::commandOf(u"nginx (1234)"_s), u"nginx"_s);
        QCOMPARE(MetricsScrape::commandOf(u"my (odd) server (7)"_s), u"my (odd) server"_s);
        QCOMPARE(MetricsScrape::commandOf(QString()), QString());
    }

    void scrape()
    {
        const auto counterCatalog = english<CounterCatalog>(u":/counters/catalog.json"_s);
        const auto sysctlCatalog = english<SysctlCatalog>(u":/sysctl/catalog.json"_s);
        MetricsScrape::Inputs inputs;
        std::array<qint64, TcpStateCount> states{};
        states[int(TcpState::Established)] = 5;
        states[int(TcpState::SynRecv)] = 1;
        states[int(TcpState::NewSynRecv)] = 2;
        states[int(TcpState::Listen)] = 4;
        inputs.states = states;
        // Two SO_REUSEPORT sockets of one nginx become one series; the busy one of the rest stays
        // under a cap of 2.
        inputs.listeners = QList<MetricsScrape::Listener>{
            {u"0.0.0.0:80"_s, 80, u"nginx (10)"_s, 3, 8, 1, 4, 0},
            {u"0.0.0.0:80"_s, 80, u"nginx (10)"_s, 0, 8, 0, 0, 0},
            {u"[::]:22"_s, 22, u"sshd (1)"_s, 0, 128, 0, 0, 0},
            {u"127.0.0.1:9000"_s, 9000, QString(), 0, 4096, 0, 0, 0},
        };
        inputs.maxListeners = 2;
        inputs.unattributedOverflows = 2;
        KernelCounters counters = KernelCounters::parseSnmpStyle(
            "TcpExt: ListenOverflows ListenDrops\nTcpExt: 6 7\nTcp: CurrEstab RetransSegs\nTcp: 5 9\n");
        inputs.counters = counters;
        inputs.counterCatalog = &counterCatalog;
        inputs.sysctlCatalog = &sysctlCatalog;
        inputs.sysctls = {
            {u"net.ipv4.tcp_rmem"_s, true, u"4096 131072 6291456"_s, std::nullopt, {}, false, {}},
            {u"net.core.somaxconn"_s, true, u"4096"_s, std::nullopt, {}, false, {}},
            {u"net.ipv4.tcp_congestion_control"_s, true, u"cubic"_s, std::nullopt, {}, false, {}},
            {u"net.ipv4.tcp_max_tw_buckets"_s, false, std::nullopt, std::nullopt, {}, false, {}},
        };
        inputs.collectSeconds = 0.5;

        for (auto format : {OpenMetricsWriter::Format::OpenMetrics, OpenMetricsWriter::Format::PrometheusText}) {
            OpenMetricsWriter writer(format);
            MetricsScrape::write(writer, inputs);
            QVERIFY2(writer.isValid(), qPrintable(writer.error()));
            const QByteArray text = writer.finish();
            QCOMPARE(text.endsWith("# EOF\n"), format == OpenMetricsWriter::Format::OpenMetrics);
            QCOMPARE(line(text, "tcplens_sockets{state=\"ESTAB\"}"), "tcplens_sockets{state=\"ESTAB\"} 5"_ba);
            QCOMPARE(line(text, "tcplens_sockets{state=\"SYN-RECV\"}"), "tcplens_sockets{state=\"SYN-RECV\"} 3"_ba);
            QCOMPARE(text.count("tcplens_sockets{state=\"SYN-RECV\"}"), 1);
            QCOMPARE(line(text, "tcplens_listeners "), "tcplens_listeners 3"_ba);
            QCOMPARE(line(text, "tcplens_listeners_omitted "), "tcplens_listeners_omitted 1"_ba);
            QCOMPARE(line(text, "tcplens_listener_accept_queue{"),
                "tcplens_listener_accept_queue{address=\"0.0.0.0\",port=\"80\",process=\"nginx\"} 3"_ba);
            QCOMPARE(line(text, "tcplens_listener_accept_queue_limit{address=\"0.0.0.0\""),
                "tcplens_listener_accept_queue_limit{address=\"0.0.0.0\",port=\"80\",process=\"nginx\"} 16"_ba);
            QCOMPARE(line(text, "tcplens_listener_overflows_total{address=\"0.0.0.0\""),
                "tcplens_listener_overflows_total{address=\"0.0.0.0\",port=\"80\",process=\"nginx\"} 4"_ba);
            QVERIFY(!line(text, "tcplens_listener_syn_queue{address=\"::\",port=\"22\",process=\"sshd\"}").isEmpty());
            QVERIFY(line(text, "tcplens_listener_syn_queue{address=\"127.0.0.1\"").isEmpty());
            QCOMPARE(line(text, "tcplens_listener_unattributed_overflows_total "),
                "tcplens_listener_unattributed_overflows_total 2"_ba);
            QCOMPARE(line(text, "tcplens_kernel_tcpext_listen_overflows_total "),
                "tcplens_kernel_tcpext_listen_overflows_total 6"_ba);
            QCOMPARE(line(text, "tcplens_kernel_tcp_curr_estab "), "tcplens_kernel_tcp_curr_estab 5"_ba);
            QCOMPARE(
                line(text, "# TYPE tcplens_kernel_tcp_curr_estab"), "# TYPE tcplens_kernel_tcp_curr_estab gauge"_ba);
            // HELP comes from the catalog's English explanation.
            const QByteArray help = line(text, "# HELP tcplens_kernel_tcpext_listen_overflows");
            QVERIFY2(help.contains("accept queue") && help.contains("TcpExt.ListenOverflows"), help.constData());
            QCOMPARE(line(text, "tcplens_sysctl_net_ipv4_tcp_rmem{field=\"min\"}"),
                "tcplens_sysctl_net_ipv4_tcp_rmem{field=\"min\"} 4096"_ba);
            QCOMPARE(line(text, "tcplens_sysctl_net_ipv4_tcp_rmem{field=\"max\"}"),
                "tcplens_sysctl_net_ipv4_tcp_rmem{field=\"max\"} 6291456"_ba);
            QCOMPARE(line(text, "tcplens_sysctl_net_core_somaxconn "), "tcplens_sysctl_net_core_somaxconn 4096"_ba);
            QCOMPARE(line(text, "tcplens_sysctl_net_ipv4_tcp_congestion_control{"),
                "tcplens_sysctl_net_ipv4_tcp_congestion_control{value=\"cubic\"} 1"_ba);
            QVERIFY(!text.contains("tcp_max_tw_buckets"));
            // Every sample line is NAME[{...}] VALUE: no stray text.
            static const QRegularExpression sample(u"^[a-z_:][a-z0-9_:]*(\\{[^}]*\\})? [-+0-9.eNaInf]+$"_s);
            for (const QByteArray &l : text.split('\n')) {
                if (!l.isEmpty() && !l.startsWith('#'))
                    QVERIFY2(sample.match(QString::fromUtf8(l)).hasMatch(), l.constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenMetricsWriter)
#include "tst_openmetricswriter.moc"
