// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The validator against the kernel: every candidate is written as raw bytes into this test's private
// network namespace, and the validator's verdict is checked against what the kernel did with it.

#include "expectedtext.h"
#include "privatenetworknamespace.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"
#include "sysctl/sysctlvalidator.h"

#include <QFile>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// Writes `bytes` in one write() as `echo -n` would; true when the kernel took it.
bool kernelTakes(const QString &path, const QByteArray &bytes)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t written = ::write(fd, bytes.constData(), std::size_t(bytes.size()));
    ::close(fd);
    return written == bytes.size();
}

QByteArray readRaw(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSysctlValidator : public QObject
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
    }

    void preciseMessages_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        QTest::addRow("syn retries range") << u"tcp_syn_retries"_s << u"0"_s << u"tcp_syn_retries must be 1–127"_s;
        QTest::addRow("rmem needs three")
            << u"tcp_rmem"_s << u"4096 131072"_s << u"tcp_rmem needs three integers: min, default, max"_s;
        QTest::addRow("rmem order") << u"tcp_rmem"_s << u"3 2 1"_s << u"tcp_rmem needs min <= default <= max"_s;
        QTest::addRow("removed") << u"net.ipv4.tcp_tw_recycle"_s << u"0"_s
                                 << u"tcp_tw_recycle was removed in Linux 4.12"_s;
        QTest::addRow("syncookies 3") << u"tcp_syncookies"_s << u"3"_s << u"tcp_syncookies takes 0, 1, 2"_s;
        QTest::addRow("negative fin") << u"tcp_fin_timeout"_s << u"-1"_s << u"tcp_fin_timeout must be 1–2147483"_s;
        QTest::addRow("empty") << u"tcp_syn_retries"_s << QString() << u"changes nothing"_s;
        QTest::addRow("octal") << u"tcp_syn_retries"_s << u"010"_s << u"octal"_s;
        QTest::addRow("plus") << u"tcp_syn_retries"_s << u"+5"_s << u"plus sign"_s;
        QTest::addRow("two values") << u"tcp_syn_retries"_s << u"5 6"_s << u"keep '5' and silently ignore the rest"_s;
        QTest::addRow("port start") << u"ip_local_port_range"_s << u"80 60999"_s << u"must start at 1024"_s;
        QTest::addRow("unknown bit") << u"tcp_fastopen"_s << u"8"_s << u"bits 0x8 of tcp_fastopen mean nothing"_s;
    }

    void preciseMessages()
    {
        QFETCH(QString, key);
        QFETCH(QString, input);
        QFETCH(QString, error);
        const SysctlEntry *entry = m_catalog.find(key);
        QVERIFY(entry);
        const SysctlValidation result = SysctlValidator::validate(*entry, input);
        QVERIFY(!result.isAccepted());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }

    void typedValues()
    {
        const SysctlValidation rmem =
            SysctlValidator::validate(*m_catalog.find(u"tcp_rmem"), u"4096\t131072  6291456\n");
        QVERIFY(rmem.isAccepted());
        QCOMPARE(rmem.value->numbers, (QList<qint64>{4096, 131072, 6291456}));
        QCOMPARE(rmem.value->kernelText(), u"4096 131072 6291456"_s);
        const SysctlValidation hex = SysctlValidator::validate(*m_catalog.find(u"tcp_fastopen"), u"0x403");
        QVERIFY(hex.isAccepted());
        QCOMPARE(hex.value->numbers, QList<qint64>{0x403});
        QVERIFY(!hex.warnings.isEmpty());
    }

    void agreesWithTheKernel_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("input");
        // accept, warn (accept with a warning), refuse, or any (depends on this machine).
        QTest::addColumn<QString>("expected");
        const auto add = [](const char *key, const QByteArray &input, const char *expected) {
            QTest::addRow("%s=%s", key, input.toPercentEncoding(" ").left(60).constData())
                << QString::fromLatin1(key) << input << QString::fromLatin1(expected);
        };
        add("tcp_syn_retries", "3", "accept");
        add("tcp_syn_retries", "1", "accept");
        add("tcp_syn_retries", "20", "warn");
        add("tcp_syn_retries", "127", "warn");
        add("tcp_syn_retries", "0", "refuse");
        add("tcp_syn_retries", "128", "refuse");
        add("tcp_syn_retries", "-1", "refuse");
        add("tcp_syn_retries", "-0", "refuse");
        add("tcp_syn_retries", "", "refuse");
        add("tcp_syn_retries", " ", "refuse");
        add("tcp_syn_retries", "\t\n", "refuse");
        add("tcp_syn_retries", " 5\n", "accept");
        add("tcp_syn_retries", "5\r", "refuse");
        add("tcp_syn_retries", "+5", "refuse");
        add("tcp_syn_retries", "0x5", "warn");
        add("tcp_syn_retries", "05", "refuse");
        add("tcp_syn_retries", "5 6", "refuse");
        add("tcp_syn_retries", "5abc", "refuse");
        add("tcp_syn_retries", "1; rm -rf /", "refuse");
        add("tcp_syn_retries", "../../etc/passwd", "refuse");
        add("tcp_syn_retries", "99999999999999999999", "refuse");
        add("tcp_syn_retries", QByteArray(2000, ' ') + '5', "refuse");
        add("tcp_syn_retries", QByteArray(5000, '7'), "refuse");
        add("tcp_syn_retries", "\xd9\xa3", "refuse"); // Arabic-Indic digit three
        add("tcp_synack_retries", "2", "accept");
        add("tcp_synack_retries", "0", "warn");
        add("tcp_synack_retries", "255", "warn");
        add("tcp_synack_retries", "256", "refuse");
        add("tcp_syn_linear_timeouts", "0", "accept");
        add("tcp_syn_linear_timeouts", "128", "refuse");
        add("tcp_syncookies", "0", "accept");
        add("tcp_syncookies", "1", "accept");
        add("tcp_syncookies", "2", "accept");
        add("tcp_syncookies", "3", "refuse");
        add("tcp_syncookies", "255", "refuse");
        add("tcp_syncookies", "256", "refuse");
        add("tcp_abort_on_overflow", "1", "accept");
        add("tcp_abort_on_overflow", "0", "accept");
        add("tcp_abort_on_overflow", "2", "refuse");
        add("tcp_tw_reuse", "0", "accept");
        add("tcp_tw_reuse", "1", "accept");
        add("tcp_tw_reuse", "2", "accept");
        add("tcp_tw_reuse", "3", "refuse");
        add("tcp_tw_reuse", "-1", "refuse");
        add("tcp_tw_reuse_delay", "1", "accept");
        add("tcp_tw_reuse_delay", "60000", "accept");
        add("tcp_tw_reuse_delay", "0", "refuse");
        add("tcp_tw_reuse_delay", "60001", "refuse");
        add("tcp_fin_timeout", "30", "accept");
        add("tcp_fin_timeout", "0", "refuse");
        add("tcp_fin_timeout", "-1", "refuse");
        add("tcp_fin_timeout", "2147483", "accept");
        add("tcp_fin_timeout", "2147484", "refuse");
        add("tcp_fin_timeout", "2147483647", "refuse");
        add("tcp_fin_timeout", "-2147483648", "refuse");
        add("tcp_keepalive_time", "600", "accept");
        add("tcp_keepalive_time", "0", "refuse");
        add("tcp_keepalive_intvl", "15", "accept");
        add("tcp_keepalive_intvl", "-15", "refuse");
        add("tcp_keepalive_probes", "3", "accept");
        add("tcp_keepalive_probes", "0", "warn");
        add("tcp_retries1", "3", "accept");
        add("tcp_retries1", "256", "refuse");
        add("tcp_retries2", "8", "accept");
        add("tcp_retries2", "15", "accept");
        add("tcp_retries2", "5", "warn");
        add("tcp_max_syn_backlog", "4096", "accept");
        add("tcp_max_syn_backlog", "2147483647", "accept");
        add("tcp_max_syn_backlog", "0", "refuse");
        add("tcp_max_syn_backlog", "-5", "refuse");
        add("tcp_max_syn_backlog", "2147483648", "refuse");
        add("somaxconn", "1024", "accept");
        add("somaxconn", "4096\n", "accept");
        add("somaxconn", "0", "warn");
        add("somaxconn", "-1", "refuse");
        add("somaxconn", "-0", "refuse");
        add("tcp_max_tw_buckets", "4096", "accept");
        add("tcp_max_tw_buckets", "0", "warn");
        add("tcp_max_tw_buckets", "-1", "refuse");
        add("tcp_fastopen", "0", "accept");
        add("tcp_fastopen", "3", "accept");
        add("tcp_fastopen", "1027", "accept");
        add("tcp_fastopen", "0x403", "warn");
        add("tcp_fastopen", "1024", "warn");
        add("tcp_fastopen", "8", "refuse");
        add("tcp_fastopen", "-1", "refuse");
        add("tcp_timestamps", "2", "accept");
        add("tcp_timestamps", "3", "refuse");
        add("tcp_window_scaling", "1", "accept");
        add("tcp_window_scaling", "2", "refuse");
        add("tcp_moderate_rcvbuf", "0", "accept");
        add("tcp_slow_start_after_idle", "0", "accept");
        add("tcp_slow_start_after_idle", "7", "refuse");
        add("tcp_orphan_retries", "0", "accept");
        add("tcp_orphan_retries", "8", "accept");
        add("tcp_adv_win_scale", "-31", "accept");
        add("tcp_adv_win_scale", "31", "accept");
        add("tcp_adv_win_scale", "-2", "accept");
        add("tcp_adv_win_scale", "32", "refuse");
        add("tcp_adv_win_scale", "-32", "refuse");
        add("tcp_notsent_lowat", "131072", "accept");
        add("tcp_notsent_lowat", "4294967295", "accept");
        add("tcp_notsent_lowat", "4294967296", "refuse");
        add("tcp_notsent_lowat", "-1", "refuse");
        add("tcp_rmem", "4096 131072 6291456", "accept");
        add("tcp_rmem", "4096\t131072\t6291456", "accept");
        add("tcp_rmem", " 4096 131072 6291456 \n", "accept");
        add("tcp_rmem", "1 1 1", "accept");
        add("tcp_rmem", "4096 131072", "refuse");
        add("tcp_rmem", "4096", "refuse");
        add("tcp_rmem", "3 2 1", "refuse");
        add("tcp_rmem", "0 1 2", "refuse");
        add("tcp_rmem", "-1 2 3", "refuse");
        add("tcp_rmem", "4096,131072,6291456", "refuse");
        add("tcp_rmem", "4096 131072 6291456 7", "refuse");
        add("tcp_rmem", "0x1000 0x2000 0x3000", "warn");
        add("tcp_rmem", "2147483648 1 1", "refuse");
        add("tcp_wmem", "4096 16384 8388608", "accept");
        add("tcp_wmem", "8192 4096 16384", "refuse");
        add("ip_local_port_range", "20000 60999", "accept");
        add("ip_local_port_range", "1024 65535", "accept");
        add("ip_local_port_range", "60999 60999", "accept");
        add("ip_local_port_range", "1024 65534", "warn");
        add("ip_local_port_range", "1023 65535", "refuse");
        add("ip_local_port_range", "0 65535", "refuse");
        add("ip_local_port_range", "2000 1001", "refuse");
        add("ip_local_port_range", "1024 65536", "refuse");
        add("ip_local_port_range", "1024", "refuse");
        add("ip_local_port_range", "1024-2001", "refuse");
        add("ip_local_port_range", "32768 60999 1", "refuse");
        add("tcp_congestion_control", "reno", "accept");
        add("tcp_congestion_control", "reno\n", "accept");
        add("tcp_congestion_control", "cubic", "any");
        add("tcp_congestion_control", "htcp", "refuse");
        add("tcp_congestion_control", "", "refuse");
        add("tcp_congestion_control", " reno", "refuse");
        add("tcp_congestion_control", "reno ", "refuse");
        add("tcp_congestion_control", "reno\n\nbbr", "refuse");
        add("tcp_congestion_control", "bbr cubic", "refuse");
        add("tcp_congestion_control", "RENO", "refuse");
        add("tcp_congestion_control", "../../etc/passwd", "refuse");
        add("tcp_congestion_control", "1; rm -rf /", "refuse");
        add("tcp_congestion_control", QByteArray(300, 'x'), "refuse");
        add("tcp_tw_recycle", "1", "refuse");
        add("tcp_tw_recycle", "0", "refuse");
    }

    void agreesWithTheKernel()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        const SysctlEntry *entry = m_catalog.find(key);
        QVERIFY2(entry, qPrintable(key));
        const SysctlReader reader;
        const SysctlValidation verdict =
            SysctlValidator::validate(*entry, QString::fromUtf8(input), reader.validationContext(m_catalog, *entry));

        const QString path = u"/proc/sys/"_s + entry->relativePath();
        const QByteArray before = readRaw(path);
        const bool kernel = kernelTakes(path, input);
        // A refused write can still have changed the value: "4096 131072 6291456 7" stores three
        // values and then fails on the fourth (a short write). Restore whatever happened.
        if (readRaw(path) != before)
            QVERIFY(kernelTakes(path, before));
        QCOMPARE(readRaw(path), before);

        // Never accept what the kernel refuses; always say why when refusing or warning.
        if (verdict.isAccepted())
            QVERIFY2(kernel, "the validator accepted a value the kernel refuses");
        else
            QVERIFY2(!verdict.error.isEmpty(), "refused without a reason");
        for (const QString &warning : verdict.warnings)
            QVERIFY(!warning.isEmpty());

        if (expected == u"accept"_s || expected == u"warn"_s) {
            QVERIFY2(verdict.isAccepted(), qPrintable(verdict.error));
            QCOMPARE(verdict.warnings.isEmpty(), expected == u"accept"_s);
        } else if (expected == u"refuse"_s) {
            QVERIFY2(!verdict.isAccepted(), qPrintable(verdict.value ? verdict.value->kernelText() : QString()));
        }

        // What TCP Lens would write (the canonical text) is taken and reads back as the typed value.
        if (verdict.isAccepted()) {
            QVERIFY(kernelTakes(path, verdict.value->kernelText().toUtf8()));
            QCOMPARE(SysctlReader::normalized(readRaw(path)), verdict.value->kernelText());
            QVERIFY(kernelTakes(path, before));
        }
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSysctlValidator, QCoreApplication)

#include "tst_sysctlvalidator.moc"
