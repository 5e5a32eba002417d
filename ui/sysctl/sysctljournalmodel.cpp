// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctljournalmodel.h"

#include "sysctl/sysctljournal.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlJournalModel::SysctlJournalModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SysctlJournalModel::setJournal(const SysctlJournal *journal)
{
    beginResetModel();
    m_journal = journal;
    endResetModel();
}

void SysctlJournalModel::reload()
{
    // A journal holds tens of changes: resetting is simpler than tracking appends and reverts apart.
    beginResetModel();
    endResetModel();
}

int SysctlJournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_journal ? 0 : int(m_journal->changes().size());
}

int SysctlJournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qsizetype SysctlJournalModel::journalIndexOf(int row) const
{
    return m_journal->changes().size() - 1 - row;
}

int SysctlJournalModel::rowOfChange(qsizetype journalIndex) const
{
    if (!m_journal || journalIndex < 0 || journalIndex >= m_journal->changes().size())
        return -1;
    return int(m_journal->changes().size() - 1 - journalIndex);
}

QVariant SysctlJournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype journalIndex = journalIndexOf(index.row());
    const SysctlChange &change = m_journal->changes().at(journalIndex);
    switch (role) {
    case JournalIndexRole:
        return qlonglong(journalIndex);
    case KeyRole:
        return change.key;
    case RevertedRole:
        return change.reverted;
    case Qt::ForegroundRole:
        if (change.reverted)
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::ToolTipRole:
        return tr("%1 set %2 from %3 to %4 at %5%6")
            .arg(change.by.isEmpty() ? tr("Someone") : change.by, change.key, change.oldValue, change.newValue,
                QLocale().toString(change.time.toLocalTime(), QLocale::LongFormat),
                change.netns.isEmpty() ? tr(" on the host (TCP Lens's own namespace)")
                                       : tr(" in %1").arg(change.netns));
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case TimeColumn:
        return change.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case NamespaceColumn:
        return change.netns.isEmpty() ? tr("host") : change.netns;
    case KeyColumn:
        return change.key.mid(change.key.lastIndexOf(u'.') + 1);
    case OldColumn:
        return change.oldValue;
    case NewColumn:
        return change.newValue;
    case ByColumn:
        return change.by;
    case StateColumn:
        return change.reverted ? tr("reverted") : tr("in force");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SysctlJournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case NamespaceColumn:
        return tr("Namespace");
    case KeyColumn:
        return tr("Key");
    case OldColumn:
        return tr("Old");
    case NewColumn:
        return tr("New");
    case ByColumn:
        return tr("By");
    case StateColumn:
        return tr("State");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace TcpLens
