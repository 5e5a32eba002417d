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
// saw its result).
struct ConnectionEvent
{
    enum class Kind : quint8 { Opened, Transition, Closed, Confirmed };
    Kind kind = Kind::Opened;
    quint64 connectionId = 0;
    TcpState from = TcpState::Unknown; // Transition, Confirmed: the state left
    TcpState to = TcpState::Unknown; // Opened: the first state; Transition, Confirmed: the state entered
    qint64 timeNs = 0; // CLOCK_MONOTONIC; Confirmed: the exact time the step happened
    StepKnowledge knowledge = StepKnowledge::Polled;
};

using ConnectionEvents = QList<ConnectionEvent>;

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::ConnectionEvents)
