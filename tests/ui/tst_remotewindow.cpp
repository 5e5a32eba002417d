// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The window watching a host over ssh (issue #17), offscreen, against the real sshd and agent of
// tests/remote/withsshd.sh: the listener there in the table and the host in the title; the agent
// killed there, the status bar says so with Reconnect while the table keeps what it showed; Reconnect
// brings the listener back through a new session and the bar goes. Skips without withsshd.sh.
#include "agentprocesses.h"
#include "models/connectiontablemodel.h"
#include "testwindow.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

constexpr int TimeoutMs = 20000;

bool tableHasListener(const MainWindow &window, quint16 port)
{
    const QAbstractItemModel &model = *window.connectionModel();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(ConnectionTableModel::StateRole).toInt() == int(TcpState::Listen) &&
            index.data(ConnectionTableModel::LocalPortRole).toUInt() == port)
            return true;
    }
    return false;
}

} // namespace

class TestRemoteWindow : public QObject
{
    Q_OBJECT

    QString m_destination;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("TCPLENS_TEST_REMOTE"))
            QSKIP("run through tests/remote/withsshd.sh (ctest -L remote)");
        Test::isolateSettings();
        m_destination = qEnvironmentVariable("TCPLENS_TEST_REMOTE");
        m_port = quint16(qEnvironmentVariableIntValue("TCPLENS_TEST_LISTENER_PORT"));
        QVERIFY(m_port != 0);
    }

    void lostSessionIsSaidAndReconnects()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        window->connectToHost(m_destination);
        QTRY_VERIFY_WITH_TIMEOUT(tableHasListener(*window, m_port), TimeoutMs);
        const QString host = qEnvironmentVariable("TCPLENS_REMOTE_HOSTNAME", u"web1"_s);
        QVERIFY2(window->windowTitle().contains(host), qPrintable(window->windowTitle()));
        auto *bar = window->findChild<QWidget *>(u"remoteSessionBar"_s);
        QVERIFY(bar);
        QVERIFY(!bar->isVisible());

        // The agent killed on the host: the window says so and keeps the rows it had.
        QCOMPARE(Test::agentProcesses().size(), 1);
        QCOMPARE(QProcess::execute(u"pkill"_s,
                     {u"--ns"_s, QString::number(::getpid()), u"--nslist"_s, u"net"_s, u"-f"_s, u"tcplens-agent"_s}),
            0);
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), TimeoutMs);
        const auto *message = bar->findChild<QLabel *>(u"remoteMessage"_s);
        QVERIFY(message);
        QVERIFY2(message->text().startsWith(u"Disconnected: "_s) && message->toolTip().contains(u"127.0.0.1"_s),
            qPrintable(message->text() + u" / "_s + message->toolTip()));
        QVERIFY2(tableHasListener(*window, m_port), "the table must keep what it showed when the session ended");
        QTRY_VERIFY_WITH_TIMEOUT(Test::agentProcesses().isEmpty(), TimeoutMs);

        // Reconnect: a new session, the listener through it, the bar gone.
        auto *reconnect = bar->findChild<QPushButton *>(u"reconnectButton"_s);
        QVERIFY(reconnect && reconnect->isEnabled());
        QTest::mouseClick(reconnect, Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(Test::agentProcesses().size(), 1, TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(tableHasListener(*window, m_port), TimeoutMs);
        QVERIFY(!bar->isVisible());

        // The window closed: ssh ends, and the agent there with it.
        window.reset();
        QTRY_VERIFY_WITH_TIMEOUT(Test::agentProcesses().isEmpty(), TimeoutMs);
    }
};

QTEST_MAIN(TestRemoteWindow)

#include "tst_remotewindow.moc"
