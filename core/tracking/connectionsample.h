// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"

namespace TcpLens {

// tcp_info figures of a connection at one moment, for its timeline.
struct ConnectionSample
{
    qint64 timeNs = 0;
    quint32 rttUs = 0;
    quint32 congestionWindow = 0;
    quint64 bytesAcked = 0;
    quint64 bytesReceived = 0;

    static ConnectionSample of(qint64 timeNs, const SocketRecord &socket)
    {
        return {
            timeNs, socket.info.rttUs, socket.info.congestionWindow, socket.info.bytesAcked, socket.info.bytesReceived};
    }
    friend bool operator==(const ConnectionSample &, const ConnectionSample &) = default;
    // The same figures, whenever.
    bool sameFigures(const ConnectionSample &other) const
    {
        return rttUs == other.rttUs && congestionWindow == other.congestionWindow && bytesAcked == other.bytesAcked &&
            bytesReceived == other.bytesReceived;
    }
};

} // namespace TcpLens
