// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionstep.h"

#include <QList>
#include <QMetaType>

namespace TcpLens {

// What the tracker tells its listeners: a connection appeared, changed state, or ended; or a step
// already reported from a poll was later named by the kernel's tracepoint (the collector drains the
// tracepoint before each dump, so an event that fires while the dump runs arrives after the poll that
// saw its result); or the tracepoint's account replaced steps reported before (a start a poll guessed,
// steps inferred in between).
//
// Replaying the events of a connection gives its path: Opened starts it, Transition appends a step,
// Confirmed makes the latest step from `from` into `to` exact (under the kernel's names: a request
// socket's NEW_SYN_RECV is the child's SYN_RECV), Revised keeps the first `kept` steps and drops the
// rest (with `kept` 0, the path starts again in `to`), and the Transitions after it say what follows.
struct ConnectionEvent
{
    enum class Kind : quint8 { Opened, Transition, Closed, Confirmed, Revised };
    Kind kind = Kind::Opened;
    quint64 connectionId = 0;
    TcpState from = TcpState::Unknown; // Transition, Confirmed: the state left
    // Opened, Revised with `kept` 0: the first state; Transition, Confirmed: the state entered
    TcpState to = TcpState::Unknown;
    qint64 timeNs = 0; // CLOCK_MONOTONIC; Confirmed: the exact time the step happened
    StepKnowledge knowledge = StepKnowledge::Polled;
    quint32 kept = 0; // Revised: how many steps of the path reported so far stay, its start included
};

using ConnectionEvents = QList<ConnectionEvent>;

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::ConnectionEvents)
