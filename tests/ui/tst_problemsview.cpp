// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "testwindow.h"

#include "diagnosis/problemsmodel.h"
#include "diagnosis/problemspanel.h"
#include "diagnosis/readingview.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "pipeline/liveconnections.h"
#include "sysctl/sysctlpanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

// The Problems view and "Why is it here?" in the window, over real sockets of a private namespace:
// a listener whose accept queue is full, found, its rows shown in the table, one of them read.
class TestProblemsView : public QObject
{
    Q_OBJECT

    static QString pictureFolder()
    {
        return qEnvironmentVariableIsSet("TCPLENS_SCREENSHOT_DIR") ? qEnvironmentVariable("TCPLENS_SCREENSHOT_DIR")
                                                                   : QDir::tempPath();
    }

private Q_SLOTS:
    void initTestCase() { Test::isolateSettings(); }

    void emptyNamespaceSaysSoPlainly()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        auto *heading = window->problemsPanel()->findChild<QLabel *>(u"problemsHeading"_s);
        QVERIFY(heading);
        QTRY_VERIFY_WITH_TIMEOUT(heading->text().contains(u"No problems found"_s), 5000);
        QVERIFY(!window->problemsPanel()->view()->isVisibleTo(window->problemsPanel()));
        QVERIFY(!window->findChild<QToolButton *>(u"problemsStatusButton"_s)->isVisibleTo(window.get()));
    }

    void whyIsItHereComesWithAltEight()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        QDockWidget *reading = window->dock(MainWindow::View::Reading);
        // Out of the way until asked: it would shorten the diagram.
        QVERIFY(reading->isHidden());
        QVERIFY(window->readingView()->toPlainText().contains(u"Select a row"_s));
        QTest::keyClick(window.get(), Qt::Key_8, Qt::AltModifier);
        QTRY_VERIFY(reading->isVisible() && !reading->visibleRegion().isEmpty());
        // It shares the right side with the diagram rather than taking a sliver of it.
        QTRY_VERIFY(reading->height() > window->height() / 4);
        QTest::keyClick(window.get(), Qt::Key_8, Qt::AltModifier);
        QVERIFY(reading->isHidden());
    }

    void overflowingListenerIsFoundShownAndRead()
    {
        // Backlog 1 and nobody accepts: the accept queue holds two (sk_acceptq_is_full() compares
        // with '>'), the other clients' handshakes stay unfinished.
        auto listener = Sockets::listen(u"127.0.0.1"_s, 1);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 5; ++i)
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));

        auto window = Test::openWindow();
        QVERIFY(window);
        ProblemsPanel *panel = window->problemsPanel();
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString rule = u"accept-queue-full"_s;
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowOfRule(rule) >= 0, 15000);
        auto *status = window->findChild<QToolButton *>(u"problemsStatusButton"_s);
        QVERIFY(status->isVisibleTo(window.get()));
        QVERIFY2(status->text().contains(u"problem"_s), qPrintable(status->text()));
        // The status bar's count brings the view forward.
        status->click();
        QTRY_VERIFY(!window->dock(MainWindow::View::Problems)->visibleRegion().isEmpty());

        // Choosing the problem narrows the table to its rows and reads one of them.
        QVERIFY(panel->chooseProblem(rule));
        ConnectionFilterProxy *proxy = window->connectionProxy();
        QVERIFY(proxy->hasCookieFilter());
        const QList<quint64> cookies = panel->model()
                                           ->index(panel->model()->rowOfRule(rule), 0)
                                           .data(ProblemsModel::CookiesRole)
                                           .value<QList<quint64>>();
        QVERIFY(!cookies.isEmpty());
        QTRY_VERIFY(proxy->rowCount() > 0);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QVERIFY(cookies.contains(proxy->index(row, 0).data(ConnectionTableModel::CookieRole).toULongLong()));
        auto *bar = window->findChild<QWidget *>(u"problemFilterBar"_s);
        QVERIFY(bar && bar->isVisibleTo(window.get()));
        QVERIFY(window->findChild<QLabel *>(u"problemFilterText"_s)->text().contains(u" of: "_s));
        QVERIFY(window->dock(MainWindow::View::Reading)->isVisible());
        ReadingView *reading = window->readingView();
        QTRY_VERIFY(reading->cookie() != 0 && !reading->reading().sentences.isEmpty());
        QVERIFY(cookies.contains(reading->cookie()));
        QVERIFY2(reading->reading().ruleIds.contains(rule), qPrintable(reading->reading().ruleIds.join(u", "_s)));
        // Its facts link to the catalogs, and the links explain.
        QVERIFY2(reading->toHtml().contains(u"tcplens:"_s), qPrintable(reading->toPlainText()));
        QVERIFY(!ReadingView::linkExplanation(u"tcplens:sysctl/net.core.somaxconn"_s).isEmpty());
        QVERIFY(!ReadingView::linkExplanation(u"tcplens:counter/TcpExt.ListenOverflows"_s).isEmpty());
        QVERIFY(!ReadingView::linkExplanation(u"tcplens:state/CLOSE-WAIT"_s).isEmpty());
        QVERIFY(ReadingView::linkExplanation(u"tcplens:sysctl/no.such.key"_s).isEmpty());

        // Polls keep the choice and the filter.
        const quint64 generation = window->connections()->diagnosis().generation;
        QTRY_VERIFY(window->connections()->diagnosis().generation > generation + 2);
        QCOMPARE(panel->chosenRule(), rule);
        QVERIFY(proxy->hasCookieFilter());
        QCOMPARE(panel->view()->selectionModel()->selectedRows().size(), 1);

        // Space holds the Problems view still with the table; resuming catches up at once.
        auto *pause = window->findChild<QAction *>(u"pauseAction"_s);
        QVERIFY(pause);
        pause->setChecked(true);
        const quint64 held = panel->model()->report().generation;
        QTRY_VERIFY(window->connections()->diagnosis().generation > held + 2);
        QCOMPARE(panel->model()->report().generation, held);
        pause->setChecked(false);
        QCOMPARE(panel->model()->report().generation, window->connections()->diagnosis().generation);

        const QString picture = pictureFolder() + u"/problems-accept-overflow-test.png"_s;
        QVERIFY(window->saveScreenshot(picture));

        // Double-clicking a problem whose fix is a sysctl opens it.
        const QStringList sysctls =
            panel->model()->index(panel->model()->rowOfRule(rule), 0).data(ProblemsModel::SysctlsRole).toStringList();
        if (!sysctls.isEmpty()) {
            const QModelIndex index =
                panel->model()->index(panel->model()->rowOfRule(rule), ProblemsModel::ProblemColumn);
            QTreeView *view = panel->view();
            const QPoint centre = view->visualRect(index).center();
            // The view takes a double click on the row it saw pressed.
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
            QTRY_COMPARE(window->sysctlPanel()->selectedKey(), sysctls.constFirst());
        }

        // Esc in the table shows every row again and forgets the choice.
        window->connectionView()->setFocus();
        QTest::keyClick(window->connectionView(), Qt::Key_Escape);
        QVERIFY(!proxy->hasCookieFilter());
        QVERIFY(!bar->isVisibleTo(window.get()));
        QVERIFY(panel->chosenRule().isEmpty());
    }
};

TCPLENS_NETNS_TEST_MAIN(TestProblemsView, QApplication)
#include "tst_problemsview.moc"
