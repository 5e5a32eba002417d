// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace TcpLens {

// The live connection table: one row per socket of the latest snapshot, updated in place. Rows are
// inserted, changed and removed as sockets come, change and go, never reset per poll, so views keep
// their selection and scroll position. A socket that disappeared stays one more poll, marked as
// closing, so the eye can catch it (as TCPView does).
class ConnectionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        FamilyColumn,
        LocalColumn,
        RemoteColumn,
        StateColumn,
        ReceiveQueueColumn,
        SendQueueColumn,
        TimerColumn,
        ProcessColumn,
        UserColumn,
        RttColumn,
        CongestionWindowColumn,
        RetransmitsColumn,
        BytesColumn,
        TimeInStateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // a number or a string that sorts the way a user expects
        StateRole, // TcpState as int (request sockets as NEW_SYN_RECV)
        CookieRole, // quint64
        LocalPortRole,
        RemotePortRole,
        MarkRole, // Mark
    };

    enum class Mark : quint8 { None, New, Changed, Closing };
    Q_ENUM(Mark)

    explicit ConnectionTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applySnapshot(const SocketSnapshot &snapshot);
    const SocketSnapshot &snapshot() const { return m_snapshot; }
    // The row of the socket with this cookie, or -1.
    int rowOfCookie(quint64 cookie) const;

Q_SIGNALS:
    void snapshotApplied(quint64 generation);

private:
    struct Row
    {
        SocketRecord socket;
        QString process; // "nginx (1234)", or why there is none
        QString user;
        qint64 stateSinceNs = 0; // monotonic time when this state was first seen
        Mark mark = Mark::New;
        bool ownerKnown = false;
    };

    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    void fillOwner(Row &row, const SocketSnapshot &snapshot) const;

    std::vector<Row> m_rows;
    QHash<quint64, int> m_rowByCookie;
    SocketSnapshot m_snapshot;
    qint64 m_nowNs = 0;
};

} // namespace TcpLens
