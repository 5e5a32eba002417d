// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisreport.h"
#include "model/socketsnapshot.h"
#include "model/tcpstate.h"

#include <QHash>
#include <QList>
#include <QMetaType>

namespace TcpLens {

// What the tracker knows of one socket of a snapshot, for the table's row.
struct SocketTracking
{
    quint64 connectionId = 0; // 0: the tracker follows no connection with this socket's cookie
    // When the socket's current state began by the tracker's path (exact, or the poll that saw it);
    // 0 when the path does not end in the socket's state.
    qint64 stateSinceNs = 0;
};

// One snapshot after the tracking thread applied it: everything the window needs of it, as values
// that cross threads (TrackingWorker). Nothing in it points into the tracker.
struct TrackedSnapshot
{
    quint64 epoch = 0; // LiveConnections' source count: an update of a replaced source is dropped
    SocketSnapshot snapshot;
    QList<SocketTracking> tracking; // aligned with snapshot.sockets()
    QHash<TcpState, int> stateCounts; // sockets in each state (request sockets under NewSynRecv)
    DiagnosisReport diagnosis;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::TrackedSnapshot)
