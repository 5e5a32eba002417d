// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlfiledialog.h"

#include "sysctl/sysctlconfeditor.h"
#include "sysctl/sysctllintfindingmodel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlFileDialog::SysctlFileDialog(Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_purpose(purpose)
    , m_caption(new QLabel(this))
    , m_editor(new SysctlConfEditor(this))
{
    setWindowTitle(purpose == Purpose::Export ? tr("Export as sysctl.d File") : tr("Check a sysctl.conf File"));
    m_caption->setWordWrap(true);
    m_editor->setObjectName(u"sysctlFileEditor"_s);
    // An export is what the journal says; a checked file is the user's to fix in their own editor.
    m_editor->setReadOnly(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_editor, 1);
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
    m_editor->setDocument(fileName, text);
    if (m_purpose == Purpose::Export)
        m_caption->setText(tr("The changes in force, as a file for /etc/sysctl.d/: sysctl --system loads it at "
                              "boot. Each key says what it does and which value it replaces."));
    else
        m_caption->setText(tr("%1, checked against TCP Lens's catalog and this kernel.").arg(fileName));
}

QString SysctlFileDialog::text() const
{
    return m_editor->text();
}

QStringList SysctlFileDialog::findingLines() const
{
    QStringList lines;
    for (const SysctlLintFinding &finding : m_editor->findingModel()->findings())
        lines.append(SysctlLint::format(finding));
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
