// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/timelinemarker.h"
#include "sysctl/sysctlchange.h"

#include <QAbstractTableModel>
#include <QList>

namespace TcpLens {

// The vertical annotations every chart of a panel draws: sysctl changes now, lab steps later. Rows in
// time order; rows older than the panel's window leave at the front.
class TimelineMarkerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, LabelColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        TimeNsRole = Qt::UserRole + 1, // qint64 CLOCK_MONOTONIC ns
        KindRole, // TimelineMarker::Kind as int
        DetailRole, // the tooltip text
    };

    explicit TimelineMarkerModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // False when the same label was added less than a few seconds earlier: a journaled write is also
    // found by the sysctl poll, and must show once.
    bool addMarker(const TimelineMarker &marker);
    // `monotonicNs` < 0: when the change says it happened (wall clock), mapped onto CLOCK_MONOTONIC.
    bool addSysctlChange(const SysctlChange &change, qint64 monotonicNs = -1);
    void removeBefore(qint64 timeNs);
    const QList<TimelineMarker> &markers() const { return m_markers; }

    static TimelineMarker markerFor(const SysctlChange &change, qint64 monotonicNs);

private:
    QList<TimelineMarker> m_markers;
};

} // namespace TcpLens
