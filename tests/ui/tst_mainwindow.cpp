// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The main window, offscreen, watching a private namespace where this test opens a listener.
#include "loopbacksockets.h"
#include "mainwindow.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
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
