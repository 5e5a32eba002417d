// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "problemsstatusbutton.h"

#include "pipeline/liveconnections.h"
#include "statecolors.h"

#include <QEvent>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

ProblemsStatusButton::ProblemsStatusButton(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(u"problemsStatusButton"_s);
    setAutoRaise(true);
    setCursor(Qt::PointingHandCursor);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setVisible(false);
}

void ProblemsStatusButton::setConnections(LiveConnections *connections)
{
    connect(connections, &LiveConnections::diagnosisUpdated, this, &ProblemsStatusButton::showReport);
    connect(connections, &LiveConnections::sourceChanged, this, [this] { showReport({}); });
}

void ProblemsStatusButton::showReport(const DiagnosisReport &report)
{
    m_report = report;
    const qsizetype count = report.problems.size();
    setVisible(count > 0);
    if (count == 0)
        return;
    const auto worst = std::max_element(
        report.problems.cbegin(), report.problems.cend(), [](const DiagnosisProblem &a, const DiagnosisProblem &b) {
            return a.severity < b.severity;
        })->severity;
    setText(tr("⚠ %n problem(s)", nullptr, int(count)));
    QPalette colours = palette();
    colours.setColor(QPalette::ButtonText, StateColors::severityColor(worst, palette()));
    setPalette(colours);
    QStringList titles;
    for (const DiagnosisProblem &problem : report.problems)
        titles.append(u"<li>%1</li>"_s.arg(problem.title.toHtmlEscaped()));
    setToolTip(tr("<p>The diagnosis found:</p><ul>%1</ul><p>Click to see them in the Problems view (Alt+7).</p>")
            .arg(titles.join(QString())));
}

void ProblemsStatusButton::changeEvent(QEvent *event)
{
    QToolButton::changeEvent(event);
    // Another theme: the severity's colour for the new window colour.
    if (event->type() == QEvent::ApplicationPaletteChange && !m_report.problems.isEmpty()) {
        setPalette(QPalette());
        showReport(m_report);
    }
}

} // namespace TcpLens
