// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The main window, offscreen, watching a private namespace where this test opens a listener.
#include "loopbacksockets.h"
#include "mainwindow.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"

#include "models/connectionfilterproxy.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

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
        // Opened by connect(): every state of the active open and the active close, polled or inferred.
        QCOMPARE(path,
            (QList<TcpState>{TcpState::Close, TcpState::SynSent, TcpState::Established, TcpState::FinWait1,
                TcpState::FinWait2, TcpState::TimeWait}));
        // The followed connection's row is still the selected one: its TIME-WAIT socket now.
        QTRY_COMPARE(window.connectionView()->selectionModel()->selectedRows().size(), 1);
        const QModelIndex row = window.connectionView()->selectionModel()->selectedRows().constFirst();
        QCOMPARE(row.data(ConnectionTableModel::ConnectionIdRole).toULongLong(), id);
        QCOMPARE(TcpState(row.data(ConnectionTableModel::StateRole).toInt()), TcpState::TimeWait);
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
