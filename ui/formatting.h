// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QCoreApplication>
#include <QString>

namespace TcpLens {

// How the views write durations and state names, in one place, so the table, the timeline and the
// diagram never show one thing two ways.
class Formatting
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::Formatting)
public:
    // "850 µs", "1.25 ms", "12.5 ms", "3.2 s", "4 min 5 s", "2 h 3 min": as precise as a reader needs.
    static QString duration(qint64 ns);
    // "+1.25 ms": the time since an earlier moment (a connection's first step).
    static QString sinceStart(qint64 ns);
    // "12:23:01.249": a CLOCK_MONOTONIC time as the local time of day, through the program's one
    // offset (MonotonicClock), truncated to the millisecond, so that every view names a step the same.
    static QString timeOfDay(qint64 monotonicNs);
    static QString timeOfDay(qint64 monotonicNs, qint64 wallMinusMonotonicNs);
    // "2.9 KiB": bytes in IEC units, the way the table and the charts both write them.
    static QString bytes(quint64 bytes);
    // The RFC 9293 name ("SYN-RECEIVED"), with the kernel's request socket shown apart as
    // "NEW-SYN-RECV": the diagram's boxes and tooltips.
    static QString stateLabel(TcpState state);
};

} // namespace TcpLens
