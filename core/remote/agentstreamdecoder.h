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
//
// The agent's times are its own CLOCK_MONOTONIC, counted from its boot. Given this machine's clock,
// the decoder moves every time it returns onto it (the difference of the two clocks when the header
// arrived, the link's latency included), so that charts and durations compare them with this
// machine's "now".
class AgentStreamDecoder
{
public:
    using Clock = qint64 (*)();
    // `localClock`: this machine's CLOCK_MONOTONIC in ns (MonotonicClock::nowNs); null: times as sent.
    explicit AgentStreamDecoder(Clock localClock = nullptr);

    void append(QByteArrayView bytes);
    // The next message, nothing until more bytes arrived, or the stream's error.
    std::expected<std::optional<AgentMessage>, QString> next();
    // Set once the header has arrived.
    const std::optional<AgentProtocol::Header> &header() const { return m_header; }
    // False when the bytes so far end inside the header or a frame: a stream cut short.
    bool atBoundary() const { return m_header && m_frames.atBoundary(); }
    // Frames skipped because their type is unknown to this version.
    int skippedFrames() const { return m_skipped; }
    // What is added to the agent's times (0 without a local clock).
    qint64 clockOffsetNs() const { return m_clockOffsetNs; }

private:
    std::expected<std::optional<AgentMessage>, QString> fail(const QString &error);

    Clock m_localClock;
    qint64 m_clockOffsetNs = 0;
    FrameReader m_frames;
    std::optional<AgentProtocol::Header> m_header;
    SocketSnapshot m_previous;
    QString m_error;
    int m_skipped = 0;
};

} // namespace TcpLens
