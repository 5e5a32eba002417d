// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctllint.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
} // namespace KSyntaxHighlighting

namespace TcpLens {

class SysctlLintFindingModel;

// A sysctl.conf file as text: highlighted with TCP Lens's syntax definition for sysctl.conf
// (resources/syntax/sysctl-conf.xml, through KSyntaxHighlighting), each line checked by SysctlLint as
// it is typed, the findings underlined where they are and listed below; a click on one goes there.
// Used for the journal rendered as an /etc/sysctl.d/ file and for any sysctl.conf a user opens.
class SysctlConfEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SysctlConfEditor(QWidget *parent = nullptr);
    ~SysctlConfEditor() override;

    // `fileName` names the document in findings ("99-tcp.conf").
    void setDocument(const QString &fileName, const QString &text);
    QString text() const;
    void setReadOnly(bool readOnly);
    // What the lint checks against; default: the kernel of this process's namespace.
    void setKernelView(const SysctlLint::KernelView &kernel);

    QPlainTextEdit *textEdit() const { return m_text; }
    SysctlLintFindingModel *findingModel() const { return m_findings; }
    // The name of the syntax definition in use ("sysctl.conf"); empty if KSyntaxHighlighting has none.
    QString definitionName() const;

    // Lints now instead of after the typing pause.
    void lintNow();

Q_SIGNALS:
    void linted(int errors, int warnings);

private:
    void markFindings();
    void goToFinding(const QModelIndex &index);

    QPlainTextEdit *m_text;
    QTableView *m_list;
    QLabel *m_summary;
    QTimer *m_lintTimer;
    SysctlLintFindingModel *m_findings;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QString m_fileName;
    std::optional<SysctlLint::KernelView> m_kernel;
    std::optional<SysctlCatalog> m_catalog;
};

} // namespace TcpLens
