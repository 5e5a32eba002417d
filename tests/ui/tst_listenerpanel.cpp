// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The listener and counter panels watching a private namespace where this test fills a listener's
// accept queue. Assertions read the charts' models, never pixels; the PNGs are for people.
#include "charts/counterpanel.h"
#include "charts/listenerpanel.h"
#include "charts/listenertablemodel.h"
#include "charts/minmaxdownsampler.h"
#include "charts/timechartview.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "collect/snapshotsource.h"
#include "loopbacksockets.h"
#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "themecontroller.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {
const QString FinTimeout = u"/proc/sys/net/ipv4/tcp_fin_timeout"_s;

QByteArray readFinTimeout()
{
    QFile file(FinTimeout);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

bool writeFinTimeout(const QByteArray &value)
{
    QFile file(FinTimeout);
    return file.open(QIODevice::WriteOnly) && file.write(value + '\n') > 0;
}

double columnMaximum(const TimeSeriesModel &model, int series)
{
    return model.maximum(series);
}

double columnSum(const TimeSeriesModel &model, int series)
{
    double sum = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        sum += model.valueAt(row, series);
    return sum;
}

bool hasMarkerFor(const TimelineMarkerModel &model, const QString &key)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, TimelineMarkerModel::LabelColumn).data().toString().startsWith(key) &&
            model.index(row, 0).data(TimelineMarkerModel::KindRole).toInt() == int(TimelineMarker::Kind::SysctlChange))
            return true;
    }
    return false;
}

// What the main window hands the counter panel for every snapshot.
QHash<TcpState, int> stateCounts(SnapshotSource &source)
{
    QHash<TcpState, int> counts;
    if (auto snapshot = source.take({AllStatesMask, false, false, false})) {
        for (const SocketRecord &socket : snapshot->sockets())
            ++counts[socket.state];
    }
    return counts;
}

void testModel(std::vector<std::unique_ptr<QAbstractItemModelTester>> &testers, QAbstractItemModel *model)
{
    testers.push_back(
        std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
}
} // namespace

class TestListenerPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void downsamplingKeepsEveryPeak()
    {
        // No model tester here: it walks every row at every insert. The panel test runs it on the
        // same model class with a live listener's rows.
        TimeSeriesModel model({u"queue"_s});
        // Ten minutes at 20 Hz, flat but for one sample.
        for (qint64 i = 0; i < 12'000; ++i)
            model.append(i * 50'000'000, {i == 7'777 ? 129.0 : 3.0});
        const qint64 end = model.timeAt(model.rowCount() - 1);
        const QList<QPointF> points = MinMaxDownsampler::lines(model, 0, 0, end, 400, 0, 1.0);
        QVERIFY(points.size() <= 2 * 400 + 2);
        QVERIFY(std::any_of(points.cbegin(), points.cend(), [](const QPointF &point) { return point.y() == 129.0; }));
        QVERIFY(std::is_sorted(
            points.cbegin(), points.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
        model.removeBefore(end - 60'000'000'000);
        QCOMPARE(model.rowCount(), 1201);
    }

    void journalAndPollMakeOneMarker()
    {
        TimelineMarkerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const SysctlChange change{
            u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"10"_s, QDateTime::currentDateTime(), false, {}};
        QVERIFY(model.addSysctlChange(change)); // from the writer's journal, wall-clock time
        QVERIFY(!model.addSysctlChange(change, MonotonicClock::nowNs())); // the same change found by polling
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TimelineMarkerModel::LabelColumn).data().toString(), u"tcp_fin_timeout 60 → 10"_s);
        QVERIFY(model.addMarker({MonotonicClock::nowNs(), u"Step 2: flood"_s, {}, TimelineMarker::Kind::LabStep}));
        QCOMPARE(model.rowCount(), 2);
    }

    void acceptQueueFillsAndOverflows()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 4);
        auto other = Sockets::listen(u"::1"_s, 128);
        QVERIFY(listener.fd && other.fd);

        ListenerPanel listeners;
        CounterPanel counters;
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        testModel(testers, listeners.listenerModel());
        testModel(testers, listeners.historyModel());
        testModel(testers, listeners.markerModel());
        testModel(testers, listeners.tableView()->model());
        testModel(testers, counters.stateModel());
        testModel(testers, counters.markerModel());
        for (const QString &group : CounterPanel::groups()) {
            QVERIFY2(counters.rateModel(group), qPrintable(group));
            testModel(testers, counters.rateModel(group));
        }
        listeners.resize(1000, 680);
        counters.resize(1100, 860);
        listeners.show();
        counters.show();
        QVERIFY(QTest::qWaitForWindowExposed(&listeners));

        // One pipeline feeds both panels, as in the window. Its connection polls stay out of the way
        // (one at the start): this test feeds the state counts itself, many times a second.
        LiveConnections connections;
        listeners.setConnections(&connections);
        counters.setConnections(&connections);
        LocalKernelSource::Options options;
        options.collector.intervalMs = 60'000;
        connections.setSource(std::make_unique<LocalKernelSource>(options));
        QTRY_VERIFY_WITH_TIMEOUT(listeners.selectListener(listener.port), 5000);
        QCOMPARE(listeners.selectedCookie(),
            listeners.listenerModel()
                ->index(listeners.listenerModel()->rowOfPort(listener.port), 0)
                .data(ListenerTableModel::CookieRole)
                .toULongLong());
        QTRY_VERIFY(listeners.isHistoryLoaded());

        auto source = SnapshotSource::open();
        QVERIFY(source.has_value());
        const auto feedStates = [&] {
            counters.addStateCounts(MonotonicClock::nowNs(), stateCounts(**source));
        };
        feedStates();

        // 20 clients, none ever accepted: 5 fit (backlog 4 holds 5), the rest overflow and retry.
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 20; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            QVERIFY(clients.back());
        }
        const TimeSeriesModel &history = *listeners.historyModel();
        QTRY_COMPARE_WITH_TIMEOUT(columnMaximum(history, ListenerPanel::AcceptQueueSeries), 5.0, 10000);
        QCOMPARE(columnMaximum(history, ListenerPanel::AcceptLimitSeries), 4.0);
        QTRY_VERIFY_WITH_TIMEOUT(columnSum(history, ListenerPanel::OverflowsSeries) > 0, 10000);
        // The overflow is drawn where it happened: on the accept-queue curve, at the full queue.
        const QList<QPointF> overflowPoints = MinMaxDownsampler::events(history, ListenerPanel::OverflowsSeries,
            ListenerPanel::AcceptQueueSeries, history.timeAt(0), MonotonicClock::nowNs(), 500, 0, 1.0);
        QVERIFY(!overflowPoints.isEmpty());
        QVERIFY(
            std::any_of(overflowPoints.cbegin(), overflowPoints.cend(), [](const QPointF &p) { return p.y() >= 4; }));

        const ListenerTableModel &table = *listeners.listenerModel();
        const int row = table.rowOfPort(listener.port);
        QTRY_COMPARE(table.index(row, ListenerTableModel::AcceptQueueColumn).data().toUInt(), 5u);
        QCOMPARE(table.index(row, ListenerTableModel::AcceptLimitColumn).data().toUInt(), 4u);
        QVERIFY(table.index(row, ListenerTableModel::OverflowsColumn).data().toLongLong() > 0);
        QCOMPARE(table.index(table.rowOfPort(other.port), ListenerTableModel::OverflowsColumn).data().toLongLong(), 0);
        QCOMPARE(table.index(table.rowOfPort(other.port), ListenerTableModel::EndpointColumn).data().toString(),
            u"[::1]:%1"_s.arg(other.port));

        // The counter panel shows the overflows as a rate, once a second.
        const TimeSeriesModel &handshake = *counters.rateModel(u"handshake"_s);
        const int overflowColumn = int(counters.counterNames(u"handshake"_s).indexOf("TcpExt.ListenOverflows"));
        QVERIFY(overflowColumn >= 0);
        QCOMPARE(handshake.headerData(TimeSeriesModel::FirstValueColumn + overflowColumn, Qt::Horizontal).toString(),
            u"ListenOverflows"_s);
        QTRY_VERIFY_WITH_TIMEOUT(columnMaximum(handshake, overflowColumn) > 0, 10000);
        feedStates();

        // A sysctl changed in this namespace while the panels watch: a marker on both.
        const QByteArray finTimeout = readFinTimeout();
        QVERIFY(!finTimeout.isEmpty());
        QVERIFY(writeFinTimeout(finTimeout == "10" ? "11" : "10"));
        QTRY_VERIFY_WITH_TIMEOUT(hasMarkerFor(*listeners.markerModel(), u"tcp_fin_timeout"_s), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(hasMarkerFor(*counters.markerModel(), u"tcp_fin_timeout"_s), 5000);
        QVERIFY(writeFinTimeout(finTimeout));

        // A few more seconds of load for the state chart and the pictures; the clients' SYN retries
        // keep overflowing.
        for (int i = 0; i < 4; ++i) {
            QTest::qWait(1000);
            feedStates();
        }
        QVERIFY(counters.stateModel()->rowCount() >= 5);
        const int synRecv = int(CounterPanel::states().indexOf(TcpState::SynRecv));
        const int established = int(CounterPanel::states().indexOf(TcpState::Established));
        QVERIFY(columnMaximum(*counters.stateModel(), established) >= 5);
        QVERIFY(
            columnMaximum(*counters.stateModel(), synRecv) + columnMaximum(*counters.stateModel(), established) > 5);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath(u"listener.csv"_s);
        QVERIFY(listeners.exportCsv(csv).has_value());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().split('\n');
        QVERIFY(lines.size() > 10);
        QVERIFY(lines.first().startsWith("time,monotonic_s,listener,accept_queue,accept_queue_limit"));
        QVERIFY(std::any_of(lines.cbegin(), lines.cend(),
            [](const QByteArray &line) { return line.endsWith(",5,4,0,0,0") || line.contains(",5,4,"); }));
        QVERIFY(counters.exportCsv(dir.filePath(u"counters.csv"_s)).has_value());
        QVERIFY(listeners.exportPng(dir.filePath(u"listener.png"_s)).has_value());
        QVERIFY(!QImage(dir.filePath(u"listener.png"_s)).isNull());

        // Zooming in stops following; double-click (follow()) brings it back.
        TimeChartView *chart = listeners.chartView();
        QVERIFY(chart->isFollowing());
        chart->showRange(chart->viewToNs() - 2'000'000'000, chart->viewToNs());
        QVERIFY(!chart->isFollowing());
        chart->follow();
        QVERIFY(chart->isFollowing());

        const QString screenshots = qEnvironmentVariable("TCPLENS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            listeners.setWindowNs(60LL * 1'000'000'000);
            counters.setWindowNs(60LL * 1'000'000'000);
            QTest::qWait(600);
            QVERIFY(listeners.grab().save(screenshots + u"/listeners-overflow.png"_s));
            QVERIFY(counters.grab().save(screenshots + u"/counters-overflow.png"_s));
            // And in a dark palette, which the charts must follow.
            QApplication::setPalette(ThemeController::darkPalette());
            QTest::qWait(300);
            QVERIFY(listeners.grab().save(screenshots + u"/listeners-overflow-dark.png"_s));
            QVERIFY(counters.grab().save(screenshots + u"/counters-overflow-dark.png"_s));
        }
    }
};

TCPLENS_NETNS_TEST_MAIN(TestListenerPanel, QApplication)

#include "tst_listenerpanel.moc"
