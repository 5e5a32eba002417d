// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// sysctl.conf lint: golden outputs for real-world and hostile files (tests/data/sysctl-lint/), with a
// kernel that has every key of the catalog, so they read the same on every machine. Regenerate the
// references with TCPLENS_REGENERATE_GOLDEN=1 (tests/data/sysctl-lint/regenerate.sh) and read the diff.
#include "sysctl/sysctllint.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

SysctlLint::KernelView catalogKernel(const SysctlCatalog &catalog)
{
    QStringList present;
    for (const SysctlEntry &entry : catalog.entries()) {
        if (!entry.removed)
            present.append(entry.relativePath());
    }
    SysctlLint::KernelView kernel;
    kernel.hasKey = [present](const QString &relativePath) {
        return present.contains(relativePath);
    };
    kernel.context.choices = {u"reno"_s, u"cubic"_s};
    return kernel;
}

QString golden(const QList<SysctlLintFinding> &findings)
{
    QString text;
    for (const SysctlLintFinding &finding : findings) {
        text += u"%1:%2:%3+%4: %5: %6\n"_s.arg(QFileInfo(finding.file).fileName())
                    .arg(finding.line)
                    .arg(finding.column)
                    .arg(finding.length)
                    .arg(finding.severity == SysctlLintFinding::Severity::Error ? u"error"_s : u"warning"_s,
                        finding.message);
    }
    return text;
}

} // namespace

class TestSysctlLint : public QObject
{
    Q_OBJECT

    SysctlCatalog m_catalog;

    static SysctlConfFile read(const QString &name)
    {
        const QString path = QFINDTESTDATA(u"data/sysctl-lint/"_s + name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {name, {}};
        return {name, QString::fromUtf8(file.readAll())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY2(catalog.has_value(), catalog.has_value() ? "" : qPrintable(catalog.error()));
        m_catalog = std::move(*catalog);
    }

    void matchesTheReference_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("reference");
        QTest::addRow("the lessons' production file") << QStringList{u"production.conf"_s} << u"production.expected"_s;
        QTest::addRow("hostile lines") << QStringList{u"hostile.conf"_s} << u"hostile.expected"_s;
        QTest::addRow("a later file overrides")
            << QStringList{u"10-first.conf"_s, u"20-later.conf"_s} << u"override.expected"_s;
        QTest::addRow("a clean file") << QStringList{u"clean.conf"_s} << u"clean.expected"_s;
    }
    void matchesTheReference()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, reference);
        QList<SysctlConfFile> input;
        for (const QString &name : std::as_const(files)) {
            input.append(read(name));
            QVERIFY2(!input.constLast().text.isEmpty(), qPrintable(u"missing test file "_s + name));
        }
        const QString actual = golden(SysctlLint::lint(m_catalog, input, catalogKernel(m_catalog)));
        const QString referencePath = QFINDTESTDATA(u"data/sysctl-lint/"_s + reference);
        if (qEnvironmentVariableIsSet("TCPLENS_REGENERATE_GOLDEN")) {
            QFile out(QFileInfo(QFINDTESTDATA(u"data/sysctl-lint/"_s + files.constFirst())).dir().filePath(reference));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
            return;
        }
        QFile expectedFile(referencePath);
        QVERIFY2(expectedFile.open(QIODevice::ReadOnly),
            qPrintable(u"no reference %1: run tests/data/sysctl-lint/regenerate.sh"_s.arg(reference)));
        const QString expected = QString::fromUtf8(expectedFile.readAll());
        // Line by line, so a failure shows the first line that differs.
        const QStringList actualLines = actual.split(u'\n');
        const QStringList expectedLines = expected.split(u'\n');
        for (qsizetype i = 0; i < std::min(actualLines.size(), expectedLines.size()); ++i)
            QCOMPARE(actualLines[i], expectedLines[i]);
        QCOMPARE(actualLines.size(), expectedLines.size());
    }

    void cleanFileHasNoFinding()
    {
        const auto findings = SysctlLint::lint(m_catalog, {read(u"clean.conf"_s)}, catalogKernel(m_catalog));
        QVERIFY2(findings.isEmpty(), qPrintable(golden(findings)));
    }

    void productionFileHasErrors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("severity");
        QTest::addRow("removed in 4.12") << u"net.ipv4.tcp_tw_recycle"_s << u"error"_s;
        QTest::addRow("the module's own key, gone with it") << u"net.ipv4.ip_conntrack_max"_s << u"error"_s;
        QTest::addRow("the netfilter alias, gone too") << u"net.ipv4.netfilter.ip_conntrack_max"_s << u"error"_s;
        QTest::addRow("quotes reach the kernel") << u"net.ipv4.tcp_mem"_s << u"error"_s;
    }
    void productionFileHasErrors()
    {
        QFETCH(QString, key);
        QFETCH(QString, severity);
        const auto findings = SysctlLint::lint(m_catalog, {read(u"production.conf"_s)}, catalogKernel(m_catalog));
        const bool found = std::any_of(findings.cbegin(), findings.cend(), [&](const SysctlLintFinding &f) {
            return f.key == key &&
                (f.severity == SysctlLintFinding::Severity::Error ? u"error"_s : u"warning"_s) == severity;
        });
        QVERIFY2(found, qPrintable(golden(findings)));
    }

    void cutAtEveryOffsetNeverCrashes()
    {
        // Truncated files (a copy cut short, a disk full) are linted line by line like any other.
        const QString text = read(u"hostile.conf"_s).text;
        for (qsizetype cut = 0; cut <= text.size(); ++cut) {
            const auto findings =
                SysctlLint::lint(m_catalog, {{u"cut.conf"_s, text.first(cut)}}, catalogKernel(m_catalog));
            for (const SysctlLintFinding &finding : findings) {
                QVERIFY(finding.line >= 1);
                QVERIFY(finding.column >= 1);
                QVERIFY(!finding.message.isEmpty());
            }
        }
    }

    void hugeValueIsRefusedNotParsed()
    {
        const QString line = u"net.ipv4.tcp_fin_timeout = "_s + QString(100'000, u'9') + u'\n';
        const auto findings = SysctlLint::lint(m_catalog, {{u"huge.conf"_s, line}}, catalogKernel(m_catalog));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.constFirst().severity, SysctlLintFinding::Severity::Error);
    }

    void formatIsWhatCompilersPrint()
    {
        const SysctlLintFinding finding{u"/etc/sysctl.d/99-tcp.conf"_s, 12, 1, 23, SysctlLintFinding::Severity::Error,
            u"net.ipv4.tcp_tw_recycle"_s, u"gone"_s};
        QCOMPARE(SysctlLint::format(finding), u"/etc/sysctl.d/99-tcp.conf:12: error: gone"_s);
    }
};

QTEST_GUILESS_MAIN(TestSysctlLint)

#include "tst_sysctllint.moc"
