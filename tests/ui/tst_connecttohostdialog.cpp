// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// File → Connect to Host…: OK only for a destination RemoteSource takes, the recent hosts newest
// first, without repeats, at most ConnectToHostDialog::MaximumRecentHosts (QSettings in test mode).
#include "remote/connecttohostdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

class TestConnectToHostDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationDomain(u"tcplens.test"_s);
        QCoreApplication::setApplicationName(u"tst_connecttohostdialog"_s);
        QSettings().clear();
    }

    void recentHosts()
    {
        for (int i = 0; i < ConnectToHostDialog::MaximumRecentHosts + 3; ++i)
            ConnectToHostDialog::rememberHost(u"web%1"_s.arg(i));
        ConnectToHostDialog::rememberHost(u"web5"_s);
        const QStringList hosts = ConnectToHostDialog::recentHosts();
        QCOMPARE(hosts.size(), ConnectToHostDialog::MaximumRecentHosts);
        QCOMPARE(hosts.first(), u"web5"_s);
        QCOMPARE(hosts.count(u"web5"_s), 1);
        QCOMPARE(hosts.at(1), u"web12"_s);
    }

    void okOnlyForAHost_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("enabled");
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("host") << u"web1"_s << true;
        QTest::addRow("user, host, port") << u"root@10.0.0.2:2222"_s << true;
        QTest::addRow("bad port") << u"web1:99999"_s << false;
        QTest::addRow("an option") << u"-oProxyCommand=x"_s << false;
    }
    void okOnlyForAHost()
    {
        QFETCH(QString, text);
        QFETCH(bool, enabled);
        ConnectToHostDialog dialog;
        auto *host = dialog.findChild<QComboBox *>(u"host"_s);
        QVERIFY(host);
        // The newest recent host is offered first.
        QCOMPARE(host->currentText(), ConnectToHostDialog::recentHosts().value(0));
        host->lineEdit()->setText(text);
        QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled(), enabled);
        QCOMPARE(dialog.destination(), text);
    }
};

QTEST_MAIN(TestConnectToHostDialog)
#include "tst_connecttohostdialog.moc"
