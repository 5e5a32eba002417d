// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The main window, offscreen, watching a private namespace where this test opens a listener.
#include "loopbacksockets.h"
#include "mainwindow.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"

#include "diagram/statediagrampanel.h"
#include "diagram/statediagramview.h"
#include "diagram/transitionplayer.h"
#include "models/connectionfilterproxy.h"
#include "preferencesdialog.h"
#include "themecontroller.h"
#include "timeline/connectiontimelinemodel.h"
#include "timeline/connectiontimelineview.h"
#include "tracking/connectiontracker.h"
#include "tracking/tcpstatemachine.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestMainWindow : public QObject
{
    Q_OBJECT

    static int listenRow(const QAbstractItemModel &model, quint16 port)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            if (index.data(ConnectionTableModel::LocalPortRole).toUInt() == port &&
                index.data(ConnectionTableModel::StateRole).toInt() == int(TcpState::Listen))
                return row;
        }
        return -1;
    }

    // A window that polls every 100 ms, shown offscreen, that neither reads nor writes a saved layout.
    static std::unique_ptr<MainWindow> openWindow()
    {
        CollectorSettings settings;
        settings.intervalMs = 100;
        auto window = std::make_unique<MainWindow>(settings, false);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

    static const TrackedConnection *findByLocalPort(const ConnectionTracker &tracker, quint16 port)
    {
        const TrackedConnection *found = nullptr;
        tracker.forEachOpen([&](const TrackedConnection &connection) {
            if (connection.last.localPort == port)
                found = &connection;
        });
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings of a developer's real session must not leak in, nor ours out.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationDomain(u"tcplens.org"_s);
        QCoreApplication::setApplicationName(u"tcplens-test"_s);
    }

    void showsTheListenerTheTestOpened()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        CollectorSettings settings;
        settings.intervalMs = 100;
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        ConnectionTableModel *model = window.connectionModel();
        QTRY_VERIFY_WITH_TIMEOUT(listenRow(*model, listener.port) >= 0, 5000);
        const int row = listenRow(*model, listener.port);
        QCOMPARE(model->index(row, ConnectionTableModel::LocalColumn).data().toString(),
            u"127.0.0.1:%1"_s.arg(listener.port));
        QCOMPARE(model->index(row, ConnectionTableModel::FamilyColumn).data().toString(), u"IPv4"_s);
        QCOMPARE(model->index(row, ConnectionTableModel::SendQueueColumn).data().toUInt(), 5u);

        // The view shows it too, through the sorting proxy.
        QTableView *view = window.connectionView();
        QVERIFY(listenRow(*view->model(), listener.port) >= 0);

        // The status bar counts what the namespace holds.
        auto *count = window.findChild<QLabel *>(u"countLabel"_s);
        QVERIFY(count);
        QTRY_VERIFY(count->text().contains(u"1 listening"_s));

        // Typing in the filter narrows the view to matching rows.
        auto *filter = window.findChild<QLineEdit *>(u"connectionFilter"_s);
        QVERIFY(filter);
        QTest::keyClicks(filter, u"no-such-row-xyz"_s);
        QCOMPARE(view->model()->rowCount(), 0);
        filter->clear();
        QVERIFY(view->model()->rowCount() > 0);
    }

    void connectionMadeDuringTheTestShowsItsWholePath()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        CollectorSettings settings;
        settings.intervalMs = 50;
        MainWindow window(settings, false);
        QAbstractItemModelTester modelTester(
            window.connectionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            window.connectionProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(listenRow(*window.connectionModel(), listener.port) >= 0);

        // The client connects, then closes first (FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT); the server follows.
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        const TrackedConnection *tracked = nullptr;
        QTRY_VERIFY((tracked = findByLocalPort(window.tracker(), clientPort)) != nullptr);
        const quint64 id = tracked->id;
        window.followConnection(id);
        QCOMPARE(window.followedConnection(), id);
        const QModelIndexList selected = window.connectionView()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong(), id);

        client.reset();
        QTest::qWait(120);
        server.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.tracker().find(id) && window.tracker().find(id)->state() == TcpState::TimeWait, 5000);
        QList<TcpState> path;
        for (const ConnectionStep &step : window.tracker().find(id)->path)
            path.append(step.state);
        // Opened by connect(): from CLOSED through the active open and the active close, every step
        // legal. A poll that misses FIN-WAIT-2 leaves FIN-WAIT-1 -> TIME-WAIT, the shortest legal path.
        QCOMPARE(path.mid(0, 4),
            (QList<TcpState>{TcpState::Close, TcpState::SynSent, TcpState::Established, TcpState::FinWait1}));
        QCOMPARE(path.constLast(), TcpState::TimeWait);
        for (qsizetype i = 1; i < path.size(); ++i)
            QVERIFY2(TcpStateMachine::isLegal(path[i - 1], path[i]), qPrintable(u"step %1"_s.arg(i)));
        // The followed connection's row is still the selected one: its TIME-WAIT socket now.
        QTRY_COMPARE(window.connectionView()->selectionModel()->selectedRows().size(), 1);
        const QModelIndex row = window.connectionView()->selectionModel()->selectedRows().constFirst();
        QCOMPARE(row.data(ConnectionTableModel::ConnectionIdRole).toULongLong(), id);
        QCOMPARE(TcpState(row.data(ConnectionTableModel::StateRole).toInt()), TcpState::TimeWait);

        // Its timeline lists every step, and the diagram highlights the same path.
        const ConnectionTimelineModel *timeline = window.timelineView()->timelineModel();
        QTRY_COMPARE(timeline->rowCount(), int(path.size()));
        for (int i = 0; i < path.size(); ++i)
            QCOMPARE(TcpState(timeline->index(i, 0).data(ConnectionTimelineModel::StateRole).toInt()), path[i]);
        QList<TcpState> highlighted;
        for (const ConnectionStep &step : window.diagramPanel()->view()->highlightedPath())
            highlighted.append(step.state);
        QCOMPARE(highlighted, path);
    }

    void selectingARowHighlightsItsPath()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto owned = openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        const quint16 clientPort = Sockets::localPort(client.get());
        window.setFilterText(u"lport:%1"_s.arg(clientPort));
        QTableView *view = window.connectionView();
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QVERIFY(window.diagramPanel()->view()->highlightedPath().isEmpty());

        // A click on the row, as a user makes it.
        const QRect cell = view->visualRect(view->model()->index(0, ConnectionTableModel::StateColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        const quint64 id = view->model()->index(0, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong();
        QVERIFY(id != 0);
        QCOMPARE(window.followedConnection(), id);
        const TrackedConnection *connection = window.tracker().find(id);
        QVERIFY(connection);
        QCOMPARE(window.diagramPanel()->view()->highlightedPath().size(), connection->path.size());
        QCOMPARE(window.diagramPanel()->view()->highlightedPath().constLast().state, TcpState::Established);
        QVERIFY(!window.diagramPanel()->view()->pathTimeLabels().isEmpty());
        QCOMPARE(window.timelineView()->timelineModel()->rowCount(), int(connection->path.size()));
    }

    void clickingAStateFiltersTheTable()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto owned = openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        QTRY_VERIFY(listenRow(*window.connectionModel(), listener.port) >= 0);
        QAbstractItemModel *shown = window.connectionView()->model();
        QVERIFY(shown->rowCount() >= 3); // listener, client, server

        StateDiagramView *diagram = window.diagramPanel()->view();
        QTest::mouseClick(diagram, Qt::LeftButton, {}, diagram->stateRect(TcpState::Listen).center().toPoint());
        QCOMPARE(window.filterEdit()->text(), u"state:listen"_s);
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(TcpState(shown->index(0, 0).data(ConnectionTableModel::StateRole).toInt()), TcpState::Listen);

        // Another state replaces the state term and keeps what the user typed.
        window.setFilterText(u"127.0.0.1 state:listen"_s);
        QTest::mouseClick(diagram, Qt::LeftButton, {}, diagram->stateRect(TcpState::Established).center().toPoint());
        QCOMPARE(window.filterEdit()->text(), u"127.0.0.1 state:estab"_s);
        QCOMPARE(shown->rowCount(), 2);
        for (int row = 0; row < shown->rowCount(); ++row)
            QCOMPARE(
                TcpState(shown->index(row, 0).data(ConnectionTableModel::StateRole).toInt()), TcpState::Established);
    }

    void spacePausesTheDisplayAndArrowsStep()
    {
        auto owned = openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        window.connectionView()->setFocus();
        TransitionPlayer *player = window.diagramPanel()->player();
        QVERIFY(!player->isPaused());
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(player->isPaused());
        QVERIFY(window.isDisplayPaused());

        // While paused, a connection's steps wait and the right arrow releases them one by one.
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        QTRY_VERIFY_WITH_TIMEOUT(player->waitingCount() > 0, 5000);
        // Each press plays one wave (the next step of each waiting connection), until none is left.
        for (int presses = 0; player->waitingCount() > 0; ++presses) {
            QVERIFY(presses < 20);
            const int waiting = player->waitingCount();
            QTest::keyClick(&window, Qt::Key_Right);
            QVERIFY(player->waitingCount() < waiting);
            QVERIFY(player->isPaused());
        }
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!player->isPaused());
        QVERIFY(!window.isDisplayPaused());
    }

    // The documentation's pictures, written by the test that checks them: the main window in the
    // light and the dark palette and the diagram mid-animation. TCPLENS_SCREENSHOT_DIR=docs/screenshots
    // writes them where the README finds them; otherwise they go to the temporary folder.
    void screenshotsInBothPalettesAndMidAnimation()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        const QString folder = qEnvironmentVariableIsSet("TCPLENS_SCREENSHOT_DIR")
            ? qEnvironmentVariable("TCPLENS_SCREENSHOT_DIR")
            : QDir::tempPath();
        CollectorSettings settings;
        settings.intervalMs = 100;
        MainWindow window(settings, false);
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(listenRow(*window.connectionModel(), listener.port) >= 0);

        const auto meanLightness = [](const QImage &image) {
            qint64 sum = 0;
            for (int y = 0; y < image.height(); y += 4) {
                for (int x = 0; x < image.width(); x += 4)
                    sum += image.pixelColor(x, y).lightness();
            }
            return sum / ((image.height() / 4 + 1) * (image.width() / 4 + 1));
        };
        for (const auto theme : {AppPreferences::Theme::Light, AppPreferences::Theme::Dark}) {
            window.setTheme(theme);
            QTest::qWait(50);
            const bool dark = theme == AppPreferences::Theme::Dark;
            const QString path = folder + (dark ? u"/main-window-dark.png"_s : u"/main-window-light.png"_s);
            QString error;
            QVERIFY2(window.saveScreenshot(path, &error), qPrintable(error));
            const QImage image(path);
            QCOMPARE(image.size(), window.size());
            if (dark)
                QVERIFY2(meanLightness(image) < 100, qPrintable(u"mean lightness %1"_s.arg(meanLightness(image))));
            else
                QVERIFY2(meanLightness(image) > 150, qPrintable(u"mean lightness %1"_s.arg(meanLightness(image))));
        }
        window.setTheme(AppPreferences::Theme::Light);

        // Mid-animation: connections made now travel the diagram as tokens; slow motion keeps them there.
        window.diagramPanel()->setPlaybackRate(0.1);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
        StateDiagramView *diagram = window.diagramPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(diagram->tokensInFlight() > 0, 5000);
        QTest::qWait(300);
        QVERIFY(diagram->tokensInFlight() > 0);
        const QString path = folder + u"/diagram-animation.png"_s;
        QString error;
        QVERIFY2(window.saveScreenshot(path, &error, MainWindow::View::Diagram), qPrintable(error));
        QVERIFY(!QImage(path).isNull());
    }

    void filterLanguageNarrowsTheTable()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        auto other = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd && other.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        CollectorSettings settings;
        settings.intervalMs = 100;
        MainWindow window(settings, false);
        window.show();
        QTRY_VERIFY(listenRow(*window.connectionModel(), other.port) >= 0);
        QAbstractItemModel *shown = window.connectionView()->model();

        window.setFilterText(u"lport:%1"_s.arg(listener.port));
        QCOMPARE(shown->rowCount(), 2); // the listener and the accepted (not yet accept()ed) server end
        window.setFilterText(u"port:%1 -state:listen"_s.arg(listener.port));
        QCOMPARE(shown->rowCount(), 2); // client and server ends
        window.setFilterText(u"state:listen"_s);
        QCOMPARE(shown->rowCount(), 2);
        auto *error = window.findChild<QLabel *>(u"filterError"_s);
        QVERIFY(error);
        QVERIFY(error->isHidden());
        window.setFilterText(u"state:nosuchstate"_s);
        QVERIFY(!error->isHidden());
        QVERIFY(error->text().contains(u"nosuchstate"_s));
        window.setFilterText({});
        QVERIFY(error->isHidden());
    }

    void preferencesRoundTripAndApplyAtOnce()
    {
        AppPreferences chosen;
        chosen.pollIntervalMs = 250;
        chosen.closedRetentionSeconds = 30;
        chosen.maxClosedConnections = 700;
        chosen.exactWhenPermitted = false;
        chosen.theme = AppPreferences::Theme::Dark;
        PreferencesDialog dialog(chosen);
        QCOMPARE(dialog.preferences(), chosen);
        auto *interval = dialog.findChild<QSpinBox *>(u"pollInterval"_s);
        QVERIFY(interval);
        interval->setValue(200);
        QCOMPARE(dialog.preferences().pollIntervalMs, 200);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QDir::temp().filePath(u"tcplens-preferences.png"_s)));

        CollectorSettings settings;
        settings.intervalMs = 1000;
        MainWindow window(settings, false);
        window.show();
        QTRY_VERIFY(!window.connectionModel()->snapshot().isNull());
        window.applyPreferences(dialog.preferences());
        auto *collection = window.findChild<QLabel *>(u"collectionLabel"_s);
        QVERIFY(collection->text().contains(u"5 Hz"_s));
        QCOMPARE(window.tracker().settings().maxClosed, 700);
        QCOMPARE(window.tracker().settings().closedRetentionNs, 30'000'000'000LL);
        QVERIFY(ThemeController::isDark(QApplication::palette()));
        // Saved: the next window starts with them.
        QCOMPARE(AppPreferences::load(), dialog.preferences());
        // Exact mode switched back on restarts the collector, whose snapshots count from 1 again:
        // the table must take them at once, not after as many polls as the old one had made.
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionModel()->snapshot().generation() >= 10, 5000);
        window.applyPreferences(AppPreferences{});
        QVERIFY(!ThemeController::isDark(QApplication::palette()));
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        QTRY_VERIFY_WITH_TIMEOUT(listenRow(*window.connectionModel(), listener.port) >= 0, 3000);
    }

    void screenshotIsWritten()
    {
        CollectorSettings settings;
        MainWindow window(settings);
        window.resize(900, 500);
        window.show();
        QTRY_VERIFY(!window.connectionModel()->snapshot().isNull());
        const QString path = QDir::temp().filePath(u"tcplens-tst-mainwindow.png"_s);
        QString error;
        QVERIFY2(window.saveScreenshot(path, &error), qPrintable(error));
        QImage image(path);
        QCOMPARE(image.size(), window.size());
        QFile::remove(path);
        QVERIFY(!window.saveScreenshot(u"/nonexistent-dir/x.png"_s, &error));
        QVERIFY(error.contains(u"/nonexistent-dir/x.png"_s));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestMainWindow, QApplication)

#include "tst_mainwindow.moc"
