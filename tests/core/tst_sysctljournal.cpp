// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The sysctl journal on disk: it survives a restart, a file that is not a journal is kept aside and
// named, and nothing of a truncated or foreign file crashes it.
#include "sysctl/sysctljournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

SysctlChange change(const QString &key, const QString &netns, const QString &from, const QString &to)
{
    return {
        key, netns, from, to, QDateTime(QDate(2026, 12, 2), QTime(14, 0, 1, 250), QTimeZone::UTC), false, u"learner"_s};
}

} // namespace

class TestSysctlJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void survivesARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state/tcplens/sysctl-journal.json"_s);
        {
            SysctlJournal journal(path);
            QVERIFY(journal.load().has_value()); // no file yet: an empty journal
            QVERIFY(journal.append(change(u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"30"_s)).has_value());
            QVERIFY(
                journal.append(change(u"net.core.somaxconn"_s, u"/run/netns/lab"_s, u"4096"_s, u"8"_s)).has_value());
            QVERIFY(journal.append(change(u"net.ipv4.tcp_syncookies"_s, {}, u"1"_s, u"2"_s)).has_value());
            QVERIFY(journal.markReverted(2).has_value());
        }
        SysctlJournal reopened(path);
        QVERIFY(reopened.load().has_value());
        QCOMPARE(reopened.changes().size(), 3);
        QCOMPARE(reopened.changes().at(0).key, u"net.ipv4.tcp_fin_timeout"_s);
        QCOMPARE(reopened.changes().at(0).oldValue, u"60"_s);
        QCOMPARE(reopened.changes().at(0).time, change({}, {}, {}, {}).time);
        QCOMPARE(reopened.changes().at(0).by, u"learner"_s);
        QCOMPARE(reopened.changes().at(1).netns, u"/run/netns/lab"_s);
        QVERIFY(reopened.changes().at(2).reverted);
        // Host changes still in force: the first one (the lab's is a namespace's, the third reverted).
        QCOMPARE(reopened.hostChangesInForce(), QList<qsizetype>{0});
        QVERIFY(!reopened.markReverted(7).has_value());
    }

    void unreadableFileIsKeptAside_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addRow("not JSON") << QByteArray("net.ipv4.tcp_fin_timeout = 30\n") << u"not JSON"_s;
        QTest::addRow("another program's JSON") << QByteArray(R"({"name": "x"})") << u"not a TCP Lens"_s;
        QTest::addRow("a newer TCP Lens")
            << QByteArray(R"({"format": "tcplens-sysctl-journal", "version": 99})") << u"version 99"_s;
        QTest::addRow("a change without key")
            << QByteArray(
                   R"({"format": "tcplens-sysctl-journal", "version": 1, "changes": [{"time": "2026-12-02T14:00:00Z"}]})")
            << u"no key"_s;
    }
    void unreadableFileIsKeptAside()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sysctl-journal.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        SysctlJournal journal(path);
        const auto loaded = journal.load();
        QVERIFY(!loaded.has_value());
        QVERIFY2(loaded.error().contains(reason), qPrintable(loaded.error()));
        QVERIFY(journal.changes().isEmpty());
        // Nothing lost: the bytes are still there, under the name the error gives.
        const QStringList aside = QDir(dir.path()).entryList({u"sysctl-journal.json.unreadable-*"_s});
        QCOMPARE(aside.size(), 1);
        QVERIFY2(loaded.error().contains(aside.constFirst()), qPrintable(loaded.error()));
        QFile kept(dir.filePath(aside.constFirst()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), bytes);
        // And a new journal is written beside it.
        QVERIFY(journal.append(change(u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"30"_s)).has_value());
        QVERIFY(QFile::exists(path));
    }

    void truncatedAtEveryOffsetIsAnError()
    {
        const QByteArray whole = SysctlJournal::serialize({change(u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"30"_s),
            change(u"net.core.somaxconn"_s, {}, u"4096"_s, u"64"_s)});
        QVERIFY(SysctlJournal::parse(whole).has_value());
        for (qsizetype cut = 0; cut < whole.size() - 2; ++cut) {
            const auto parsed = SysctlJournal::parse(whole.first(cut));
            QVERIFY2(!parsed.has_value(), qPrintable(u"accepted at %1 bytes"_s.arg(cut)));
            QVERIFY(!parsed.error().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestSysctlJournal)

#include "tst_sysctljournal.moc"
