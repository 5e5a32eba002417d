// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctllintfindingmodel.h"

#include <QIcon>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlLintFindingModel::SysctlLintFindingModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int SysctlLintFindingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int SysctlLintFindingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SysctlLintFindingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SysctlLintFinding &finding = m_findings.at(index.row());
    const bool error = finding.severity == SysctlLintFinding::Severity::Error;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LineColumn:
            return finding.line;
        case SeverityColumn:
            return error ? tr("error") : tr("warning");
        case MessageColumn:
            return finding.message;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return QIcon::fromTheme(error ? u"dialog-error"_s : u"dialog-warning"_s);
        return {};
    case Qt::ToolTipRole:
        return finding.message;
    case LineRole:
        return finding.line;
    case ColumnRole:
        return finding.column;
    case LengthRole:
        return finding.length;
    case SeverityRole:
        return int(finding.severity);
    default:
        return {};
    }
}

QVariant SysctlLintFindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case SeverityColumn:
        return tr("Severity");
    case MessageColumn:
        return tr("Finding");
    default:
        return {};
    }
}

void SysctlLintFindingModel::setFindings(const QList<SysctlLintFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

int SysctlLintFindingModel::errorCount() const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
        [](const SysctlLintFinding &f) { return f.severity == SysctlLintFinding::Severity::Error; }));
}

} // namespace TcpLens
