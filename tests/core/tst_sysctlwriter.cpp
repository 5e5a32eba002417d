// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Writing into a lab namespace with a journal that reverts, and the sysctl.d text against golden
// files (tests/data/regenerate-sysctl-golden.sh rewrites them).

#include "expectedtext.h"
#include "privatenetworknamespace.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctldfile.h"
#include "sysctl/sysctlreader.h"
#include "sysctl/sysctlvalidator.h"
#include "sysctl/sysctlwriter.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sched.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// A namespace that lives as long as this object: a thread that unshared and waits.
class LabNamespace
{
public:
    LabNamespace()
    {
        m_thread = std::thread([this] {
            const bool ok = ::unshare(CLONE_NEWNET) == 0;
            std::unique_lock lock(m_mutex);
            m_path = ok ? u"/proc/self/task/%1/ns/net"_s.arg(::gettid()) : QString();
            m_ready = true;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_done; });
        });
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_ready; });
    }
    ~LabNamespace()
    {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    QString path() const { return m_path; }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_ready = false;
    bool m_done = false;
    QString m_path;
    std::thread m_thread;
};

} // namespace

class TestSysctlWriter : public QObject
{
    Q_OBJECT

private:
    SysctlCatalog m_catalog;

    SysctlValue valueOf(const char *key, const QString &text)
    {
        const SysctlEntry *entry = m_catalog.find(QString::fromLatin1(key));
        const SysctlValidation verdict = SysctlValidator::validate(*entry, text);
        return verdict.value.value_or(SysctlValue{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(TcpLens::Test::kernelProblem().isEmpty(), qPrintable(TcpLens::Test::kernelProblem()));
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY2(catalog.has_value(), TcpLens::Test::errorText(catalog).constData());
        m_catalog = *catalog;
    }

    void writesIntoTheLabJournalsAndReverts()
    {
        LabNamespace lab;
        QVERIFY(!lab.path().isEmpty());
        const SysctlEntry &synRetries = *m_catalog.find(u"tcp_syn_retries");
        const SysctlEntry &rmem = *m_catalog.find(u"tcp_rmem");
        const SysctlReader reader;
        const QString ourSynRetries = reader.readText(synRetries).value_or(QString());

        SysctlWriter writer(lab.path());
        const auto first = writer.write(synRetries, valueOf("tcp_syn_retries", u"3"_s));
        QVERIFY2(first.has_value(), TcpLens::Test::errorText(first).constData());
        QCOMPARE(first->oldValue, u"6"_s);
        QCOMPARE(first->newValue, u"3"_s);
        QCOMPARE(first->netns, lab.path());
        QVERIFY(first->time.isValid());
        const auto second = writer.write(rmem, valueOf("tcp_rmem", u"4096 65536 1048576"_s));
        QVERIFY2(second.has_value(), TcpLens::Test::errorText(second).constData());
        const auto third = writer.write(synRetries, valueOf("tcp_syn_retries", u"2"_s));
        QVERIFY(third.has_value());
        QCOMPARE(third->oldValue, u"3"_s);
        QCOMPARE(writer.journal().size(), 3);

        // Only the lab changed.
        QCOMPARE(reader.readText(synRetries).value_or(QString()), ourSynRetries);
        auto inLab = reader.read({&synRetries, &rmem}, lab.path());
        QVERIFY(inLab.has_value());
        QCOMPARE((*inLab)[0].current, std::optional<QString>(u"2"_s));
        QCOMPARE((*inLab)[1].current, std::optional<QString>(u"4096 65536 1048576"_s));
        QCOMPARE((*inLab)[0].kernelDefault, std::optional<QString>(u"6"_s));
        QVERIFY((*inLab)[0].writable);

        QVERIFY(writer.revert(1).has_value());
        QVERIFY(writer.journal()[1].reverted);
        inLab = reader.read({&rmem}, lab.path());
        QCOMPARE((*inLab)[0].current, (*inLab)[0].kernelDefault);

        QVERIFY(writer.revertAll().has_value());
        inLab = reader.read({&synRetries}, lab.path());
        QCOMPARE((*inLab)[0].current, std::optional<QString>(u"6"_s));
        QVERIFY(!writer.revert(7).has_value());
    }

    void refusesGlobalRemovedAndReadOnlyKeys()
    {
        LabNamespace lab;
        SysctlWriter writer(lab.path());
        for (const auto key :
            {u"tcp_mem", u"tcp_tw_recycle", u"tcp_available_congestion_control", u"netdev_max_backlog"}) {
            const auto written = writer.write(*m_catalog.find(key), SysctlValue{{1}, {}});
            QVERIFY(!written.has_value());
            QVERIFY(!written.error().isEmpty());
        }
        QVERIFY(writer.journal().isEmpty());
    }

    void reportsAKernelRefusal()
    {
        LabNamespace lab;
        SysctlWriter writer(lab.path());
        // Bypassing the validator: the kernel's own check still holds, and nothing is journaled.
        const auto written = writer.write(*m_catalog.find(u"tcp_syn_retries"), SysctlValue{{0}, {}});
        QVERIFY(!written.has_value());
        QVERIFY2(written.error().contains(u"refused"_s), qPrintable(written.error()));
        QVERIFY(writer.journal().isEmpty());
    }

    void sysctlDFileMatchesGolden_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<SysctlChange>>("changes");
        const QDateTime time = QDateTime::fromSecsSinceEpoch(0, QTimeZone::UTC);
        QTest::addRow("handshake") << u"sysctl-handshake.conf"_s
                                   << QList<SysctlChange>{
                                          {u"net.ipv4.tcp_syn_retries"_s, {}, u"6"_s, u"3"_s, time, false, {}},
                                          {u"net.ipv4.tcp_synack_retries"_s, {}, u"5"_s, u"2"_s, time, false, {}},
                                          {u"net.core.somaxconn"_s, {}, u"4096"_s, u"8192"_s, time, false, {}},
                                          {u"net.ipv4.tcp_max_syn_backlog"_s, {}, u"2048"_s, u"8192"_s, time, false,
                                              {}},
                                      };
        QTest::addRow("buffers-and-close")
            << u"sysctl-buffers-and-close.conf"_s
            << QList<SysctlChange>{
                   {u"net.ipv4.tcp_rmem"_s, {}, u"4096 131072 33554432"_s, u"4096 131072 8388608"_s, time, false, {}},
                   {u"net.ipv4.tcp_fin_timeout"_s, {}, u"60"_s, u"30"_s, time, false, {}},
                   {u"net.ipv4.tcp_tw_reuse"_s, {}, u"2"_s, u"1"_s, time, false, {}},
                   {u"net.ipv4.ip_local_port_range"_s, {}, u"32768 60999"_s, u"20000 60999"_s, time, false, {}},
               };
        QTest::addRow("empty") << u"sysctl-empty.conf"_s << QList<SysctlChange>{};
    }

    void sysctlDFileMatchesGolden()
    {
        QFETCH(QString, name);
        QFETCH(QList<SysctlChange>, changes);
        const QString text = SysctlDFile::render(m_catalog, changes);
        const QString golden = QFINDTESTDATA(u"../data/"_s + name);
        if (qEnvironmentVariableIsSet("TCPLENS_REGENERATE_GOLDEN")) {
            const QString target =
                golden.isEmpty() ? QDir(QStringLiteral(TCPLENS_TEST_DATA_DIR)).filePath(name) : golden;
            QFile out(target);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(text.toUtf8());
            qInfo("regenerated %s", qPrintable(target));
            return;
        }
        QVERIFY2(!golden.isEmpty(), qPrintable(name + u" is missing: run tests/data/regenerate-sysctl-golden.sh"_s));
        QFile file(golden);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(text, QString::fromUtf8(file.readAll()));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSysctlWriter, QCoreApplication)

#include "tst_sysctlwriter.moc"
