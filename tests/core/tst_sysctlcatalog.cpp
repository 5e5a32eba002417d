// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Catalog consistency against the running kernel: every key exists or is marked removed, every
// per-namespace claim holds (a write in a child namespace leaves the parent unchanged), every global
// claim holds (a child namespace cannot write it), no key appears twice.

#include "expectedtext.h"
#include "privatenetworknamespace.h"
#include "sysctl/namespacethread.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"
#include "sysctl/sysctlvalidator.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// The namespace the test was started in, kept open before moving into the private one, so global
// keys can be read (never written) where they live.
int g_startNamespace = -1;

QString startNamespacePath()
{
    return u"/proc/self/fd/"_s + QString::number(g_startNamespace);
}

bool writeRaw(const QString &path, const QByteArray &bytes)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, bytes.constData(), std::size_t(bytes.size())) == bytes.size();
    ::close(fd);
    return ok;
}

} // namespace

class TestSysctlCatalog : public QObject
{
    Q_OBJECT

private:
    SysctlCatalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(TcpLens::Test::kernelProblem().isEmpty(), qPrintable(TcpLens::Test::kernelProblem()));
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY2(catalog.has_value(), TcpLens::Test::errorText(catalog).constData());
        m_catalog = *catalog;
        QVERIFY(m_catalog.entries().size() >= 30);
    }

    void parseRefusesBrokenCatalogs_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray entry = R"({"key":"net.ipv4.tcp_syn_retries","path":"/proc/sys/net/ipv4/tcp_syn_retries",
            "type":"integer","unit":"count","kernel":{"min":1,"max":127},"scope":"namespace",
            "summary":"s","explanation":"e"})";
        QTest::addRow("duplicate") << (R"({"format":1,"entries":[)" + entry + ',' + entry + "]}") << u"appears twice"_s;
        QTest::addRow("not json") << QByteArray("{") << u"not JSON"_s;
        QTest::addRow("format") << QByteArray(R"({"format":2,"entries":[]})") << u"unknown format"_s;
        QTest::addRow("path mismatch")
            << QByteArray(R"({"format":1,"entries":[{"key":"net.ipv4.tcp_syn_retries","path":"/etc/passwd"}]})")
            << u"'path'"_s;
        QTest::addRow("traversal") << QByteArray(R"({"format":1,"entries":[{"key":"net.ipv4/../../etc"}]})")
                                   << u"'key'"_s;
        QTest::addRow("alias outside net")
            << QByteArray(R"({"format":1,"entries":[{"key":"net.ipv4.x","path":"/proc/sys/net/ipv4/x",
                 "aliases":["kernel.x"]}]})")
            << u"'aliases'"_s;
        QTest::addRow("alias of another key")
            << QByteArray(R"({"format":1,"entries":[)" + entry + R"(,{"key":"net.ipv4.x","path":"/proc/sys/net/ipv4/x",
                 "aliases":["net.ipv4.tcp_syn_retries"],"type":"integer","unit":"count","kernel":{"min":1,"max":2},
                 "scope":"namespace","summary":"s","explanation":"e"}]})")
            << u"appears twice"_s;
        QTest::addRow("removed without version")
            << QByteArray(R"({"format":1,"entries":[{"key":"net.ipv4.x","path":"/proc/sys/net/ipv4/x",
                 "type":"boolean","unit":"none","status":"removed","scope":"namespace","summary":"s","explanation":"e"}]})")
            << u"removedIn"_s;
    }

    void parseRefusesBrokenCatalogs()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = SysctlCatalog::parse(json);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
    }

    void noKeyTwiceAndEveryNameFindsItsEntry()
    {
        QSet<QString> keys;
        QSet<QString> names;
        for (const SysctlEntry &entry : m_catalog.entries()) {
            QVERIFY2(!keys.contains(entry.key), qPrintable(entry.key));
            QVERIFY2(!names.contains(entry.name()), qPrintable(entry.name()));
            keys.insert(entry.key);
            names.insert(entry.name());
            QCOMPARE(m_catalog.find(entry.name()), &entry);
            QCOMPARE(m_catalog.find(entry.relativePath()), &entry);
        }
        QCOMPARE(m_catalog.find(u"../../etc/passwd"), nullptr);
    }

    void oldGuidesKeysFindTheirEntry()
    {
        // Seed 004 sets the ip_conntrack module's own key, gone since 2.6.22.
        const SysctlEntry *old = m_catalog.find(u"net.ipv4.ip_conntrack_max");
        QVERIFY(old);
        QCOMPARE(old->key, u"net.ipv4.netfilter.ip_conntrack_max"_s);
        QVERIFY(old->removed);
        QCOMPARE(m_catalog.find(u"/proc/sys/net/ipv4/ip_conntrack_max"), old);
        QVERIFY(m_catalog.find(u"net.netfilter.nf_conntrack_max"));
    }

    void coversTheKeysTheLessonsAndFactsName()
    {
        // KERNEL-FACTS.md, the seeds, and the issue's list.
        for (const auto key : {u"tcp_syn_retries", u"tcp_synack_retries", u"tcp_max_syn_backlog", u"tcp_syncookies",
                 u"tcp_abort_on_overflow", u"somaxconn", u"tcp_fastopen", u"tcp_orphan_retries", u"tcp_max_orphans",
                 u"tcp_fin_timeout", u"tcp_max_tw_buckets", u"tcp_tw_reuse", u"tcp_timestamps", u"tcp_window_scaling",
                 u"tcp_wmem", u"tcp_rmem", u"tcp_moderate_rcvbuf", u"tcp_mem", u"ip_local_port_range",
                 u"tcp_keepalive_time", u"tcp_keepalive_intvl", u"tcp_keepalive_probes", u"tcp_retries1",
                 u"tcp_retries2", u"netdev_max_backlog", u"tcp_congestion_control", u"tcp_tw_recycle",
                 u"tcp_syn_linear_timeouts", u"tcp_tw_reuse_delay", u"tcp_notsent_lowat", u"tcp_slow_start_after_idle",
                 u"tcp_adv_win_scale", u"tcp_available_congestion_control", u"tcp_allowed_congestion_control",
                 u"tcp_fastopen_blackhole_timeout_sec", u"tcp_rfc1337", u"ip_unprivileged_port_start",
                 u"tcp_fastopen_key", u"nf_conntrack_max"}) {
            QVERIFY2(m_catalog.find(key), qPrintable(QStringView(key).toString()));
        }
    }

    void everyKeyExistsOrIsMarkedRemoved()
    {
        for (const SysctlEntry &entry : m_catalog.entries()) {
            const QString where = entry.scope == SysctlScope::Global ? startNamespacePath() : QString();
            bool present = false;
            auto ran = NamespaceThread::run(where, [&] { present = QFile::exists(entry.path); });
            QVERIFY2(ran.has_value(), TcpLens::Test::errorText(ran).constData());
            if (entry.removed) {
                QVERIFY2(!present, qPrintable(entry.key + u" is marked removed but exists"_s));
                QVERIFY(!entry.removedIn.isEmpty());
            } else {
                QVERIFY2(present, qPrintable(entry.key + u" does not exist on this kernel"_s));
            }
        }
    }

    void perNamespaceClaimsHold()
    {
        const SysctlReader reader;
        int checked = 0;
        for (const SysctlEntry &entry : m_catalog.entries()) {
            if (entry.scope != SysctlScope::Namespace || !entry.isWritableType())
                continue;
            QVERIFY2(!entry.example.isEmpty(), qPrintable(entry.key + u" has no example to write"_s));
            const auto parentBefore = reader.readText(entry);
            QVERIFY2(parentBefore.has_value(), TcpLens::Test::errorText(parentBefore).constData());

            SysctlValidation verdict;
            QString childAfter;
            bool written = false;
            auto ran = NamespaceThread::runInFreshNamespace([&] {
                verdict = SysctlValidator::validate(entry, entry.example, reader.validationContext(m_catalog, entry));
                if (!verdict.isAccepted())
                    return;
                written = writeRaw(entry.path, verdict.value->kernelText().toUtf8());
                childAfter = reader.readText(entry).value_or(QString());
            });
            QVERIFY2(ran.has_value(), TcpLens::Test::errorText(ran).constData());
            QVERIFY2(verdict.isAccepted(), qPrintable(entry.key + u": "_s + verdict.error));
            QVERIFY2(written, qPrintable(entry.key));
            QCOMPARE(childAfter, verdict.value->kernelText());
            QVERIFY2(*parentBefore != childAfter,
                qPrintable(entry.key + u": the example equals the parent's value, so the check proves nothing"_s));
            QCOMPARE(reader.readText(entry).value_or(QString()), *parentBefore);
            ++checked;
        }
        QVERIFY(checked >= 25);
    }

    void globalClaimsHold()
    {
        const SysctlReader reader;
        for (const SysctlEntry &entry : m_catalog.entries()) {
            if (entry.scope != SysctlScope::Global)
                continue;
            bool present = false;
            bool mayWrite = true;
            auto ran = NamespaceThread::runInFreshNamespace([&] {
                present = reader.exists(entry);
                mayWrite = present && reader.mayWrite(entry);
            });
            QVERIFY2(ran.has_value(), TcpLens::Test::errorText(ran).constData());
            QCOMPARE(present, entry.visibleInChildNamespaces);
            QVERIFY2(!mayWrite, qPrintable(entry.key + u" is writable in a child namespace: not global"_s));
        }
    }

    void readOnlyKeysAreReadOnly()
    {
        const SysctlReader reader;
        for (const SysctlEntry &entry : m_catalog.entries()) {
            if (entry.readOnly) {
                auto ran = NamespaceThread::run(startNamespacePath(), [&] { QVERIFY(!reader.mayWrite(entry)); });
                QVERIFY(ran.has_value());
            }
        }
    }

    void defaultsComeFromAFreshNamespace()
    {
        QList<const SysctlEntry *> entries;
        for (const SysctlEntry &entry : m_catalog.entries())
            entries.append(&entry);
        const SysctlReader reader;
        const auto readings = reader.read(entries, QString());
        QVERIFY2(readings.has_value(), TcpLens::Test::errorText(readings).constData());
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const SysctlEntry &entry = *entries[i];
            const SysctlReading &reading = (*readings)[i];
            if (entry.removed) {
                QVERIFY(!reading.present);
                continue;
            }
            if (entry.scope == SysctlScope::Namespace) {
                QVERIFY2(reading.kernelDefault.has_value(), qPrintable(entry.key));
                QVERIFY(reading.writable || entry.readOnly);
            } else {
                QVERIFY(!reading.kernelDefault.has_value());
                QVERIFY(!reading.defaultNote.isEmpty());
            }
        }
        // Defaults that KERNEL-FACTS.md states as plain numbers must match this kernel.
        const auto fresh = reader.freshNamespaceValues(entries);
        QVERIFY(fresh.has_value());
        QCOMPARE(fresh->value(u"net.ipv4.tcp_syn_retries"_s), u"6"_s);
        QCOMPARE(fresh->value(u"net.ipv4.tcp_orphan_retries"_s), u"0"_s);
        QCOMPARE(fresh->value(u"net.ipv4.tcp_tw_reuse"_s), u"2"_s);
        QCOMPARE(fresh->value(u"net.core.somaxconn"_s), u"4096"_s);
        QCOMPARE(fresh->value(u"net.ipv4.ip_local_port_range"_s), u"32768 60999"_s);
    }
};

int main(int argc, char **argv)
{
    g_startNamespace = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (auto entered = TcpLens::Test::PrivateNetworkNamespace::enter(); !entered)
        TcpLens::Test::kernelProblem() = entered.error();
    QCoreApplication app(argc, argv);
    TestSysctlCatalog test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sysctlcatalog.moc"
