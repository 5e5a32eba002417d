// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisreport.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QPalette>

namespace TcpLens {

// The Problems view's rows: one per rule that found something in the latest diagnosis, most urgent
// first. A new report updates the rows in place, keyed by rule id (moved, changed, inserted,
// removed, never reset), so a problem the user selected stays selected while its numbers move.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        ProblemColumn, // title and filled-in summary
        RowsColumn, // how many table rows it affects
        SinceColumn, // "for 4 min"
        LessonColumn,
        FixColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RuleIdRole = Qt::UserRole + 1, // QString
        SeverityRole, // DiagnosisRule::Severity as int
        CookiesRole, // QList<quint64>: the affected rows' sockets
        SysctlsRole, // QStringList: the keys the fix names
        CountersRole, // QStringList
        ScoreRole, // double: the rank's score
    };

    explicit ProblemsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Takes the problems of `report` in its order (ranked).
    void setReport(const DiagnosisReport &report);
    // Forgets every problem: another source.
    void clear();
    const DiagnosisReport &report() const { return m_report; }
    const DiagnosisProblem *problemAt(int row) const;
    int rowOfRule(const QString &ruleId) const;

    static QString severityText(DiagnosisRule::Severity severity);
    // A dot in the severity's colour on `palette`, the same in every view.
    static QIcon severityIcon(DiagnosisRule::Severity severity, const QPalette &palette = QPalette());
    // "for 4 min", "for at least 4 min", or empty when the problem carries no start.
    static QString sinceText(const DiagnosisProblem &problem, qint64 nowNs);
    // The lesson a rule's knowledge comes from: "Lesson 002 · 被动方的优化".
    static QString lessonText(const LessonReference &lesson);
    // Everything about a problem, for tooltips: title, summary, fix, sysctls, counters, lesson.
    static QString toolTipHtml(const DiagnosisProblem &problem, qint64 nowNs);

private:
    QVariant displayData(const DiagnosisProblem &problem, int column) const;

    DiagnosisReport m_report;
};

} // namespace TcpLens
