// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "tracking/connectiontracker.h"
#include "tracking/statechangeevent.h"
#include "tracking/trackedconnection.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

// Inputs for the tracker as the kernel would give them, written by hand: sockets of a dump, destroy
// notices and tracepoint events, all on 127.0.0.1 (or ::1) so that only ports tell them apart.
namespace TcpLens::Test::SyntheticKernel {

constexpr qint64 Millisecond = 1'000'000;

// A socket as a dump (or a destroy notice) reports it: "local" is its own side.
SocketRecord socket(quint64 cookie, TcpState state, quint16 localPort, quint16 remotePort, quint8 flags = 0,
    quint8 family = 2 /* AF_INET */);
// A snapshot stamped at `timeNs` whose dump took `dumpNs` (the dump may see what happened meanwhile).
SocketSnapshot snapshotAt(qint64 timeNs, std::vector<SocketRecord> sockets, qint64 dumpNs = 0);
DestroyedSockets destroyedAt(qint64 timeNs, QList<SocketRecord> sockets);
// One sock:inet_sock_set_state event of the socket at `socketAddress`.
StateChangeEvent stateChange(qint64 timeNs, quint64 socketAddress, TcpState from, TcpState to, quint16 localPort,
    quint16 remotePort, quint8 family = 2 /* AF_INET */);

// "CLOSED(e) > SYN-SENT(e) > ESTAB(p) > FIN-WAIT-1(i)": each state with how it is known.
QString pathText(const TrackedConnection &connection);

// What the collector hands the tracker, in the order it does: a poll's snapshot, destroy notices, or
// a batch of tracepoint events. Times in milliseconds from the script's start, for tables that read
// like a timeline.
struct Input
{
    enum class Kind : quint8 { Poll, Notices, Events };
    Kind kind = Kind::Poll;
    SocketSnapshot snapshot;
    DestroyedSockets destroyed;
    QList<StateChangeEvent> changes;
};
using Script = QList<Input>;

Input poll(double ms, std::vector<SocketRecord> sockets, double dumpMs = 0);
Input notices(double ms, QList<SocketRecord> sockets);
Input events(QList<StateChangeEvent> changes);
StateChangeEvent traced(double ms, quint64 socketAddress, TcpState from, TcpState to, quint16 localPort,
    quint16 remotePort, quint8 family = 2 /* AF_INET */);

// Feeds the script to the tracker; returns every event it told its listeners, in order.
ConnectionEvents run(ConnectionTracker &tracker, const Script &script);
// Each connection's path as its events tell it (ConnectionEvent's replay rules), in pathText's form:
// what a listener that sees nothing but the events knows.
QHash<quint64, QString> replayedPaths(const ConnectionEvents &events);
// Every connection but listeners, open or closed, in the order they were opened:
// "40000>80: CLOSED(e) > SYN-SENT(e) > ESTAB(e)".
QStringList connectionPaths(const ConnectionTracker &tracker);

} // namespace TcpLens::Test::SyntheticKernel

Q_DECLARE_METATYPE(TcpLens::Test::SyntheticKernel::Script)
