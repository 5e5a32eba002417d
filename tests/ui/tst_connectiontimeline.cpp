// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The per-connection timeline: its two models on a connection built here (our own value type, so its
// durations and texts are known), and the whole view on a connection the tracker followed through the
// kernel in a private namespace.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "statecolors.h"
#include "themecontroller.h"
#include "timeline/connectionsamplemodel.h"
#include "timeline/connectionstateband.h"
#include "timeline/connectiontimelinemodel.h"
#include "timeline/connectiontimelineview.h"
#include "timeline/samplechartview.h"
#include "tracking/connectiontracker.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;
using S = TcpState;
using K = StepKnowledge;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 Second = 1'000'000'000;
constexpr qint64 T0 = 5000 * Second; // when the synthetic connection opened, CLOCK_MONOTONIC

// The offset that shows T0 as 10:01:00.000 local time, so the expected texts do not depend on the zone.
qint64 offsetShowingTenOhOne()
{
    const QDateTime wall(QDate(2026, 3, 2), QTime(10, 1, 0), QTimeZone::LocalTime);
    return wall.toMSecsSinceEpoch() * Ms - T0;
}

// A client that connected and closed first, followed in exact mode until the close, then by polls
// one second apart: its FIN-WAIT-1 was never seen.
TrackedConnection clientConnection()
{
    TrackedConnection connection;
    connection.id = 7;
    connection.cookie = 0x1234;
    connection.openedNs = T0;
    connection.seenFromStart = true;
    SocketRecord last;
    last.family = 2; // AF_INET
    last.localAddress = {127, 0, 0, 1};
    last.remoteAddress = {127, 0, 0, 1};
    last.localPort = 40000;
    last.remotePort = 8080;
    last.state = S::TimeWait;
    connection.last = SharedSocketRecord::copyOf(last);
    connection.path = {
        {S::Close, T0, T0, K::Exact},
        {S::SynSent, T0, T0, K::Exact},
        {S::Established, T0 + 100'000, T0 + 100'000, K::Exact},
        {S::FinWait1, T0 + 3500 * Ms, T0 + 2500 * Ms, K::Inferred},
        {S::FinWait2, T0 + 3500 * Ms, T0 + 2500 * Ms, K::Polled},
        {S::TimeWait, T0 + 4500 * Ms, T0 + 3500 * Ms, K::Polled},
    };
    return connection;
}

// Samples as a bulk transfer makes them: RTT that grows with the queue, cwnd in slow start then
// congestion avoidance, bytes climbing.
QList<ConnectionSample> transferSamples(int count, qint64 startNs, qint64 stepNs)
{
    QList<ConnectionSample> samples;
    quint32 window = 10;
    quint64 acked = 0;
    for (int i = 0; i < count; ++i) {
        window = window < 80 ? window * 2 : window + 3;
        acked += quint64(window) * 1448 * 6;
        samples.append({startNs + i * stepNs, quint32(40 + 12 * i + (i % 4) * 9), window, acked, quint64(i) * 5300});
    }
    return samples;
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestConnectionTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The same look on every machine: the pictures below are compared by eye.
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    }

    void stepsTellWhenHowLongAndHow()
    {
        ConnectionTimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWallClockOffset(offsetShowingTenOhOne());
        model.setConnection(clientConnection(), T0 + 10 * Second);
        QCOMPARE(model.rowCount(), 6);
        using M = ConnectionTimelineModel;

        QCOMPARE(text(model, 0, M::StateColumn), u"CLOSED"_s);
        QCOMPARE(text(model, 2, M::StateColumn), u"ESTAB"_s);
        QCOMPARE(model.index(2, 0).data(M::StateRole).toInt(), int(S::Established));
        QCOMPARE(model.index(2, 0).data(M::EnteredNsRole).toLongLong(), T0 + 100'000);
        QCOMPARE(model.index(4, 0).data(M::KnowledgeRole).toInt(), int(K::Polled));
        QCOMPARE(text(model, 2, M::EnteredColumn), u"10:01:00.000 (+100 µs)"_s);
        QCOMPARE(text(model, 5, M::EnteredColumn), u"10:01:04.500 (+4.5 s)"_s);

        // Two exact ends: the handshake's length to the microsecond.
        QCOMPARE(text(model, 1, M::DurationColumn), u"100 µs"_s);
        QCOMPARE(model.index(1, 0).data(M::DurationNsRole).toLongLong(), 100'000);
        // Exact start, end somewhere between two polls.
        QCOMPARE(text(model, 2, M::DurationColumn), u"2.5 s – 3.5 s"_s);
        QCOMPARE(model.index(2, 0).data(M::DurationNsRole).toLongLong(), 3500 * Ms - 100'000);
        // Inferred: entered and left within the same poll interval; only the upper bound is known.
        QCOMPARE(text(model, 3, M::DurationColumn), u"≤ 1.0 s"_s);
        QCOMPARE(text(model, 4, M::DurationColumn), u"≤ 2.0 s"_s);
        QCOMPARE(text(model, 5, M::DurationColumn), u"ongoing, 5.5 s so far"_s);
        QCOMPARE(model.index(5, 0).data(M::DurationNsRole).toLongLong(), 5500 * Ms);
        QVERIFY(model.index(5, 0).data(M::OngoingRole).toBool());
        QVERIFY(!model.index(4, 0).data(M::OngoingRole).toBool());

        QCOMPARE(text(model, 1, M::KnowledgeColumn), u"exact (kernel tracepoint)"_s);
        QCOMPARE(text(model, 3, M::KnowledgeColumn), u"inferred: between 10:01:02.500 and 10:01:03.500"_s);
        QCOMPARE(text(model, 5, M::KnowledgeColumn), u"polled: between 10:01:03.500 and 10:01:04.500"_s);

        QCOMPARE(text(model, 0, M::EventColumn), u"socket(), before connect()"_s);
        QCOMPARE(text(model, 2, M::EventColumn), u"receive SYN+ACK / send ACK"_s);
        QCOMPARE(text(model, 5, M::EventColumn), u"receive FIN / send ACK"_s);
        QCOMPARE(text(model, 1, M::SysctlsColumn), u"tcp_syn_retries, tcp_syn_linear_timeouts"_s);
        QCOMPARE(text(model, 4, M::SysctlsColumn), u"tcp_fin_timeout"_s);
        QVERIFY(
            model.index(4, M::EventColumn).data(Qt::ToolTipRole).toString().contains(u"net.ipv4.tcp_fin_timeout"_s));

        // Closed: the final CLOSED has no length, and TIME-WAIT ended when it came.
        TrackedConnection closed = clientConnection();
        closed.path.append({S::Close, T0 + 64500 * Ms, T0 + 63500 * Ms, K::Polled});
        closed.closedNs = T0 + 64500 * Ms;
        model.setConnection(closed, T0 + 70 * Second);
        QCOMPARE(text(model, 5, M::DurationColumn), u"59.0 s – 1 min 1 s"_s);
        QCOMPARE(text(model, 6, M::DurationColumn), u"— (the end)"_s);
        QCOMPARE(text(model, 6, M::EventColumn), u"60 s pass (or RST, or the 4-tuple is reused)"_s);
    }

    void modelsUpdateInPlaceForTheSameConnection()
    {
        ConnectionTimelineModel steps;
        ConnectionSampleModel samples;
        QAbstractItemModelTester stepsTester(&steps, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester samplesTester(&samples, QAbstractItemModelTester::FailureReportingMode::QtTest);

        TrackedConnection connection = clientConnection();
        const QList<ConnectionStep> fullPath = connection.path;
        connection.path.resize(3);
        connection.moved = SampleHistory(transferSamples(5, T0 + Second, Second));
        steps.setConnection(connection, T0 + 2 * Second);
        samples.setConnection(connection);
        QCOMPARE(steps.rowCount(), 3);
        QCOMPARE(samples.rowCount(), 5);
        QCOMPARE(text(steps, 2, ConnectionTimelineModel::DurationColumn), u"ongoing, 2.0 s so far"_s);

        QSignalSpy stepResets(&steps, &QAbstractItemModel::modelReset);
        QSignalSpy stepInserts(&steps, &QAbstractItemModel::rowsInserted);
        QSignalSpy stepChanges(&steps, &QAbstractItemModel::dataChanged);
        QSignalSpy sampleResets(&samples, &QAbstractItemModel::modelReset);
        QSignalSpy sampleInserts(&samples, &QAbstractItemModel::rowsInserted);
        QSignalSpy sampleRemovals(&samples, &QAbstractItemModel::rowsRemoved);

        // A later poll: three more steps, and the tracker's bounded samples dropped two old ones.
        connection.path = fullPath;
        const QList<ConnectionSample> all = transferSamples(8, T0 + Second, Second);
        connection.moved = SampleHistory(all.mid(2));
        steps.setConnection(connection, T0 + 10 * Second);
        samples.setConnection(connection);
        QCOMPARE(stepResets.size(), 0);
        QCOMPARE(stepInserts.size(), 1);
        QCOMPARE(stepInserts.at(0).at(1).toInt(), 3);
        QCOMPARE(stepInserts.at(0).at(2).toInt(), 5);
        // ESTABLISHED is no longer ongoing: its row changed.
        QCOMPARE(stepChanges.size(), 1);
        QVERIFY(stepChanges.at(0).at(0).toModelIndex().row() <= 2);
        QVERIFY(stepChanges.at(0).at(1).toModelIndex().row() >= 2);
        QCOMPARE(text(steps, 2, ConnectionTimelineModel::DurationColumn), u"2.5 s – 3.5 s"_s);
        QCOMPARE(sampleResets.size(), 0);
        QCOMPARE(sampleRemovals.size(), 1);
        QCOMPARE(sampleRemovals.at(0).at(2).toInt(), 1); // rows 0 and 1
        QCOMPARE(sampleInserts.size(), 1);
        QCOMPARE(samples.rowCount(), 6);
        const QModelIndex first = samples.index(0, ConnectionSampleModel::TimeColumn);
        QCOMPARE(first.data(ConnectionSampleModel::TimeNsRole).toLongLong(), all.at(2).timeNs);
        QCOMPARE(first.data(ConnectionSampleModel::ValueRole).toDouble(), 3.0);
        QCOMPARE(samples.index(5, ConnectionSampleModel::RttColumn).data(ConnectionSampleModel::ValueRole).toDouble(),
            double(all.at(7).rttUs) / 1000.0);
        QCOMPARE(
            samples.index(5, ConnectionSampleModel::BytesAckedColumn).data(ConnectionSampleModel::ValueRole).toDouble(),
            double(all.at(7).bytesAcked));

        // Exact mode confirms a polled step in place: that row changes, nothing is inserted.
        stepInserts.clear();
        stepChanges.clear();
        connection.path[4].knowledge = K::Exact;
        connection.path[4].notBeforeNs = connection.path[4].enteredNs;
        steps.setConnection(connection, T0 + 11 * Second);
        QCOMPARE(stepInserts.size(), 0);
        QCOMPARE(stepChanges.size(), 1);
        QVERIFY(stepChanges.at(0).at(0).toModelIndex().row() <= 4);
        QCOMPARE(text(steps, 4, ConnectionTimelineModel::KnowledgeColumn), u"exact (kernel tracepoint)"_s);

        // Another connection replaces this one.
        TrackedConnection other = clientConnection();
        other.id = 8;
        other.path.resize(2);
        other.moved = SampleHistory(transferSamples(3, T0, Second));
        steps.setConnection(other, T0 + 12 * Second);
        samples.setConnection(other);
        QCOMPARE(stepResets.size(), 1);
        QCOMPARE(sampleResets.size(), 1);
        QCOMPARE(steps.rowCount(), 2);
        QCOMPARE(samples.rowCount(), 3);

        // Samples that do not continue the ones shown (the tracker restarted them): a reset, not a guess.
        other.moved = SampleHistory(transferSamples(4, T0 + 500 * Ms, Second));
        samples.setConnection(other);
        QCOMPARE(sampleResets.size(), 2);
        QCOMPARE(samples.rowCount(), 4);

        steps.clear();
        samples.clear();
        QCOMPARE(steps.rowCount(), 0);
        QCOMPARE(samples.rowCount(), 0);
    }

    void viewShowsPlaceholderThenTheConnection()
    {
        ConnectionTimelineView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(!view.hasConnection());
        const auto labels = view.findChildren<QLabel *>();
        const auto placeholder = std::find_if(labels.begin(), labels.end(),
            [](const QLabel *label) { return label->text().startsWith(u"Select a connection"_s); });
        QVERIFY(placeholder != labels.end());
        QVERIFY((*placeholder)->isVisible());
        QVERIFY(view.grab().save(u"/tmp/timeline-placeholder.png"_s));

        TrackedConnection connection = clientConnection();
        connection.path.append({S::Close, T0 + 64500 * Ms, T0 + 63500 * Ms, K::Polled});
        connection.closedNs = T0 + 64500 * Ms;
        view.setConnection(connection, connection.closedNs + 3200 * Ms);
        QVERIFY(view.hasConnection());
        QVERIFY(!(*placeholder)->isVisible());
        QVERIFY(view.stepTable()->isVisible());
        QCOMPARE(view.stepTable()->model(), view.timelineModel());
        const QString header = view.headerText();
        QVERIFY2(header.contains(u"127.0.0.1:40000 → 127.0.0.1:8080"_s), qPrintable(header));
        QVERIFY2(header.contains(u"client side"_s), qPrintable(header));
        QVERIFY2(header.contains(u"closed 3.2 s ago"_s), qPrintable(header));

        view.clear();
        QVERIFY(!view.hasConnection());
        QVERIFY((*placeholder)->isVisible());
        QCOMPARE(view.timelineModel()->rowCount(), 0);
    }

    // A polled step's window opens at the poll before it, or at the step before it when that is
    // later: an exact FIN-WAIT-1 at +675 ms bounds the TIME-WAIT a poll saw at +1318 ms better
    // than the poll at +318 ms does.
    void polledStepIsBoundedByTheExactStepBefore()
    {
        ConnectionTimelineModel model;
        model.setWallClockOffset(offsetShowingTenOhOne());
        TrackedConnection connection = clientConnection();
        connection.path = {
            {S::Close, T0, T0, K::Exact},
            {S::SynSent, T0, T0, K::Exact},
            {S::Established, T0 + 100'000, T0 + 100'000, K::Exact},
            {S::FinWait1, T0 + 675 * Ms, T0 + 675 * Ms, K::Exact},
            {S::TimeWait, T0 + 1318 * Ms, T0 + 318 * Ms, K::Polled},
        };
        model.setConnection(connection, T0 + 10 * Second);
        using M = ConnectionTimelineModel;
        QCOMPARE(model.index(4, 0).data(M::NotBeforeNsRole).toLongLong(), T0 + 675 * Ms);
        QCOMPARE(text(model, 4, M::KnowledgeColumn), u"polled: between 10:01:00.675 and 10:01:01.318"_s);
        // FIN-WAIT-1 lasted at most until the poll, at least not at all.
        QCOMPARE(text(model, 3, M::DurationColumn), u"≤ 643.0 ms"_s);
        // The poll's own bound holds when it is the later one.
        connection.path[4].notBeforeNs = T0 + 900 * Ms;
        model.setConnection(connection, T0 + 10 * Second);
        QCOMPARE(text(model, 4, M::KnowledgeColumn), u"polled: between 10:01:00.900 and 10:01:01.318"_s);
    }

    // A connection of 0.7 s, then a minute in TIME-WAIT: the charts span its 0.7 s of figures,
    // with ticks a reader takes in at a glance, not a sliver at the left of 100 s.
    void chartsOfAShortConnectionFitItsLife()
    {
        ConnectionTimelineView view;
        view.resize(900, 500);
        view.show();
        TrackedConnection connection = clientConnection();
        connection.path = {
            {S::Close, T0, T0, K::Exact},
            {S::SynSent, T0, T0, K::Exact},
            {S::Established, T0 + 100'000, T0 + 100'000, K::Exact},
            {S::FinWait1, T0 + 600 * Ms, T0 + 600 * Ms, K::Exact},
            {S::TimeWait, T0 + 700 * Ms, T0 + 700 * Ms, K::Exact},
        };
        connection.moved = SampleHistory(transferSamples(6, T0 + 100 * Ms, 100 * Ms));
        view.setConnection(connection, T0 + 55 * Second);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (SampleChartView *chart : view.charts()) {
            for (const QValueAxis *axis : {chart->xAxis(), chart->yAxis()}) {
                QCOMPARE(axis->min(), 0.0);
                const double interval = axis->tickInterval();
                const double mantissa = interval / std::pow(10.0, std::floor(std::log10(interval)));
                QVERIFY2(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0) || qFuzzyCompare(mantissa, 5.0),
                    qPrintable(QString::number(interval)));
                const double ticks = axis->max() / interval;
                QVERIFY2(std::abs(ticks - std::round(ticks)) < 1e-6, qPrintable(QString::number(axis->max())));
            }
            QVERIFY2(chart->xAxis()->max() >= 0.7 && chart->xAxis()->max() <= 1.0,
                qPrintable(QString::number(chart->xAxis()->max())));
        }
    }

    void bandKeepsShortStatesReadable()
    {
        ConnectionTimelineView view;
        view.resize(900, 500);
        view.show();
        TrackedConnection connection = clientConnection();
        view.setConnection(connection, T0 + 60 * Second);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto segments = view.stateBand()->segments();
        QCOMPARE(segments.size(), 6);
        const QFontMetricsF metrics(view.stateBand()->font());
        qreal previousRight = -1;
        for (const auto &segment : segments) {
            // The 100 µs SYN-SENT and the zero-length inferred FIN-WAIT-1 still carry their names.
            const QString label = view.timelineModel()->index(segment.row, 0).data().toString();
            QVERIFY2(segment.rect.width() >= metrics.horizontalAdvance(label), qPrintable(label));
            QVERIFY(segment.rect.left() > previousRight);
            previousRight = segment.rect.right();
        }
        QVERIFY(previousRight <= view.stateBand()->width());
        // TIME-WAIT, ongoing for 55.5 s, takes most of the strip.
        QVERIFY(segments.at(5).rect.width() > view.stateBand()->width() / 2);

        // Hovering a segment tells its step.
        QHelpEvent help(QEvent::ToolTip, segments.at(1).rect.center().toPoint(),
            view.stateBand()->mapToGlobal(segments.at(1).rect.center().toPoint()));
        QApplication::sendEvent(view.stateBand(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(u"SYN-SENT"_s), qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(u"net.ipv4.tcp_syn_retries"_s), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void picturesInLightAndDarkPalettes_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("file");
        QTest::addRow("light") << false << u"/tmp/timeline-light.png"_s;
        QTest::addRow("dark") << true << u"/tmp/timeline-dark.png"_s;
    }

    void picturesInLightAndDarkPalettes()
    {
        QFETCH(bool, dark);
        QFETCH(QString, file);
        const QPalette original = QApplication::palette();
        const QPalette palette = dark ? ThemeController::darkPalette() : QApplication::style()->standardPalette();
        QApplication::setPalette(palette);
        ConnectionTimelineView view;
        view.setWallClockOffset(offsetShowingTenOhOne());
        view.resize(900, 500);
        view.show();
        TrackedConnection connection = clientConnection();
        connection.moved = SampleHistory(transferSamples(30, T0 + 100 * Ms, 100 * Ms));
        // The transfer happens while ESTABLISHED: move the close after it.
        const qint64 shift = 2 * Second;
        for (qsizetype i = 3; i < connection.path.size(); ++i) {
            connection.path[i].enteredNs += shift;
            connection.path[i].notBeforeNs += shift;
        }
        view.setConnection(connection, T0 + 9 * Second);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        QVERIFY(image.save(file));
        QApplication::setPalette(original);

        // The exact ESTABLISHED segment is drawn in its state colour, on this palette.
        const auto segments = view.stateBand()->segments();
        QCOMPARE(segments.size(), 6);
        const QPoint inBand = view.stateBand()->mapTo(&view, segments.at(2).rect.topLeft().toPoint() + QPoint(3, 3));
        QCOMPARE(image.pixelColor(inBand).rgb(), StateColors::color(S::Established, palette).rgb());
        // Light text on dark windows, dark on light: the view's background follows the palette.
        const QColor background = image.pixelColor(image.width() - 2, 2);
        QCOMPARE(background.lightness() < 128, dark);
    }

    void followsARealConnection()
    {
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), TcpLens::Test::errorText(source).constData());
        ConnectionTracker tracker;
        qint64 nowNs = 0;
        // Returns whether the poll worked: a QVERIFY in here would only leave the lambda.
        const auto poll = [&] {
            auto snapshot = (*source)->take({});
            if (!snapshot) {
                qWarning("poll failed: %s", TcpLens::Test::errorText(snapshot).constData());
                return false;
            }
            nowNs = snapshot->monotonicNs();
            tracker.applySnapshot(*snapshot);
            return true;
        };
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        QVERIFY(poll());
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        QVERIFY(poll());
        // Data both ways, a poll after each burst, so tcp_info moves between samples.
        QByteArray buffer(64 * 1024, 'x');
        for (int round = 0; round < 4; ++round) {
            QVERIFY(::send(client.get(), buffer.constData(), 16 * 1024 * (round + 1), MSG_NOSIGNAL) > 0);
            QTest::qWait(10);
            while (::recv(server.get(), buffer.data(), buffer.size(), MSG_DONTWAIT) > 0) { }
            QVERIFY(::send(server.get(), buffer.constData(), 4096, MSG_NOSIGNAL) > 0);
            QTest::qWait(10);
            while (::recv(client.get(), buffer.data(), buffer.size(), MSG_DONTWAIT) > 0) { }
            QVERIFY(poll());
        }
        // Drain what is still on its way, so the client's FIN is acknowledged at once.
        QTest::qWait(10);
        while (::recv(server.get(), buffer.data(), buffer.size(), MSG_DONTWAIT) > 0) { }
        Sockets::closeGracefully(client);
        QTest::qWait(20);
        QVERIFY(poll());
        server.reset();
        QTest::qWait(20);
        QVERIFY(poll());

        const TrackedConnection *clientSide = nullptr;
        tracker.forEachOpen([&](const TrackedConnection &c) {
            if (c.last->localPort == clientPort)
                clientSide = &c;
        });
        QVERIFY(clientSide);
        QCOMPARE(clientSide->state(), S::TimeWait);

        ConnectionTimelineView view;
        QAbstractItemModelTester stepsTester(
            view.timelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester samplesTester(
            view.sampleModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setConnection(*clientSide, nowNs);
        const ConnectionTimelineModel &steps = *view.timelineModel();
        QCOMPARE(steps.rowCount(), int(clientSide->path.size()));
        QList<S> shown;
        for (int row = 0; row < steps.rowCount(); ++row)
            shown.append(S(steps.index(row, 0).data(ConnectionTimelineModel::StateRole).toInt()));
        QList<S> tracked;
        for (const ConnectionStep &step : clientSide->path)
            tracked.append(step.state);
        QCOMPARE(shown, tracked);
        // How the close looked depends on when the polls came; the opening and the end do not.
        QCOMPARE(shown.mid(0, 3), (QList<S>{S::Close, S::SynSent, S::Established}));
        QCOMPARE(shown.constLast(), S::TimeWait);
        QCOMPARE(text(steps, 2, ConnectionTimelineModel::StateColumn), u"ESTAB"_s);
        QVERIFY(steps.index(steps.rowCount() - 1, 0).data(ConnectionTimelineModel::OngoingRole).toBool());
        QVERIFY(!steps.index(2, 0).data(ConnectionTimelineModel::OngoingRole).toBool());

        const ConnectionSampleModel &samples = *view.sampleModel();
        QVERIFY(samples.rowCount() >= 2);
        bool anyRtt = false;
        for (int row = 0; row < samples.rowCount(); ++row)
            anyRtt |=
                samples.index(row, ConnectionSampleModel::RttColumn).data(ConnectionSampleModel::ValueRole).toDouble() >
                0;
        QVERIFY(anyRtt);
        const double lastAcked = samples.index(samples.rowCount() - 1, ConnectionSampleModel::BytesAckedColumn)
                                     .data(ConnectionSampleModel::ValueRole)
                                     .toDouble();
        QVERIFY(lastAcked >= 16 * 1024);

        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().toImage().save(u"/tmp/timeline-real.png"_s));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestConnectionTimeline, QApplication)

#include "tst_connectiontimeline.moc"
