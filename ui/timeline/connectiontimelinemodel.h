// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/trackedconnection.h"

#include <QAbstractTableModel>

namespace TcpLens {

// The states one connection passed through, one row per step of its path: when it entered each, how
// long it stayed, how we know, what moved it there and which sysctls govern it. Setting the same
// connection again (a later poll) appends rows and updates the changed ones; only another connection
// resets the model, so a view keeps its selection and scroll position while the connection lives.
class ConnectionTimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StateColumn,
        EnteredColumn,
        DurationColumn,
        KnowledgeColumn,
        EventColumn,
        SysctlsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        StateRole = Qt::UserRole, // TcpState as int
        EnteredNsRole, // qint64, CLOCK_MONOTONIC
        DurationNsRole, // qint64: until the next step; for the last step of an open connection, until now
        KnowledgeRole, // StepKnowledge as int
        NotBeforeNsRole, // qint64: the earliest the state can have been entered
        OngoingRole, // bool: the connection is still in this state
    };

    explicit ConnectionTimelineModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `nowNs` (CLOCK_MONOTONIC) is when the connection was last looked at: the ongoing step lasts until then.
    void setConnection(const TrackedConnection &connection, qint64 nowNs);
    void clear();
    bool hasConnection() const { return m_hasConnection; }
    const TrackedConnection &connection() const { return m_connection; }
    qint64 nowNs() const { return m_nowNs; }

    // Wall clock minus CLOCK_MONOTONIC, in ns, to show when each state was entered as a time of day.
    // Defaults to the program's one offset (MonotonicClock::wallOffsetNs()); tests pin another.
    void setWallClockOffset(qint64 wallMinusMonotonicNs);
    qint64 wallClockOffset() const { return m_wallMinusMonotonicNs; }

    // "10:01:02.100" for a CLOCK_MONOTONIC time.
    QString timeOfDay(qint64 monotonicNs) const;

private:
    struct Duration
    {
        qint64 ns = 0; // the best estimate: between the times the steps were entered (or seen)
        qint64 leastNs = 0; // what the polls allow at least and at most
        qint64 mostNs = 0;
        bool ongoing = false;
        bool end = false; // the final CLOSED of a connection that is gone: it has no duration
    };
    // The earliest the step's state can have been entered.
    qint64 notBeforeOf(int row) const;
    Duration durationOf(int row) const;
    QString durationText(int row) const;
    QString knowledgeText(int row) const;
    QString eventText(int row) const;
    QString toolTip(int row) const;

    TrackedConnection m_connection;
    qint64 m_nowNs = 0;
    qint64 m_wallMinusMonotonicNs = 0;
    bool m_hasConnection = false;
};

} // namespace TcpLens
