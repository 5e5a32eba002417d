// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QAbstractTableModel>

namespace TcpLens {

class SysctlJournal;

// The sysctl changes TCP Lens made, newest first, from a SysctlJournal (not owned): when, where, what,
// from which value to which, by whom, and whether it is still in force.
class SysctlJournalModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, NamespaceColumn, KeyColumn, OldColumn, NewColumn, ByColumn, StateColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        JournalIndexRole = Qt::UserRole + 1, // qsizetype as qlonglong: the change's index in the journal
        KeyRole, // the full key
        RevertedRole, // bool
    };

    explicit SysctlJournalModel(QObject *parent = nullptr);

    // `journal` must outlive the model or be replaced first; nullptr empties it.
    void setJournal(const SysctlJournal *journal);
    // The journal changed (an append, a revert, a load).
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row that shows journal entry `journalIndex`; -1 if none.
    int rowOfChange(qsizetype journalIndex) const;

private:
    qsizetype journalIndexOf(int row) const;

    const SysctlJournal *m_journal = nullptr;
};

} // namespace TcpLens
