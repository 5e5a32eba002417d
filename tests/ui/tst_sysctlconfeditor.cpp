// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The sysctl.conf editor: the syntax definition against reference files written the way
// KSyntaxHighlighting tests its own definitions (autotests/reference/*.ref: each token in the name of
// its format), regenerated with TCPLENS_REGENERATE_GOLDEN=1 (tests/data/syntax/regenerate.sh); and
// the lint's findings marked in the text and listed.
#include "sysctl/sysctlconfeditor.h"
#include "sysctl/sysctllintfindingmodel.h"
#include "sysctl/sysctlsyntax.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBlock>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// Each run of text in the name of its format: <Key>net.ipv4.tcp_fin_timeout</Key><Assignment>=</...>.
class ReferenceWriter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    QString render(const QString &text)
    {
        QString out;
        KSyntaxHighlighting::State state;
        for (const QString &line : text.split(u'\n')) {
            m_line = line;
            m_out.clear();
            state = highlightLine(line, state);
            out += m_out + u"<br/>\n"_s;
        }
        return out;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        const QString run = m_line.mid(offset, length);
        m_out += format.isValid() ? u"<%1>%2</%1>"_s.arg(format.name(), run) : run;
    }

private:
    QString m_line;
    QString m_out;
};

QString readData(const QString &relative)
{
    QFile file(QFINDTESTDATA(u"data/"_s + relative));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

SysctlLint::KernelView everyCatalogKey()
{
    QStringList present;
    if (auto catalog = SysctlCatalog::builtIn()) {
        for (const SysctlEntry &entry : catalog->entries()) {
            if (!entry.removed)
                present.append(entry.relativePath());
        }
    }
    SysctlLint::KernelView kernel;
    kernel.hasKey = [present](const QString &relative) {
        return present.contains(relative);
    };
    return kernel;
}

} // namespace

class TestSysctlConfEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definitionIsFound()
    {
        const KSyntaxHighlighting::Definition definition = SysctlSyntax::definition();
        QVERIFY2(definition.isValid(), "sysctl-conf.xml is not in :/org.kde.syntax-highlighting/syntax-addons");
        QCOMPARE(definition.name(), u"sysctl.conf"_s);
        QCOMPARE(SysctlSyntax::repository().definitionForFileName(u"/etc/sysctl.conf"_s).name(), u"sysctl.conf"_s);
    }

    void highlightingMatchesTheReference_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addRow("the lessons' production file") << u"production.conf"_s;
        QTest::addRow("hostile lines") << u"hostile.conf"_s;
        QTest::addRow("every form the loaders take") << u"forms.conf"_s;
    }
    void highlightingMatchesTheReference()
    {
        QFETCH(QString, input);
        const QString text = readData(u"syntax/"_s + input);
        QVERIFY2(!text.isEmpty(), qPrintable(input));
        ReferenceWriter writer;
        writer.setDefinition(SysctlSyntax::definition());
        const QString actual = writer.render(text);
        const QString referenceName = QFileInfo(input).completeBaseName() + u".ref"_s;
        if (qEnvironmentVariableIsSet("TCPLENS_REGENERATE_GOLDEN")) {
            QFile out(QFileInfo(QFINDTESTDATA(u"data/syntax/"_s + input)).dir().filePath(referenceName));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
            return;
        }
        const QString expected = readData(u"syntax/"_s + referenceName);
        QVERIFY2(!expected.isEmpty(),
            qPrintable(u"no reference %1: run tests/data/syntax/regenerate.sh"_s.arg(referenceName)));
        const QStringList actualLines = actual.split(u'\n');
        const QStringList expectedLines = expected.split(u'\n');
        for (qsizetype i = 0; i < std::min(actualLines.size(), expectedLines.size()); ++i)
            QCOMPARE(actualLines[i], expectedLines[i]);
        QCOMPARE(actualLines.size(), expectedLines.size());
    }

    void findingsAreMarkedAndListed()
    {
        SysctlConfEditor editor;
        QAbstractItemModelTester tester(editor.findingModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        editor.setKernelView(everyCatalogKey());
        editor.setDocument(u"production.conf"_s, readData(u"sysctl-lint/production.conf"_s));
        QCOMPARE(editor.definitionName(), u"sysctl.conf"_s);
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY(catalog.has_value());
        const auto expected = SysctlLint::lint(*catalog, {{u"production.conf"_s, editor.text()}}, everyCatalogKey());
        QVERIFY(!expected.isEmpty());
        QCOMPARE(editor.findingModel()->findings(), expected);
        QCOMPARE(editor.textEdit()->extraSelections().size(), 2 * expected.size()); // underline and line tint
        // The tcp_tw_recycle line is underlined where its key is.
        const auto recycle = std::find_if(expected.cbegin(), expected.cend(),
            [](const SysctlLintFinding &f) { return f.key == u"net.ipv4.tcp_tw_recycle"_s; });
        QVERIFY(recycle != expected.cend());
        const QTextCursor marked = editor.textEdit()->extraSelections().at(recycle - expected.cbegin()).cursor;
        QCOMPARE(marked.selectedText(), u"net.ipv4.tcp_tw_recycle"_s);

        // Activating a finding moves the cursor to it.
        const QModelIndex row = editor.findingModel()->index(int(recycle - expected.cbegin()), 0);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *list = editor.findChild<QTableView *>(u"sysctlLintFindings"_s);
        QVERIFY(list);
        list->scrollTo(row);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        QCOMPARE(editor.textEdit()->textCursor().blockNumber() + 1, recycle->line);

        // The documentation's picture (docs/make-screenshots.sh sets the folder).
        const QString screenshots = qEnvironmentVariable("TCPLENS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            editor.resize(1000, 640);
            list->scrollToTop();
            editor.textEdit()->moveCursor(QTextCursor::Start);
            QVERIFY(editor.grab().save(screenshots + u"/sysctl-lint.png"_s));
        }
    }

    void typingRelints()
    {
        SysctlConfEditor editor;
        editor.setKernelView(everyCatalogKey());
        QSignalSpy linted(&editor, &SysctlConfEditor::linted);
        editor.setDocument(u"new.conf"_s, u"net.ipv4.tcp_fin_timeout = 30\n"_s);
        QCOMPARE(editor.findingModel()->rowCount(), 0);
        QTextCursor end(editor.textEdit()->document());
        end.movePosition(QTextCursor::End);
        end.insertText(u"net.ipv4.tcp_tw_recycle = 1\n"_s);
        QTRY_COMPARE(editor.findingModel()->errorCount(), 1);
        QVERIFY(linted.size() >= 2);
    }
};

QTEST_MAIN(TestSysctlConfEditor)

#include "tst_sysctlconfeditor.moc"
