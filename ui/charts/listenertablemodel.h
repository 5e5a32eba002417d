// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace TcpLens {

// The listening sockets the listener sampler sees, one row each, updated in place at every tick
// (only the cells that changed are reported), so the view keeps its selection at 20 Hz.
class ListenerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        EndpointColumn,
        ProcessColumn,
        AcceptQueueColumn,
        AcceptLimitColumn,
        SynQueueColumn,
        OverflowsColumn,
        DropsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1,
        CookieRole, // quint64
        PortRole, // quint16 as uint
    };

    explicit ListenerTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Batches come in the order they were sampled (LiveConnections delivers them so).
    void applyBatch(const ListenerSampleBatch &batch);
    void clear();
    int rowOfCookie(quint64 cookie) const;
    // The first listener on `port` (several may share it: IPv4 and IPv6, SO_REUSEPORT), or -1.
    int rowOfPort(quint16 port) const;

private:
    struct Row
    {
        ListenerReading reading;
        qint64 overflowsTotal = 0; // attributed since the panel first saw the listener
        qint64 dropsTotal = 0;
    };

    QList<Row> m_rows;
    QHash<quint64, int> m_rowByCookie;
};

} // namespace TcpLens
