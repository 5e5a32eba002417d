// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The privileged sysctl helper, called directly as pkexec would call it, in a private network
// namespace (so a write that got through would change only this test's namespace): hostile requests
// are refused and write nothing; a valid one writes and reports the old value.
#include "privatenetworknamespace.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlhelperrequest.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

QString readSysctl(const QString &relative)
{
    QFile file(u"/proc/sys/"_s + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).simplified() : QString();
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runHelper(const QStringList &arguments)
{
    QProcess helper;
    helper.start(QStringLiteral(TCPLENS_SYSCTL_HELPER), arguments);
    helper.waitForFinished(10'000);
    return {helper.exitStatus() == QProcess::NormalExit ? helper.exitCode() : -1, helper.readAllStandardOutput(),
        helper.readAllStandardError()};
}

} // namespace

class TestSysctlHelper : public QObject
{
    Q_OBJECT

    SysctlCatalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY(catalog.has_value());
        m_catalog = std::move(*catalog);
    }

    void requestParsing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        QTest::addRow("per-namespace key") << QStringList{u"net.ipv4.tcp_fin_timeout"_s, u"30"_s} << QString();
        QTest::addRow("into a namespace")
            << QStringList{u"--netns"_s, u"/proc/1234/ns/net"_s, u"net.ipv4.tcp_fin_timeout"_s, u"30"_s} << QString();
        QTest::addRow("named namespace") << QStringList{u"--netns"_s, u"/run/netns/lab-1"_s,
                                                u"net.ipv4.tcp_fin_timeout"_s, u"30"_s}
                                         << QString();
        QTest::addRow("global key on the host") << QStringList{u"net.ipv4.tcp_mem"_s, u"1 2 3"_s} << QString();
        QTest::addRow("unknown key") << QStringList{u"net.ipv4.tcp_nonsense"_s, u"1"_s} << u"not a key"_s;
        QTest::addRow("short name") << QStringList{u"tcp_fin_timeout"_s, u"30"_s} << u"not a key"_s;
        QTest::addRow("path traversal") << QStringList{u"../../../etc/shadow"_s, u"x"_s} << u"not a key"_s;
        QTest::addRow("a path, not a key")
            << QStringList{u"/proc/sys/net/ipv4/tcp_fin_timeout"_s, u"30"_s} << u"not a key"_s;
        QTest::addRow("removed key") << QStringList{u"net.ipv4.tcp_tw_recycle"_s, u"1"_s} << u"cannot be written"_s;
        QTest::addRow("global key in a namespace")
            << QStringList{u"--netns"_s, u"/proc/1/ns/net"_s, u"net.ipv4.tcp_mem"_s, u"1 2 3"_s} << u"global"_s;
        QTest::addRow("namespace path traversal")
            << QStringList{u"--netns"_s, u"/run/netns/../../etc/passwd"_s, u"net.ipv4.tcp_fin_timeout"_s, u"30"_s}
            << u"not a network namespace"_s;
        QTest::addRow("namespace elsewhere")
            << QStringList{u"--netns"_s, u"/tmp/evil"_s, u"net.ipv4.tcp_fin_timeout"_s, u"30"_s}
            << u"not a network namespace"_s;
        QTest::addRow("no value") << QStringList{u"net.ipv4.tcp_fin_timeout"_s} << u"usage"_s;
        QTest::addRow("extra argument") << QStringList{u"net.ipv4.tcp_fin_timeout"_s, u"30"_s, u"31"_s} << u"usage"_s;
        QTest::addRow("nothing") << QStringList{} << u"usage"_s;
        QTest::addRow("huge value") << QStringList{u"net.ipv4.tcp_fin_timeout"_s, QString(5000, u'1')}
                                    << u"characters long"_s;
        QTest::addRow("newline in the value")
            << QStringList{u"net.ipv4.tcp_fin_timeout"_s, u"30\n60"_s} << u"control character"_s;
    }
    void requestParsing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, refusal);
        const auto request = SysctlHelperRequest::parse(m_catalog, arguments);
        if (refusal.isEmpty()) {
            QVERIFY2(request.has_value(), request.has_value() ? "" : qPrintable(request.error()));
            QVERIFY(request->entry);
        } else {
            QVERIFY(!request.has_value());
            QVERIFY2(request.error().contains(refusal), qPrintable(request.error()));
        }
    }

    void hostileRequestsWriteNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        const QString key = u"net.ipv4.tcp_fin_timeout"_s;
        QTest::addRow("shell in the value") << QStringList{key, u"1; rm -rf /"_s} << 2;
        QTest::addRow("command substitution") << QStringList{key, u"$(reboot)"_s} << 2;
        QTest::addRow("empty value") << QStringList{key, QString()} << 2;
        QTest::addRow("huge value") << QStringList{key, QString(100'000, u'9')} << 2;
        QTest::addRow("negative lifetime") << QStringList{key, u"-5"_s} << 2;
        QTest::addRow("unknown key") << QStringList{u"net.ipv4.tcp_nonsense"_s, u"1"_s} << 2;
        QTest::addRow("path traversal") << QStringList{u"net/../../../../etc/passwd"_s, u"root"_s} << 2;
        QTest::addRow("global key with a namespace")
            << QStringList{u"--netns"_s, u"/proc/1/ns/net"_s, u"net.core.netdev_max_backlog"_s, u"2000"_s} << 2;
        // A global key is absent from a namespace other than the initial one (this test's).
        QTest::addRow("global key absent here") << QStringList{u"net.core.netdev_max_backlog"_s, u"2000"_s} << 5;
    }
    void hostileRequestsWriteNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        const QString before = readSysctl(u"net/ipv4/tcp_fin_timeout"_s);
        const Run run = runHelper(arguments);
        QVERIFY2(run.exitCode == exitCode, run.err.constData());
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1); // one line that says why
        QVERIFY(run.err.startsWith("tcplens-sysctl-helper: "));
        QCOMPARE(readSysctl(u"net/ipv4/tcp_fin_timeout"_s), before);
    }

    void validRequestWritesAndReportsTheOldValue()
    {
        const QString before = readSysctl(u"net/ipv4/tcp_fin_timeout"_s);
        const QString wanted = before == u"41"_s ? u"42"_s : u"41"_s;
        const Run run = runHelper({u"net.ipv4.tcp_fin_timeout"_s, wanted});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(answer.value(u"key"_s).toString(), u"net.ipv4.tcp_fin_timeout"_s);
        QCOMPARE(answer.value(u"old"_s).toString(), before);
        QCOMPARE(answer.value(u"new"_s).toString(), wanted);
        QCOMPARE(readSysctl(u"net/ipv4/tcp_fin_timeout"_s), wanted);
        // The kernel refuses what the validator lets through only when they disagree: put it back.
        const Run back = runHelper({u"net.ipv4.tcp_fin_timeout"_s, before});
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(readSysctl(u"net/ipv4/tcp_fin_timeout"_s), before);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSysctlHelper, QCoreApplication)

#include "tst_sysctlhelper.moc"
