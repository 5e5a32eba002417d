// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlconfeditor.h"

#include "sysctl/sysctllintfindingmodel.h"
#include "sysctlsyntax.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
// Long enough not to lint between two keystrokes of a word, short enough to feel immediate.
constexpr int LintPauseMs = 250;
} // namespace

SysctlConfEditor::SysctlConfEditor(QWidget *parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_list(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_lintTimer(new QTimer(this))
    , m_findings(new SysctlLintFindingModel(this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(m_text->document()))
{
    m_text->setObjectName(u"sysctlConfText"_s);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    KSyntaxHighlighting::Repository &repository = SysctlSyntax::repository();
    m_highlighter->setDefinition(SysctlSyntax::definition());
    m_highlighter->setTheme(repository.themeForPalette(palette()));

    m_list->setObjectName(u"sysctlLintFindings"_s);
    m_list->setModel(m_findings);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setWordWrap(false);
    connect(m_list, &QAbstractItemView::activated, this, &SysctlConfEditor::goToFinding);
    connect(m_list, &QAbstractItemView::clicked, this, &SysctlConfEditor::goToFinding);
    m_summary->setObjectName(u"sysctlLintSummary"_s);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_text);
    auto *below = new QWidget(splitter);
    auto *belowLayout = new QVBoxLayout(below);
    belowLayout->setContentsMargins(0, 0, 0, 0);
    belowLayout->addWidget(m_summary);
    belowLayout->addWidget(m_list);
    splitter->addWidget(below);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_lintTimer->setSingleShot(true);
    m_lintTimer->setInterval(LintPauseMs);
    connect(m_lintTimer, &QTimer::timeout, this, &SysctlConfEditor::lintNow);
    connect(m_text, &QPlainTextEdit::textChanged, m_lintTimer, qOverload<>(&QTimer::start));
    if (auto catalog = SysctlCatalog::builtIn())
        m_catalog = std::move(*catalog);
}

SysctlConfEditor::~SysctlConfEditor() = default;

void SysctlConfEditor::setDocument(const QString &fileName, const QString &text)
{
    m_fileName = fileName;
    m_text->setPlainText(text);
    lintNow();
}

QString SysctlConfEditor::text() const
{
    return m_text->toPlainText();
}

void SysctlConfEditor::setReadOnly(bool readOnly)
{
    m_text->setReadOnly(readOnly);
}

void SysctlConfEditor::setKernelView(const SysctlLint::KernelView &kernel)
{
    m_kernel = kernel;
    lintNow();
}

QString SysctlConfEditor::definitionName() const
{
    return m_highlighter->definition().name();
}

void SysctlConfEditor::lintNow()
{
    m_lintTimer->stop();
    if (!m_catalog) {
        m_summary->setText(tr("The sysctl catalog could not be read: nothing is checked."));
        return;
    }
    if (!m_kernel)
        m_kernel = SysctlLint::runningKernel();
    m_findings->setFindings(SysctlLint::lint(*m_catalog, {{m_fileName, m_text->toPlainText()}}, *m_kernel));
    const int errors = m_findings->errorCount();
    const int warnings = m_findings->rowCount() - errors;
    if (m_findings->rowCount() == 0)
        m_summary->setText(tr("No problem found: every line is a key this kernel has, with a value it takes."));
    else
        m_summary->setText(tr("%1, %2 — click one to go to its line.")
                .arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings)));
    m_list->resizeColumnToContents(SysctlLintFindingModel::LineColumn);
    m_list->resizeColumnToContents(SysctlLintFindingModel::SeverityColumn);
    markFindings();
    Q_EMIT linted(errors, warnings);
}

void SysctlConfEditor::markFindings()
{
    // Underlines, as a spell checker does: the text stays readable and its highlighting stays on.
    QList<QTextEdit::ExtraSelection> selections;
    QList<QTextEdit::ExtraSelection> lines;
    QTextDocument *document = m_text->document();
    for (const SysctlLintFinding &finding : m_findings->findings()) {
        const QTextBlock block = document->findBlockByNumber(finding.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        const int start = std::clamp(finding.column - 1, 0, std::max(0, block.length() - 1));
        const int end = std::clamp(start + std::max(finding.length, 1), start, std::max(0, block.length() - 1));
        selection.cursor.setPosition(block.position() + start);
        selection.cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
        const bool error = finding.severity == SysctlLintFinding::Severity::Error;
        const QColor colour = error ? QColor(220, 30, 30) : QColor(230, 150, 0);
        // The whole line tinted, so a finding is seen at a glance; the exact place underlined.
        QTextEdit::ExtraSelection line;
        line.cursor = QTextCursor(block);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        QColor tint = colour;
        tint.setAlpha(40);
        line.format.setBackground(tint);
        lines.append(line);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(colour);
        selection.format.setToolTip(finding.message);
        selections.append(selection);
    }
    // Underlines first, in finding order (findings()[i] is extraSelections()[i]); tints after.
    m_text->setExtraSelections(selections + lines);
}

void SysctlConfEditor::goToFinding(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const int line = index.data(SysctlLintFindingModel::LineRole).toInt();
    const int column = index.data(SysctlLintFindingModel::ColumnRole).toInt();
    const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + std::clamp(column - 1, 0, std::max(0, block.length() - 1)));
    m_text->setTextCursor(cursor);
    m_text->centerCursor();
    m_text->setFocus(Qt::OtherFocusReason);
}

} // namespace TcpLens
