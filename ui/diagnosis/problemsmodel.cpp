// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "problemsmodel.h"

#include "formatting.h"
#include "statecolors.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace TcpLens {

using namespace Qt::StringLiterals;

ProblemsModel::ProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.problems.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const DiagnosisProblem *ProblemsModel::problemAt(int row) const
{
    return row >= 0 && row < m_report.problems.size() ? &m_report.problems.at(row) : nullptr;
}

int ProblemsModel::rowOfRule(const QString &ruleId) const
{
    for (int row = 0; row < m_report.problems.size(); ++row) {
        if (m_report.problems.at(row).ruleId == ruleId)
            return row;
    }
    return -1;
}

void ProblemsModel::setReport(const DiagnosisReport &report)
{
    QList<DiagnosisProblem> &rows = m_report.problems;
    QSet<QString> wanted;
    for (const DiagnosisProblem &problem : report.problems)
        wanted.insert(problem.ruleId);
    // The problems gone first, from the bottom, so the rows above keep their numbers.
    for (int row = int(rows.size()) - 1; row >= 0; --row) {
        if (wanted.contains(rows.at(row).ruleId))
            continue;
        beginRemoveRows({}, row, row);
        rows.removeAt(row);
        endRemoveRows();
    }
    m_report.generation = report.generation;
    m_report.monotonicNs = report.monotonicNs;
    m_report.takenAt = report.takenAt;
    // Then row by row in the new rank: every row above `i` already is where the report wants it, so
    // a problem found further down moves up (its selection goes with it) and a new one is inserted.
    for (int i = 0; i < report.problems.size(); ++i) {
        const DiagnosisProblem &problem = report.problems.at(i);
        const int at = rowOfRule(problem.ruleId);
        if (at < 0) {
            beginInsertRows({}, i, i);
            rows.insert(i, problem);
            endInsertRows();
            continue;
        }
        if (at != i) {
            beginMoveRows({}, at, at, {}, i);
            rows.move(at, i);
            endMoveRows();
        }
        rows[i] = problem;
        // "Since" moves on with every report even when nothing else does.
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

void ProblemsModel::clear()
{
    if (m_report.problems.isEmpty()) {
        m_report = {};
        return;
    }
    beginResetModel();
    m_report = {};
    endResetModel();
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SeverityColumn:
        return tr("Severity");
    case ProblemColumn:
        return tr("Problem");
    case RowsColumn:
        return tr("Rows");
    case SinceColumn:
        return tr("Since");
    case LessonColumn:
        return tr("Lesson");
    case FixColumn:
        return tr("Fix");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    const DiagnosisProblem *problem = index.isValid() ? problemAt(index.row()) : nullptr;
    if (!problem)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*problem, index.column());
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return severityIcon(problem->severity);
        return {};
    case Qt::ToolTipRole:
        return toolTipHtml(*problem, m_report.monotonicNs);
    case Qt::SizeHintRole:
        // Two lines and some air: the delegate's own hint leaves none between rows.
        if (index.column() == ProblemColumn)
            return QSize(0, QFontMetrics(QGuiApplication::font()).lineSpacing() * 2 + 8);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RowsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RuleIdRole:
        return problem->ruleId;
    case SeverityRole:
        return int(problem->severity);
    case CookiesRole:
        return QVariant::fromValue(problem->cookies);
    case SysctlsRole:
        return problem->sysctls;
    case CountersRole:
        return problem->counters;
    case ScoreRole:
        return problem->score;
    default:
        return {};
    }
}

QVariant ProblemsModel::displayData(const DiagnosisProblem &problem, int column) const
{
    switch (Column(column)) {
    case SeverityColumn:
        return severityText(problem.severity);
    case ProblemColumn:
        // Two lines: what it is, then what was found (the view wraps at the line break).
        return problem.summary.isEmpty() ? problem.title : problem.title + u'\n' + problem.summary;
    case RowsColumn:
        // A condition of the whole namespace (TIME-WAIT buckets, a counter) has no rows of its own.
        return problem.cookies.isEmpty() ? tr("all") : QString::number(problem.cookies.size());
    case SinceColumn:
        return sinceText(problem, m_report.monotonicNs);
    case LessonColumn:
        return lessonText(problem.lesson);
    case FixColumn:
        return problem.fix;
    case ColumnCount:
        break;
    }
    return {};
}

QString ProblemsModel::severityText(DiagnosisRule::Severity severity)
{
    switch (severity) {
    case DiagnosisRule::Severity::Error:
        return tr("Error");
    case DiagnosisRule::Severity::Warning:
        return tr("Warning");
    case DiagnosisRule::Severity::Info:
        return tr("Info");
    }
    return {};
}

QIcon ProblemsModel::severityIcon(DiagnosisRule::Severity severity, const QPalette &palette)
{
    constexpr int Size = 16;
    QPixmap pixmap(Size, Size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor fill = StateColors::severityColor(severity, palette);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawEllipse(QRectF(2, 2, Size - 4, Size - 4));
    // A mark inside, so the severity does not rest on colour alone.
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(10);
    painter.setFont(font);
    painter.setPen(StateColors::textOn(fill, palette));
    painter.drawText(
        QRectF(0, 0, Size, Size), Qt::AlignCenter, severity == DiagnosisRule::Severity::Info ? u"i"_s : u"!"_s);
    painter.end();
    return QIcon(pixmap);
}

QString ProblemsModel::sinceText(const DiagnosisProblem &problem, qint64 nowNs)
{
    if (problem.sinceNs <= 0 || nowNs < problem.sinceNs)
        return {};
    const QString duration = Formatting::duration(nowNs - problem.sinceNs);
    // Already so when TCP Lens first saw it: the true start lies further back.
    return problem.sinceAtLeast ? tr("for at least %1").arg(duration) : tr("for %1").arg(duration);
}

QString ProblemsModel::lessonText(const LessonReference &lesson)
{
    if (lesson.seed.isEmpty())
        return {};
    return lesson.section.isEmpty() ? tr("Lesson %1").arg(lesson.seed)
                                    : tr("Lesson %1 · %2").arg(lesson.seed, lesson.section);
}

QString ProblemsModel::toolTipHtml(const DiagnosisProblem &problem, qint64 nowNs)
{
    QString html = u"<p><b>%1</b></p>"_s.arg(problem.title.toHtmlEscaped());
    if (!problem.summary.isEmpty())
        html += u"<p>%1</p>"_s.arg(problem.summary.toHtmlEscaped());
    const QString since = sinceText(problem, nowNs);
    if (!since.isEmpty() && problem.since.isValid())
        html += u"<p>%1 (%2)</p>"_s.arg(
            since.toHtmlEscaped(), problem.since.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    if (!problem.fix.isEmpty())
        html += tr("<p><b>Fix:</b> %1</p>").arg(problem.fix.toHtmlEscaped());
    if (!problem.sysctls.isEmpty())
        html += tr("<p><b>Sysctls:</b> %1</p>").arg(problem.sysctls.join(u", "_s).toHtmlEscaped());
    if (!problem.counters.isEmpty())
        html += tr("<p><b>Counters:</b> %1</p>").arg(problem.counters.join(u", "_s).toHtmlEscaped());
    if (const QString lesson = lessonText(problem.lesson); !lesson.isEmpty())
        html += u"<p>%1</p>"_s.arg(lesson.toHtmlEscaped());
    return html;
}

} // namespace TcpLens
