// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "problemspanel.h"

#include "diagnosis/problemsmodel.h"
#include "pipeline/liveconnections.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new ProblemsModel(this))
    , m_heading(new QLabel(this))
    , m_view(new QTreeView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_heading->setObjectName(u"problemsHeading"_s);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::RichText);
    layout->addWidget(m_heading);
    m_view->setObjectName(u"problemsView"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    // Rows are two lines high (a problem's title and summary, apart at a line break); long texts are
    // elided, not wrapped, so a fix does not make its row tall: the tooltip has it whole.
    m_view->setUniformRowHeights(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAllColumnsShowFocus(true);
    m_view->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = m_view->header();
    // What was found takes what the short columns and the fix (resizeEvent()) leave: no horizontal
    // scrolling in a narrow dock (both are whole in their tooltips).
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ProblemsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProblemsModel::ProblemColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ProblemsModel::RowsColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProblemsModel::SinceColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProblemsModel::FixColumn, QHeaderView::Interactive);
    m_view->setColumnWidth(ProblemsModel::LessonColumn, 150);
    layout->addWidget(m_view, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ProblemsPanel::selectionChanged);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const QStringList sysctls = index.data(ProblemsModel::SysctlsRole).toStringList();
        if (!sysctls.isEmpty())
            Q_EMIT sysctlRequested(sysctls.constFirst());
    });
    updateHeading();
}

void ProblemsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A quarter of the width for the fix, the first words of which say what to do; the rest goes to
    // the problem's summary.
    m_view->setColumnWidth(ProblemsModel::FixColumn, std::max(140, width() / 4));
}

void ProblemsPanel::setConnections(LiveConnections *connections)
{
    m_connections = connections;
    connect(connections, &LiveConnections::diagnosisUpdated, this, &ProblemsPanel::showReport);
    connect(connections, &LiveConnections::sourceChanged, this, [this] {
        m_received = false;
        m_model->clear();
        updateHeading();
    });
    connect(connections, &LiveConnections::sourceAttached, this, &ProblemsPanel::updateHeading);
}

void ProblemsPanel::showReport()
{
    if (m_paused)
        return;
    m_received = true;
    // The model moves rows: the view's selection follows them; no choice is made or lost by that.
    m_updating = true;
    m_model->setReport(m_connections->diagnosis());
    m_updating = false;
    updateHeading();
    if (m_chosen.isEmpty())
        return;
    const int row = m_model->rowOfRule(m_chosen);
    const DiagnosisProblem *problem = m_model->problemAt(row);
    const QList<quint64> cookies = problem ? problem->cookies : QList<quint64>();
    if (cookies != m_chosenCookies)
        emitFilter();
}

bool ProblemsPanel::chooseProblem(const QString &ruleId)
{
    const int row = m_model->rowOfRule(ruleId);
    if (row < 0)
        return false;
    m_view->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void ProblemsPanel::clearChoice()
{
    if (m_chosen.isEmpty())
        return;
    m_view->selectionModel()->clearSelection();
}

void ProblemsPanel::selectionChanged()
{
    if (m_updating)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        if (m_chosen.isEmpty())
            return;
        m_chosen.clear();
        m_chosenCookies.clear();
        Q_EMIT filterCleared();
        return;
    }
    m_chosen = rows.constFirst().data(ProblemsModel::RuleIdRole).toString();
    emitFilter();
    Q_EMIT problemChosen(m_chosenCookies);
}

void ProblemsPanel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && m_connections && m_received)
        showReport();
}

void ProblemsPanel::emitFilter()
{
    const DiagnosisProblem *problem = m_model->problemAt(m_model->rowOfRule(m_chosen));
    m_chosenCookies = problem ? problem->cookies : QList<quint64>();
    const DiagnosisRule *rule = m_connections ? m_connections->diagnoser().rules().find(m_chosen) : nullptr;
    const QString title = problem ? problem->title : rule ? rule->title : m_chosen;
    Q_EMIT filterRequested(m_chosen, title, m_chosenCookies);
}

void ProblemsPanel::updateHeading()
{
    QString where = tr("this namespace");
    if (m_connections && m_connections->source()) {
        const SourceDescription description = m_connections->description();
        if (description.kind == SourceDescription::Kind::Lab)
            where = tr("the lab “%1”").arg(description.title);
        else if (!description.netns.isEmpty())
            where = tr("network namespace %1").arg(description.netns);
        else if (!description.host.isEmpty())
            where = tr("%1's network namespace").arg(description.host);
    }
    m_view->setVisible(m_model->rowCount() > 0);
    if (!m_received) {
        m_heading->setText(tr("Waiting for the first dump of %1…").arg(where.toHtmlEscaped()));
        return;
    }
    const int count = m_model->rowCount();
    if (count == 0) {
        const int rules = m_connections ? int(m_connections->diagnoser().rules().rules().size()) : 0;
        m_heading->setText(tr("<p><b>No problems found in %1.</b></p><p>None of the %2 rules holds: no "
                              "connection stuck in CLOSE-WAIT or FIN-WAIT-2, no listener overflowing, no SYN or "
                              "SYN-ACK left unanswered, no retransmission or keepalive going unanswered, no pile "
                              "of TIME-WAIT, no local ports running out.</p>")
                .arg(where.toHtmlEscaped())
                .arg(rules));
        return;
    }
    m_heading->setText(
        tr("%n problem(s) in %1, most urgent first. Click one to show its rows in the table (Esc shows all "
           "again); double-click one to open the sysctl that addresses it.",
            nullptr, count)
            .arg(where.toHtmlEscaped()));
}

} // namespace TcpLens
