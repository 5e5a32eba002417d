// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctllint.h"

#include <QDialog>
#include <QList>

#include <expected>

class QLabel;
class QPushButton;

namespace TcpLens {

class SysctlConfEditor;

// A sysctl.conf text in a small dialog, in a SysctlConfEditor (highlighted, each line linted against
// the catalog and this kernel): the journal rendered as an /etc/sysctl.d/ file, to read and save
// (Export), or a file the user opened, with what SysctlLint found in it (Check).
class SysctlFileDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose : quint8 { Export, Check };

    explicit SysctlFileDialog(Purpose purpose, QWidget *parent = nullptr);

    // A name for messages and the text; the editor lints it at once.
    void setDocument(const QString &fileName, const QString &text);
    QString text() const;
    SysctlConfEditor *editor() const { return m_editor; }
    QString fileName() const { return m_fileName; }
    // The findings as "FILE:LINE: severity: message" lines.
    QStringList findingLines() const;

    // Writes the text to `path` at once (QSaveFile); the error in words otherwise.
    std::expected<void, QString> saveTo(const QString &path) const;

private:
    void saveInteractively();

    Purpose m_purpose;
    QString m_fileName;
    QLabel *m_caption;
    SysctlConfEditor *m_editor;
    QPushButton *m_save = nullptr;
};

} // namespace TcpLens
