// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionstep.h"

#include <QList>
#include <QMetaType>

namespace TcpLens {

// What the tracker tells its listeners: a connection appeared, changed state, or ended.
struct ConnectionEvent
{
    enum class Kind : quint8 { Opened, Transition, Closed };
    Kind kind = Kind::Opened;
    quint64 connectionId = 0;
    TcpState from = TcpState::Unknown; // Transition: the state left
    TcpState to = TcpState::Unknown; // Opened: the first state; Transition: the state entered
    qint64 timeNs = 0; // CLOCK_MONOTONIC
    StepKnowledge knowledge = StepKnowledge::Polled;
};

using ConnectionEvents = QList<ConnectionEvent>;

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::ConnectionEvents)
