// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctllint.h"

#include <QAbstractTableModel>

namespace TcpLens {

// The findings of SysctlLint for one document, a row each, in line order.
class SysctlLintFindingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, SeverityColumn, MessageColumn, ColumnCount };
    enum Role {
        LineRole = Qt::UserRole + 1, // int, 1-based
        ColumnRole, // int, 1-based
        LengthRole, // int
        SeverityRole, // SysctlLintFinding::Severity as int
    };

    explicit SysctlLintFindingModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setFindings(const QList<SysctlLintFinding> &findings);
    const QList<SysctlLintFinding> &findings() const { return m_findings; }
    int errorCount() const;

private:
    QList<SysctlLintFinding> m_findings;
};

} // namespace TcpLens
