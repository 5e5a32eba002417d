// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "model/timelinemarker.h"
#include "record/observationcodec.h"
#include "remote/agentprotocol.h"
#include "tracking/statechangeevent.h"

#include <QList>
#include <QString>

#include <variant>

namespace TcpLens {

// failed(message) of the agent's source: one line, from the other machine.
struct AgentFailure
{
    QString message;
};

// One decoded frame of an agent's stream: what one signal of its ConnectionSource carried.
using AgentMessage = std::variant<SocketSnapshot, DestroyedSockets, QList<StateChangeEvent>, ExactModeSample,
    AgentProtocol::Pacing, ListenerSampleBatch, AgentProtocol::ListenerHistory, CounterSample, SysctlChangeSample,
    SysctlReadingSample, TimelineMarker, AgentFailure>;

} // namespace TcpLens
