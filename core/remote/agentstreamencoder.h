// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "remote/agentmessage.h"
#include "remote/agentprotocol.h"

#include <QByteArray>

namespace TcpLens {

// Turns what a ConnectionSource reports into the agent's stream (docs/agent-protocol.md): the header
// first, then one frame per signal. Snapshots go as deltas against the one sent before, with a key
// frame first, every KeyFrameInterval snapshots, when the namespace changed and whenever a delta would
// not be smaller. Pure: the caller writes the bytes.
class AgentStreamEncoder
{
public:
    // A reader that joins late or lost a frame never waits longer than this for a whole snapshot.
    static constexpr int KeyFrameInterval = 100;

    QByteArray header(const AgentProtocol::Header &header) const;
    QByteArray message(const AgentMessage &message);

private:
    QByteArray snapshot(const SocketSnapshot &snapshot);

    SocketSnapshot m_previous;
    int m_sinceKeyFrame = 0;
};

} // namespace TcpLens
