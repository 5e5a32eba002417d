// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The main window, offscreen, watching a private namespace where this test opens a listener.
#include "loopbacksockets.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"
#include "testwindow.h"

#include "charts/listenerpanel.h"
#include "charts/listenertablemodel.h"
#include "charts/timechartview.h"
#include "diagram/statediagrampanel.h"
#include "diagram/statediagramview.h"
#include "diagram/transitionplayer.h"
#include "models/connectionfilterproxy.h"
#include "pipeline/liveconnections.h"
#include "preferencesdialog.h"
#include "themecontroller.h"
#include "timeline/connectiontimelinemodel.h"
#include "timeline/connectiontimelineview.h"
#include "tracking/connectiontracker.h"
#include "tracking/tcpstatemachine.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

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

    // Where pictures for people go: TCPLENS_SCREENSHOT_DIR=docs/screenshots writes them where the
    // README finds them; otherwise the temporary folder.
    static QString pictureFolder()
    {
        return qEnvironmentVariableIsSet("TCPLENS_SCREENSHOT_DIR") ? qEnvironmentVariable("TCPLENS_SCREENSHOT_DIR")
                                                                   : QDir::tempPath();
    }

    // A dock the user can see: shown, and not tabbed behind another.
    static bool inFront(const QDockWidget *dock)
    {
        return !dock->isHidden() && dock->isVisible() && !dock->visibleRegion().isEmpty();
    }

    static int rowOfConnection(const QAbstractItemModel &model, quint64 id)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong() == id)
                return row;
        }
        return -1;
    }

    // What a window of this size cuts off: docks whose contents need more room than they get, docks
    // that cover each other, the table or the window's edge. Empty when everything fits.
    static QStringList whatDoesNotFit(const MainWindow &window)
    {
        QStringList problems;
        QList<QPair<QString, QRect>> shown{{u"table"_s, window.centralWidget()->geometry()}};
        for (const auto view : {MainWindow::View::Diagram, MainWindow::View::Timeline, MainWindow::View::Listeners,
                 MainWindow::View::Counters, MainWindow::View::Problems, MainWindow::View::Reading}) {
            const QDockWidget *dock = window.dock(view);
            if (!inFront(dock))
                continue;
            const QWidget *content = window.viewWidget(view);
            const QSize needed = content->minimumSizeHint();
            if (needed.width() > content->width() || needed.height() > content->height())
                problems.append(u"%1 needs %2x%3, gets %4x%5"_s.arg(dock->windowTitle())
                        .arg(needed.width())
                        .arg(needed.height())
                        .arg(content->width())
                        .arg(content->height()));
            shown.append({dock->windowTitle(), dock->geometry()});
        }
        // The status bar's figures are whole (the collection text alone may give way: its tooltip has it).
        for (const QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
            if (label->objectName() != u"collectionLabel"_s && label->width() < label->minimumSizeHint().width())
                problems.append(u"the status bar cuts '%1'"_s.arg(label->text()));
        }
        for (qsizetype i = 0; i < shown.size(); ++i) {
            if (!window.rect().contains(shown[i].second))
                problems.append(u"%1 runs past the window's edge"_s.arg(shown[i].first));
            for (qsizetype j = i + 1; j < shown.size(); ++j) {
                if (shown[i].second.intersects(shown[j].second))
                    problems.append(u"%1 and %2 overlap"_s.arg(shown[i].first, shown[j].first));
            }
        }
        return problems;
    }

    // The filter examples of README.md's "The filter bar" section: every `code span` in it.
    static QStringList readmeFilterExamples()
    {
        QFile readme(QString::fromUtf8(TCPLENS_SOURCE_DIR "/README.md"));
        if (!readme.open(QIODevice::ReadOnly))
            return {};
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype start = text.indexOf(u"\n### The filter bar"_s);
        if (start < 0)
            return {};
        const qsizetype end = text.indexOf(u"\n#"_s, start + 1);
        const QString section = text.mid(start, end < 0 ? -1 : end - start);
        static const QRegularExpression code(u"`([^`]+)`"_s);
        QStringList examples;
        for (auto it = code.globalMatch(section); it.hasNext();)
            examples.append(it.next().captured(1));
        return examples;
    }

    // A copy of the open connection on `port`, as the window's tracking thread has it now.
    static std::optional<TrackedConnection> findByLocalPort(const MainWindow &window, quint16 port)
    {
        return window.connections()->inspect([port](const TrackingWorker &worker) {
            std::optional<TrackedConnection> found;
            worker.tracker().forEachOpen([&](const TrackedConnection &connection) {
                if (connection.last->localPort == port)
                    found = connection;
            });
            return found;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Settings of a developer's real session must not leak in, nor ours out.
        Test::isolateSettings();
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
        std::optional<TrackedConnection> tracked;
        QTRY_VERIFY((tracked = findByLocalPort(window, clientPort)).has_value());
        const quint64 id = tracked->id;
        window.followConnection(id);
        QCOMPARE(window.followedConnection(), id);
        // The tracking thread may know the connection a moment before the table shows its row: the
        // row is selected when it comes.
        QTRY_COMPARE(window.connectionView()->selectionModel()->selectedRows().size(), 1);
        const QModelIndexList selected = window.connectionView()->selectionModel()->selectedRows();
        QCOMPARE(selected.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong(), id);

        client.reset();
        QTest::qWait(120);
        server.reset();
        std::optional<TrackedConnection> closing;
        QTRY_VERIFY_WITH_TIMEOUT(
            (closing = window.connections()->connection(id)) && closing->state() == TcpState::TimeWait, 5000);
        QList<TcpState> path;
        for (const ConnectionStep &step : closing->path)
            path.append(step.state);
        // Opened by connect(): from CLOSED through the active open and the active close, every step
        // legal. A poll that misses FIN-WAIT-2 leaves FIN-WAIT-1 -> TIME-WAIT, the shortest legal path.
        QCOMPARE(path.mid(0, 4),
            (QList<TcpState>{TcpState::Close, TcpState::SynSent, TcpState::Established, TcpState::FinWait1}));
        QCOMPARE(path.constLast(), TcpState::TimeWait);
        for (qsizetype i = 1; i < path.size(); ++i)
            QVERIFY2(TcpStateMachine::isLegal(path[i - 1], path[i]), qPrintable(u"step %1"_s.arg(i)));
        // The followed connection's row is still the selected one: its TIME-WAIT socket now, once the
        // table has applied the snapshot the tracking thread saw it in (the table applies in slices).
        const auto selectedRow = [&] {
            const QModelIndexList rows = window.connectionView()->selectionModel()->selectedRows();
            return rows.size() == 1 ? rows.constFirst() : QModelIndex();
        };
        QTRY_COMPARE(TcpState(selectedRow().data(ConnectionTableModel::StateRole).toInt()), TcpState::TimeWait);
        QCOMPARE(selectedRow().data(ConnectionTableModel::ConnectionIdRole).toULongLong(), id);

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
        auto owned = Test::openWindow();
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
        const auto connection = window.connections()->connection(id);
        QVERIFY(connection);
        // The path comes back from the tracking thread a moment after the click.
        QTRY_COMPARE(window.diagramPanel()->view()->highlightedPath().size(), connection->path.size());
        QCOMPARE(window.diagramPanel()->view()->highlightedPath().constLast().state, TcpState::Established);
        QVERIFY(!window.diagramPanel()->view()->pathTimeLabels().isEmpty());
        QCOMPARE(window.timelineView()->timelineModel()->rowCount(), int(connection->path.size()));
        // One time per step: the diagram's label and the timeline name the first step alike, to the
        // millisecond, however often either repaints.
        const ConnectionTimelineModel *timeline = window.timelineView()->timelineModel();
        const QString first = window.diagramPanel()->view()->pathTimeLabels().constFirst();
        QCOMPARE(first, timeline->timeOfDay(connection->path.constFirst().enteredNs));
        QVERIFY(timeline->index(0, ConnectionTimelineModel::EnteredColumn).data().toString().startsWith(first));
    }

    void clickingAStateFiltersTheTable()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto owned = Test::openWindow();
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
        auto owned = Test::openWindow();
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

    // The window keeps the tracker's view of each socket only while its table stands still
    // (LiveConnections keeps none for it): what came meanwhile still reaches the table on resume.
    void resumingTheDisplayBringsWhatTheTrackerKnew()
    {
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        LiveConnections *connections = window.connections();
        QTRY_VERIFY(!connections->latest().isNull());
        QVERIFY2(connections->latestTracked().tracking.isEmpty(),
            "the window hands each snapshot's tracking to its table; a second copy is 16 bytes a socket");
        window.connectionView()->setFocus();
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(window.isDisplayPaused());

        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        const auto clientCookie = [&]() -> quint64 {
            for (const SocketRecord &socket : connections->latest().sockets()) {
                if (socket.remotePort == listener.port && socket.state == TcpState::Established)
                    return socket.cookie;
            }
            return 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(clientCookie() != 0, 5000);
        ConnectionTableModel *model = window.connectionModel();
        const auto rowOf = [&](quint64 cookie) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, 0).data(ConnectionTableModel::CookieRole).toULongLong() == cookie)
                    return row;
            }
            return -1;
        };
        QCOMPARE(rowOf(clientCookie()), -1); // the table stood still

        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!window.isDisplayPaused());
        const quint64 cookie = clientCookie();
        QTRY_VERIFY(rowOf(cookie) >= 0);
        const quint64 id = model->index(rowOf(cookie), 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong();
        QVERIFY2(id != 0, "the row must know the tracker's connection");
        const auto tracked = connections->connection(id);
        QVERIFY(tracked);
        QCOMPARE(tracked->cookie, cookie);
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
        // The bar counts what matches, of what the table holds.
        auto *count = window.findChild<QLabel *>(u"filterCount"_s);
        QVERIFY(count);
        QCOMPARE(count->text(), u"2 of %1"_s.arg(window.connectionModel()->rowCount()));
        window.setFilterText(u"state:nosuchstate"_s);
        QVERIFY(!error->isHidden());
        QVERIFY(error->text().contains(u"nosuchstate"_s));
        // An ambiguous prefix says what it could mean; a mistyped key is named, not searched for.
        window.setFilterText(u"state:syn"_s);
        QVERIFY2(error->text().contains(u"syn-sent or syn-recv"_s), qPrintable(error->text()));
        window.setFilterText(u"prot:%1"_s.arg(listener.port));
        QVERIFY2(error->text().contains(u"unknown key 'prot' (did you mean port:?)"_s), qPrintable(error->text()));
        QCOMPARE(shown->rowCount(), window.connectionModel()->rowCount());
        window.setFilterText(u"state:"_s);
        QVERIFY2(error->text().contains(u"e.g. state:estab"_s), qPrintable(error->text()));
        window.setFilterText({});
        QVERIFY(error->isHidden());
        QVERIFY(count->isHidden());
    }

    // Following means following: when the followed connection's row goes away and the next row
    // moves into its place, the connection stays followed, with its timeline and its path.
    void followedConnectionOutlivesItsRow()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            QVERIFY(Sockets::waitConnected(clients.back().get(), 1s));
        }
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        window.resize(1400, 860);
        // The clients' rows only, one under the other.
        window.setFilterText(u"rport:%1"_s.arg(listener.port));
        QTableView *view = window.connectionView();
        QAbstractItemModel *shown = view->model();
        QTRY_COMPARE(shown->rowCount(), 3);
        QTRY_VERIFY(shown->index(0, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong() != 0);

        // A click on the first row, as a user makes it.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
            view->visualRect(shown->index(0, ConnectionTableModel::StateColumn)).center());
        const quint64 id = shown->index(0, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong();
        const quint16 port = quint16(shown->index(0, 0).data(ConnectionTableModel::LocalPortRole).toUInt());
        QCOMPARE(window.followedConnection(), id);
        QVERIFY(window.saveScreenshot(pictureFolder() + u"/follow-before.png"_s));

        QSignalSpy followChanges(&window, &MainWindow::followedConnectionChanged);
        QSignalSpy polls(&window, &MainWindow::snapshotShown);
        // The followed client resets: its socket is gone at once, its row is marked closing for a
        // poll, then removed, and the row below moves into its place.
        for (UniqueFd &client : clients) {
            if (Sockets::localPort(client.get()) == port)
                Sockets::closeWithReset(client);
        }
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 2, 5000);
        const int pollsAtRemoval = int(polls.size());
        QTRY_VERIFY(polls.size() >= pollsAtRemoval + 3); // and a few polls more
        QCOMPARE(window.followedConnection(), id);
        QCOMPARE(followChanges.size(), 0);
        // No neighbour looks followed either.
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        const auto connection = window.connections()->connection(id);
        QVERIFY(connection);
        QVERIFY(connection->isClosed());
        QCOMPARE(window.timelineView()->timelineModel()->connection().id, id);
        QCOMPARE(window.timelineView()->timelineModel()->rowCount(), int(connection->path.size()));
        QCOMPARE(window.diagramPanel()->view()->highlightedPath().size(), connection->path.size());
        QCOMPARE(window.diagramPanel()->view()->highlightedPath().constLast().state, TcpState::Close);
        QVERIFY(window.saveScreenshot(pictureFolder() + u"/follow-after.png"_s));

        // Only the user chooses another.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
            view->visualRect(shown->index(1, ConnectionTableModel::StateColumn)).center());
        const quint64 other = shown->index(1, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong();
        QVERIFY(other != id);
        QCOMPARE(window.followedConnection(), other);
        QCOMPARE(followChanges.size(), 1);

        // A filter that hides the followed row leaves it followed and selects nothing else; clearing
        // the filter selects its row again.
        window.setFilterText(u"lport:%1"_s.arg(listener.port));
        QCOMPARE(window.followedConnection(), other);
        QVERIFY(view->selectionModel()->selectedRows().isEmpty());
        window.setFilterText({});
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong(), other);
    }

    void readmeFilterExamplesAreAccepted_data()
    {
        QTest::addColumn<QString>("example");
        const QStringList examples = readmeFilterExamples();
        // The section exists and holds the examples: an empty list would pass vacuously.
        if (examples.size() < 15)
            QFAIL(qPrintable(u"found %1 examples in README.md's filter section"_s.arg(examples.size())));
        for (const QString &example : examples)
            QTest::addRow("%s", qPrintable(example)) << example;
    }

    void readmeFilterExamplesAreAccepted()
    {
        QFETCH(QString, example);
        CollectorSettings settings;
        MainWindow window(settings, false);
        window.setFilterText(example);
        auto *error = window.findChild<QLabel *>(u"filterError"_s);
        QVERIFY(error);
        QVERIFY2(error->isHidden(), qPrintable(error->text()));
        QVERIFY(!window.connectionProxy()->connectionFilter().isEmpty());
        auto *count = window.findChild<QLabel *>(u"filterCount"_s);
        QVERIFY(count);
        QVERIFY(!count->isHidden());
        QVERIFY2(QRegularExpression(u"^\\d+ of \\d+$"_s).match(count->text()).hasMatch(), qPrintable(count->text()));
    }

    // Space holds every view still while collection goes on; → plays one waiting transition and
    // says which; Space again and every view catches up.
    void spaceHoldsEveryViewStillAndStepsSayWhatTheyPlay()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        const quint16 clientPort = Sockets::localPort(client.get());
        std::optional<TrackedConnection> tracked;
        QTRY_VERIFY((tracked = findByLocalPort(window, clientPort)).has_value());
        const quint64 id = tracked->id;
        window.followConnection(id);
        StateDiagramView *diagram = window.diagramPanel()->view();
        QTRY_COMPARE(diagram->stateCount(TcpState::Established), 2); // the client and the server's end
        QTRY_COMPARE(
            window.timelineView()->timelineModel()->rowCount(), int(window.connections()->connection(id)->path.size()));
        auto *count = window.findChild<QLabel *>(u"countLabel"_s);
        auto *caption = window.findChild<QLabel *>(u"stepCaption"_s);
        QVERIFY(count && caption);
        QVERIFY(caption->isHidden());

        window.connectionView()->setFocus();
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(window.isDisplayPaused());
        QVERIFY(!caption->isHidden());
        QVERIFY2(caption->text().startsWith(u"Paused"_s), qPrintable(caption->text()));
        const int rows = window.connectionModel()->rowCount();
        const QString countText = count->text();
        const int timelineRows = window.timelineView()->timelineModel()->rowCount();
        const qsizetype pathLength = diagram->highlightedPath().size();

        // The kernel moves on: the followed client closes and another connects. Collection sees it...
        Sockets::closeGracefully(client);
        auto other = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(other.get(), 1s));
        QTRY_VERIFY(window.connections()->connection(id)->state() != TcpState::Established);
        QTRY_VERIFY(findByLocalPort(window, Sockets::localPort(other.get())).has_value());
        QTRY_VERIFY(window.diagramPanel()->player()->waitingCount() > 0);
        // ...while every view holds still.
        QCOMPARE(window.connectionModel()->rowCount(), rows);
        QCOMPARE(count->text(), countText);
        QCOMPARE(diagram->stateCount(TcpState::Established), 2);
        QCOMPARE(window.timelineView()->timelineModel()->rowCount(), timelineRows);
        QCOMPARE(diagram->highlightedPath().size(), pathLength);
        QVERIFY(window.listenerPanel()->chartView()->isFrozen());

        // → plays one transition and names it, with its place in the queue.
        const int waiting = window.diagramPanel()->player()->waitingCount();
        QTest::keyClick(&window, Qt::Key_Right);
        QVERIFY2(caption->text().startsWith(u"Step 1: "_s), qPrintable(caption->text()));
        QVERIFY2(caption->text().contains(u" → "_s), qPrintable(caption->text()));
        QVERIFY2(caption->text().contains(u" %1 step"_s.arg(waiting - 1)), qPrintable(caption->text()));
        QTest::keyClick(&window, Qt::Key_Left);
        QVERIFY2(caption->text().startsWith(u"Took back "_s), qPrintable(caption->text()));

        // Space resumes, and every view catches up.
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(!window.isDisplayPaused());
        QVERIFY(caption->isHidden());
        QTRY_VERIFY(window.timelineView()->timelineModel()->rowCount() > timelineRows);
        QTRY_VERIFY(diagram->stateCount(TcpState::Established) != 2 || count->text() != countText);
        QVERIFY(!window.listenerPanel()->chartView()->isFrozen());
    }

    // Alt+N brings a dock forward when it is tabbed behind another, and hides it only when it is
    // already in front.
    void altNumberBringsADockForward_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("view");
        QTest::addColumn<bool>("tabbedBehind");
        QTest::addRow("Alt+1 diagram") << int(Qt::Key_1) << int(MainWindow::View::Diagram) << false;
        QTest::addRow("Alt+3 listeners") << int(Qt::Key_3) << int(MainWindow::View::Listeners) << true;
        QTest::addRow("Alt+4 counters") << int(Qt::Key_4) << int(MainWindow::View::Counters) << true;
        QTest::addRow("Alt+7 problems") << int(Qt::Key_7) << int(MainWindow::View::Problems) << true;
    }

    void altNumberBringsADockForward()
    {
        QFETCH(int, key);
        QFETCH(int, view);
        QFETCH(bool, tabbedBehind);
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        QDockWidget *dock = window.dock(MainWindow::View(view));
        QDockWidget *timeline = window.dock(MainWindow::View::Timeline);
        QTRY_VERIFY(inFront(timeline));
        QCOMPARE(inFront(dock), !tabbedBehind);
        QVERIFY(!dock->isHidden());
        if (tabbedBehind) {
            QTest::keyClick(&window, Qt::Key(key), Qt::AltModifier);
            QTRY_VERIFY(inFront(dock));
            QVERIFY(!inFront(timeline));
        }
        // In front: the key hides it, and brings it back.
        QTest::keyClick(&window, Qt::Key(key), Qt::AltModifier);
        QVERIFY(dock->isHidden());
        QTest::keyClick(&window, Qt::Key(key), Qt::AltModifier);
        QTRY_VERIFY(inFront(dock));
    }

    void ctrlCommaOpensPreferences()
    {
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        window.connectionView()->setFocus();
        bool opened = false;
        // The dialog runs its own event loop: look for it from there, and close it.
        QTimer::singleShot(0, &window, [&opened] {
            if (auto *dialog = qobject_cast<PreferencesDialog *>(QApplication::activeModalWidget())) {
                opened = true;
                dialog->reject();
            }
        });
        QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
        QVERIFY(opened);
    }

    // The Listeners dock charts the busiest listener from the start and says how to pick another.
    void listenersChartTheBusiestFirst()
    {
        auto idle = Sockets::listen(u"127.0.0.1"_s, 5);
        auto busy = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(idle.fd && busy.fd);
        std::vector<UniqueFd> waiting;
        for (int i = 0; i < 3; ++i) {
            waiting.push_back(Sockets::connectTo(u"127.0.0.1"_s, busy.port));
            QVERIFY(Sockets::waitConnected(waiting.back().get(), 1s));
        }
        auto owned = Test::openWindow();
        QVERIFY(owned);
        MainWindow &window = *owned;
        ListenerPanel *panel = window.listenerPanel();
        QTRY_VERIFY(panel->selectedCookie() != 0);
        const auto cookieOf = [panel](quint16 port) {
            const int row = panel->listenerModel()->rowOfPort(port);
            return row < 0 ? 0
                           : panel->listenerModel()->index(row, 0).data(ListenerTableModel::CookieRole).toULongLong();
        };
        QCOMPARE(panel->selectedCookie(), cookieOf(busy.port));
        QVERIFY(!panel->isChosenByUser());
        QVERIFY2(panel->selectionHint().contains(u"busiest listener, 127.0.0.1:%1"_s.arg(busy.port)),
            qPrintable(panel->selectionHint()));
        QVERIFY2(panel->selectionHint().contains(u"Click another listener"_s), qPrintable(panel->selectionHint()));

        // A click picks another, and the panel leaves the choice alone from then on.
        window.showView(MainWindow::View::Listeners);
        QTableView *table = panel->tableView();
        int idleRow = -1;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            if (table->model()->index(row, 0).data(ListenerTableModel::PortRole).toUInt() == idle.port)
                idleRow = row;
        }
        QVERIFY(idleRow >= 0);
        QTRY_VERIFY(table->isVisible());
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(idleRow, 0)).center());
        QCOMPARE(panel->selectedCookie(), cookieOf(idle.port));
        QVERIFY(panel->isChosenByUser());
        QVERIFY2(panel->selectionHint().startsWith(u"Charting 127.0.0.1:%1."_s.arg(idle.port)),
            qPrintable(panel->selectionHint()));
    }

    // At 1024x700 every dock gets at least the room its contents need, and none covers another:
    // with each of the tabbed docks in front in turn.
    void everyDockFitsAt1024x700_data()
    {
        QTest::addColumn<int>("view");
        QTest::addRow("timeline") << int(MainWindow::View::Timeline);
        QTest::addRow("listeners") << int(MainWindow::View::Listeners);
        QTest::addRow("counters") << int(MainWindow::View::Counters);
        QTest::addRow("problems") << int(MainWindow::View::Problems);
        // Under the diagram, which must still fit.
        QTest::addRow("reading") << int(MainWindow::View::Reading);
    }

    void everyDockFitsAt1024x700()
    {
        QFETCH(int, view);
        auto listener = Sockets::listen(u"127.0.0.1"_s, 5);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        CollectorSettings settings;
        settings.intervalMs = 100;
        MainWindow window(settings, false);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(listenRow(*window.connectionModel(), listener.port) >= 0);
        std::optional<TrackedConnection> tracked;
        QTRY_VERIFY((tracked = findByLocalPort(window, Sockets::localPort(client.get()))).has_value());
        window.followConnection(tracked->id);
        window.showView(MainWindow::View(view));
        QTRY_VERIFY(inFront(window.dock(MainWindow::View(view))));
        // Nothing made the window grow past the screen.
        QCOMPARE(window.size(), QSize(1024, 700));
        QTRY_VERIFY2(whatDoesNotFit(window).isEmpty(), qPrintable(whatDoesNotFit(window).join(u"; "_s)));
        const QString name = QString::fromLatin1(QTest::currentDataTag());
        QString error;
        QVERIFY2(
            window.saveScreenshot(pictureFolder() + u"/window-1024x700-%1.png"_s.arg(name), &error), qPrintable(error));
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
        QCOMPARE(window.connections()->trackerSettings().maxClosed, 700);
        QCOMPARE(window.connections()->trackerSettings().closedRetentionNs, 30'000'000'000LL);
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
