// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/sharedsocketrecord.h"
#include "tracking/connectionstep.h"
#include "tracking/inlinelist.h"
#include "tracking/samplehistory.h"

namespace TcpLens {

// A connection's states in order. One inline: a connection already there at the first poll never has
// another until it changes state.
using ConnectionPath = InlineList<ConnectionStep>;

// One connection as the tracker follows it across sockets: a request socket and the child it
// becomes, a full socket and the timewait socket that replaces it, are one connection.
struct TrackedConnection
{
    quint64 id = 0; // the tracker's own number, never reused
    quint64 cookie = 0; // the current socket's cookie (a request's child has a new one)
    // The latest record a dump or a destroy notice gave, shared with its snapshot while the
    // connection is open; a copy of its own once closed.
    SharedSocketRecord last;
    ConnectionPath path;
    // Its tcp_info figures over time: samples(). Most connections' figures never move after the first
    // look (an idle one, a timewait socket): for them only the time of that look is kept, and `last`
    // holds the figures; a list (`moved`) is made when they first move. 16 bytes a connection instead
    // of the 40 of a sample inline (docs/benchmarks.md).
    qint64 firstSampleNs = 0; // 0: no figures yet
    SampleHistory moved; // bounded; the newest last
    qint64 openedNs = 0;
    qint64 closedNs = 0; // 0 while open
    bool seenFromStart = false; // false for connections that already existed at the first poll
    bool passive = false; // accepted from a listener (server side), as opposed to connect()
    // Its full socket's destroy notice came (one per socket: sk_destruct() runs once): a later notice
    // on its endpoints is another socket's.
    bool noticed = false;
    quint32 slot = 0; // the tracker's bookkeeping: where it marks this connection as seen

    bool isClosed() const { return closedNs != 0; }
    QList<ConnectionSample> samples() const
    {
        if (!moved.isEmpty() || firstSampleNs == 0)
            return moved.list();
        return {ConnectionSample::of(firstSampleNs, *last)};
    }
    TcpState state() const { return path.isEmpty() ? TcpState::Unknown : path.constLast().state; }
};

} // namespace TcpLens
