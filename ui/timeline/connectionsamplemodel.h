// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/trackedconnection.h"

#include <QAbstractTableModel>

namespace TcpLens {

// The tcp_info figures of one connection over its life, one row per sample the tracker kept (it keeps
// a bounded number and drops the oldest). Setting the same connection again appends the new samples
// and removes the dropped ones; only another connection resets the model.
class ConnectionSampleModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn, // seconds since the connection was first seen
        RttColumn, // smoothed RTT, ms
        CongestionWindowColumn, // segments
        BytesAckedColumn,
        BytesReceivedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // The column's figure as a number in the unit of its header (double), for charts and sorting.
        ValueRole = Qt::UserRole,
        TimeNsRole, // qint64, CLOCK_MONOTONIC
    };

    explicit ConnectionSampleModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setConnection(const TrackedConnection &connection);
    void clear();
    bool hasConnection() const { return m_hasConnection; }
    quint64 connectionId() const { return m_connectionId; }
    qint64 openedNs() const { return m_openedNs; }
    const QList<ConnectionSample> &samples() const { return m_samples; }

private:
    double value(const ConnectionSample &sample, int column) const;

    QList<ConnectionSample> m_samples;
    quint64 m_connectionId = 0;
    qint64 m_openedNs = 0;
    bool m_hasConnection = false;
};

} // namespace TcpLens
