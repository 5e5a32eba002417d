// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "models/connectionfilter.h"
#include "pipeline/trackedsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace TcpLens {

// The live connection table: one row per socket of the latest snapshot, updated in place. Rows are
// inserted, changed and removed as sockets come, change and go, never reset per poll, so views keep
// their selection and scroll position. A socket that disappeared stays one more poll, marked as
// closing, so the eye can catch it (as TCPView does). "In state for" is computed from the snapshot's
// time when asked, without a change signal per row per poll: views repaint after each snapshot.
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
        StateRole = Qt::UserRole + 1, // TcpState as int (request sockets as NEW_SYN_RECV)
        CookieRole, // quint64
        LocalPortRole,
        RemotePortRole,
        MarkRole, // Mark
        ConnectionIdRole, // quint64: the tracker's connection, which outlives a socket (request, child, TIME-WAIT)
        ProcessNameRole, // QString: the owner's command ("nginx"); empty when no owner is known
    };

    enum class Mark : quint8 { None, New, Changed, Closing };
    Q_ENUM(Mark)

    explicit ConnectionTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // With what the tracker knows of the snapshot's sockets (TrackedSnapshot::tracking, aligned with
    // snapshot.sockets()), rows carry the tracker's connection and the time its current state began,
    // which may be exact or earlier than this poll. Snapshots come
    // in order (LiveConnections drops stale ones); each is diffed with the rows shown.
    void applySnapshot(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking = {});
    const SocketSnapshot &snapshot() const { return m_snapshot; }
    // Forgets every row: the next snapshot comes from another source.
    void clear();
    // The row of the socket with this cookie, or -1.
    int rowOfCookie(quint64 cookie) const;
    // The socket cookie of a row (the proxy's problem filter), or 0 outside the table.
    quint64 cookieAt(int row) const;
    // The first row of the tracker's connection, or -1.
    int rowOfConnection(quint64 connectionId) const;

    // For ConnectionFilterProxy: typed comparisons and matching, without building QVariants or
    // formatting cells, so that sorting and filtering 120,000 rows stays well under 200 ms. The one
    // definition of the table's sort order.
    bool rowMatches(int row, const ConnectionFilter &filter) const;
    bool rowLessThan(int left, int right, int column) const;
    // A row as tab-separated text, the way it is shown (for "Copy row").
    QString rowText(int row) const;

Q_SIGNALS:
    void snapshotApplied(quint64 generation);

private:
    struct Row
    {
        SocketRecord socket;
        QString local; // endpoints, formatted once: a cookie's addresses never change
        QString remote;
        QString process; // "nginx (1234)", or why there is none
        QString user;
        qint64 stateSinceNs = 0; // monotonic time the state began (the tracker's), or was first seen
        quint64 connectionId = 0;
        Mark mark = Mark::New;
        OwnerAbsence ownerAbsence = OwnerAbsence::NotResolved;
        bool ownerKnown = false;
    };

    static int stateSortKey(TcpState state);
    QVariant displayData(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    void fillOwner(Row &row, const SocketSnapshot &snapshot) const;
    static void fillFromTracking(Row &row, const QList<SocketTracking> &tracking, std::size_t index);

    std::vector<Row> m_rows;
    QHash<quint64, int> m_rowByCookie;
    SocketSnapshot m_snapshot;
    qint64 m_nowNs = 0;
};

} // namespace TcpLens
