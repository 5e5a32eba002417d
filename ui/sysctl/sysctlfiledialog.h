// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctllint.h"

#include <QDialog>
#include <QList>

#include <expected>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace TcpLens {

// A sysctl.conf text in a small dialog: the journal rendered as an /etc/sysctl.d/ file, to read and
// save (Export), or a file the user opened, with what SysctlLint found in it (Check).
class SysctlFileDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose : quint8 { Export, Check };

    explicit SysctlFileDialog(Purpose purpose, QWidget *parent = nullptr);

    // As SysctlConfEditor takes a document: a name for messages and the text.
    void setDocument(const QString &fileName, const QString &text);
    // Check: the findings, listed under the text.
    void setFindings(const QList<SysctlLintFinding> &findings);
    QString text() const;
    QString fileName() const { return m_fileName; }
    QStringList findingLines() const;

    // Writes the text to `path` at once (QSaveFile); the error in words otherwise.
    std::expected<void, QString> saveTo(const QString &path) const;

private:
    void saveInteractively();

    Purpose m_purpose;
    QString m_fileName;
    QLabel *m_caption;
    QPlainTextEdit *m_text;
    QListWidget *m_findings = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace TcpLens
