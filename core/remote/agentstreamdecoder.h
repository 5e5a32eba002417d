// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "remote/agentmessage.h"
#include "remote/agentprotocol.h"
#include "remote/framereader.h"

#include <QByteArrayView>
#include <QString>

#include <expected>
#include <optional>

namespace TcpLens {

// Reads an agent's stream (docs/agent-protocol.md) from bytes nobody vouches for, as they arrive: the
// header, then one AgentMessage per frame, deltas applied to the snapshot before them. Frame types it
// does not know are skipped (a newer agent of the same version may send more); anything else wrong
// (magic, version, a length beyond the maximum, a damaged blob, a delta without its key frame) is an
// error that sticks and says what it was. Pure: whoever reads the pipe calls append().
class AgentStreamDecoder
{
public:
    AgentStreamDecoder();

    void append(QByteArrayView bytes);
    // The next message, nothing until more bytes arrived, or the stream's error.
    std::expected<std::optional<AgentMessage>, QString> next();
    // Set once the header has arrived.
    const std::optional<AgentProtocol::Header> &header() const { return m_header; }
    // False when the bytes so far end inside the header or a frame: a stream cut short.
    bool atBoundary() const { return m_header && m_frames.atBoundary(); }
    // Frames skipped because their type is unknown to this version.
    int skippedFrames() const { return m_skipped; }

private:
    std::expected<std::optional<AgentMessage>, QString> fail(const QString &error);

    FrameReader m_frames;
    std::optional<AgentProtocol::Header> m_header;
    SocketSnapshot m_previous;
    QString m_error;
    int m_skipped = 0;
};

} // namespace TcpLens
