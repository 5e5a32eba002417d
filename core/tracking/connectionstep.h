// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QLatin1StringView>

namespace TcpLens {

// How the tracker knows that a connection passed through a state.
enum class StepKnowledge : quint8 {
    Polled, // a dump showed the socket in this state
    Inferred, // no dump showed it, but the states before and after allow no other legal path
    Exact, // the kernel's own tracepoint (sock:inet_sock_set_state) reported the change
};

QLatin1StringView knowledgeName(StepKnowledge knowledge);

// One state of a connection's path.
struct ConnectionStep
{
    ConnectionStep() = default;
    ConnectionStep(TcpState state_, qint64 enteredNs_, qint64 notBeforeNs_, StepKnowledge knowledge_)
        : enteredNs(enteredNs_)
        , notBeforeNs(notBeforeNs_)
        , state(state_)
        , knowledge(knowledge_)
    {
    }

    // When the state was entered (CLOCK_MONOTONIC ns). For a polled or inferred step the change
    // happened between `notBeforeNs` (the previous poll) and `enteredNs` (the poll that saw it).
    qint64 enteredNs = 0;
    qint64 notBeforeNs = 0;
    // After the times: 24 bytes a step instead of 32, and a tracked connection holds one inline.
    TcpState state = TcpState::Unknown;
    StepKnowledge knowledge = StepKnowledge::Polled;
};

} // namespace TcpLens
