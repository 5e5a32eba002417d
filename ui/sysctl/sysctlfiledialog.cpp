// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlfiledialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlFileDialog::SysctlFileDialog(Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_purpose(purpose)
    , m_caption(new QLabel(this))
    // SysctlConfEditor (ui/sysctl/sysctlconfeditor.h: highlighting with KSyntaxHighlighting, lint
    // findings marked in the text and listed) takes this plain text's place: construct it here,
    // call its setDocument() and setReadOnly(true) where m_text's are called, read text() from it,
    // and drop m_findings, which it lists itself.
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(purpose == Purpose::Export ? tr("Export as sysctl.d File") : tr("Check a sysctl.conf File"));
    m_caption->setWordWrap(true);
    m_text->setObjectName(u"sysctlFileText"_s);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_text, 3);
    if (purpose == Purpose::Check) {
        m_findings = new QListWidget(this);
        m_findings->setObjectName(u"sysctlFindings"_s);
        layout->addWidget(m_findings, 1);
        // A finding's line is shown in the text.
        connect(m_findings, &QListWidget::currentRowChanged, this, [this](int row) {
            const int line = row < 0 ? 0 : m_findings->item(row)->data(Qt::UserRole).toInt();
            if (line <= 0)
                return;
            QTextCursor cursor(m_text->document()->findBlockByNumber(line - 1));
            m_text->setTextCursor(cursor);
            m_text->centerCursor();
        });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    if (purpose == Purpose::Export) {
        m_save = buttons->addButton(tr("Save As…"), QDialogButtonBox::ActionRole);
        m_save->setIcon(QIcon::fromTheme(u"document-save-as"_s));
        connect(m_save, &QPushButton::clicked, this, &SysctlFileDialog::saveInteractively);
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 620);
}

void SysctlFileDialog::setDocument(const QString &fileName, const QString &text)
{
    m_fileName = fileName;
    m_text->setPlainText(text);
    if (m_purpose == Purpose::Export)
        m_caption->setText(tr("The changes in force, as a file for /etc/sysctl.d/: sysctl --system loads it at "
                              "boot. Each key says what it does and which value it replaces."));
    else
        m_caption->setText(tr("%1, checked against TCP Lens's catalog and this kernel.").arg(fileName));
}

void SysctlFileDialog::setFindings(const QList<SysctlLintFinding> &findings)
{
    if (!m_findings)
        return;
    m_findings->clear();
    for (const SysctlLintFinding &finding : findings) {
        auto *item = new QListWidgetItem(SysctlLint::format(finding), m_findings);
        item->setData(Qt::UserRole, finding.line);
        item->setIcon(QIcon::fromTheme(
            finding.severity == SysctlLintFinding::Severity::Error ? u"dialog-error"_s : u"dialog-warning"_s));
    }
    if (findings.isEmpty())
        new QListWidgetItem(tr("No problem found."), m_findings);
}

QString SysctlFileDialog::text() const
{
    return m_text->toPlainText();
}

QStringList SysctlFileDialog::findingLines() const
{
    QStringList lines;
    for (int row = 0; m_findings && row < m_findings->count(); ++row)
        lines.append(m_findings->item(row)->text());
    return lines;
}

std::expected<void, QString> SysctlFileDialog::saveTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text().toUtf8()) < 0 || !file.commit())
        return std::unexpected(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void SysctlFileDialog::saveInteractively()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save sysctl.d File"), u"90-tcplens.conf"_s, tr("sysctl.d files (*.conf);;All files (*)"));
    if (path.isEmpty())
        return;
    if (auto saved = saveTo(path); !saved)
        QMessageBox::warning(this, windowTitle(), saved.error());
    else
        m_caption->setText(tr("Saved as %1. Copy it to /etc/sysctl.d/ to keep these values after a reboot.")
                .arg(QFileInfo(path).absoluteFilePath()));
}

} // namespace TcpLens
