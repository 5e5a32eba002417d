// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/listenerseries.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace TcpLens {

// One listener at one tick of the listener sampler: its queues, with the overflows and drops the
// tick attributed to it (ListenerSeries), and the names the panel shows.
struct ListenerReading
{
    quint64 cookie = 0;
    QString endpoint; // "127.0.0.1:8080", as ss prints it
    quint16 port = 0;
    QString process; // "nginx (1234)"; empty until owners were resolved (about once a second)
    ListenerSample sample;
};

// Everything one tick learned. A plain value: it crosses threads through queued signals and never
// points into the sampler's state.
struct ListenerSampleBatch
{
    quint64 generation = 0; // one more per tick of one sampler
    qint64 monotonicNs = 0; // CLOCK_MONOTONIC when the dump started
    QList<ListenerReading> listeners;
    // ListenOverflows / ListenDrops deltas no listener could be held responsible for, since the start.
    qint64 unattributedOverflows = 0;
    qint64 unattributedDrops = 0;
    qint64 tickNs = 0; // what the tick cost: dump, counters, attribution
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::ListenerSampleBatch)
