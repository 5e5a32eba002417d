// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "models/connectionfilter.h"
#include "models/ownertexts.h"
#include "pipeline/trackedsnapshot.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

class QTimer;

namespace TcpLens {

// The live connection table: one row per socket of the latest snapshot, updated in place. Rows are
// inserted, changed and removed as sockets come, change and go, never reset per poll, so views keep
// their selection and scroll position. A socket that disappeared stays one more poll, marked as
// closing, so the eye can catch it (as TCPView does). "In state for" is computed from the snapshot's
// time when asked, without a change signal per row per poll: views repaint after each snapshot.
//
// Lean, for 1,000,000 sockets: a row is 24 bytes. It refers to its socket's record in the snapshot the
// model holds (an index into sockets(), re-mapped on each snapshot) instead of copying it; only a
// closing row, whose socket the snapshot no longer has, keeps a copy of its record in a small side
// store. Texts are formatted in data(), for the cells a view asks for; the Process and User texts are
// interned (OwnerTexts), a row holds their id.
//
// Never blocking: applySnapshot() returns at once and applies the snapshot in slices of a few
// milliseconds run from the event loop (index the new snapshot's cookies, diff the rows with it,
// signal the changed rows, remove the rows closed a poll ago, insert the new sockets in chunks), so
// that the GUI thread paints and takes input in between, whatever the number of sockets. Between two
// slices the model is consistent: every row shows what its views were last told. snapshotApplied()
// says when a snapshot is entirely shown. A newer snapshot given while one is being applied replaces
// it: while the old one is only being compared (nothing shown changed yet) the work restarts with the
// newer one; once the old one's changes are being shown, they are finished first (so that views
// stay consistent), then the newer one is applied. Snapshots in between are skipped, never shown.
// Tests and headless code that read rows right after giving a snapshot call applySnapshotNow(), which
// does the same work at once.
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
    ~ConnectionTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Starts showing `snapshot`, in slices from the event loop (see above); snapshotApplied() follows.
    // With what the tracker knows of the snapshot's sockets (TrackedSnapshot::tracking, aligned with
    // snapshot.sockets()), rows carry the tracker's connection and the time its current state began,
    // which may be exact or earlier than this poll. Snapshots come in order (LiveConnections drops stale ones); each is
    // diffed with the rows shown.
    void applySnapshot(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking = {});
    // The same, done before returning, with whatever was still being applied: for tests and headless
    // code that read the rows at once. snapshotApplied() is emitted before it returns.
    void applySnapshotNow(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking = {});
    // Whether a snapshot given is not yet entirely shown.
    bool isApplying() const;
    // The snapshot the rows show (the last one whose changes have begun to be shown).
    const SocketSnapshot &snapshot() const { return m_snapshot; }
    // Forgets every row, and any snapshot being applied: the next snapshot comes from another source.
    void clear();
    // The row of the socket with this cookie, or -1. Looks at every row: not for a loop over rows.
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
    // The order the proxy sorts in (column -1: unsorted). New sockets are inserted in that order, a
    // chunk at a time, so that each chunk lands in the sorted proxy as one run of rows instead of
    // thousands of single rows, each of which costs the proxy a pass over all its rows.
    void setInsertionOrder(int column, Qt::SortOrder order);
    // A row as tab-separated text, the way it is shown (for "Copy row").
    QString rowText(int row) const;

Q_SIGNALS:
    // Every row shows the snapshot of this generation: its changes signalled, its new rows inserted.
    void snapshotApplied(quint64 generation);

private:
    struct Row
    {
        qint64 stateSinceNs = 0; // monotonic time the state began (the tracker's), or was first seen
        quint64 connectionId = 0;
        // Index into m_snapshot.sockets(); into m_closing for a closing row; into
        // m_previous.sockets() while `previous` is set.
        quint32 record = 0;
        quint32 owner : 23 = 0; // OwnerTexts id
        quint32 previous : 1 = 0; // changed by the snapshot being applied, not yet signalled: shows the one before
        quint32 mark : 8 = 0; // Mark
    };
    struct Update; // a changed row's next values, until its change is signalled
    struct Apply; // the work on one snapshot, between slices
    class SliceClock;

    static int stateSortKey(TcpState state);
    static Mark markOf(const Row &row) { return Mark(row.mark); }
    const SocketRecord &recordOf(const Row &row) const;
    bool lessThan(const Row &a, const Row &b, int column) const;
    QVariant displayData(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    // The tracker's connection and state-since time for the socket at `socketIndex` of the snapshot
    // being applied, into `row` (whose stateSinceNs is this poll's time).
    void fillFromTracker(Row &row, std::size_t socketIndex) const;

    void start(SocketSnapshot snapshot, QList<SocketTracking> tracking);
    // Runs the work until it is done or `budgetNs` has passed (0: no limit); true when done.
    bool work(qint64 budgetNs);
    bool sortIncoming(const SliceClock &clock);
    void runSlice();
    void finish();

    std::vector<Row> m_rows;
    SocketSnapshot m_snapshot;
    SocketSnapshot m_previous; // while changed rows still show it
    std::vector<SocketRecord> m_closing; // the records of closing rows
    OwnerTexts m_owners;
    std::size_t m_ownersKept = 0; // texts in use after the last compaction
    // Rows whose sort key changed per dataChanged(): each may cost the sorted proxy a pass over all
    // its rows, so this is learnt from the last ones and kept from one snapshot to the next.
    std::size_t m_movesPerRun = 1;
    std::unique_ptr<Apply> m_apply;
    QTimer *m_slicer;
    qint64 m_nowNs = 0;
    int m_insertionColumn = -1;
    Qt::SortOrder m_insertionOrder = Qt::AscendingOrder;
    bool m_appliedOnce = false; // the first snapshot marks nothing as new
};

} // namespace TcpLens
