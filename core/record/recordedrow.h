// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QtGlobal>

namespace TcpLens {

// What a row of a recording holds: one signal of the source (or the pipeline's connection events).
// The numbers are stored nowhere (each kind has its table); they only order the kinds in code.
enum class RecordKind : quint8 {
    Snapshot,
    Destroyed, // socketsDestroyed()
    StateChanges, // stateChanges(): the tracepoint's exact transitions
    ConnectionEventBatch, // LiveConnections::eventsReady(): what the tracker made of it all, for checks and export
    ListenerSamples, // listenersSampled()
    Counters, // countersSampled()
    SysctlChange, // sysctlChanged()
    SysctlReading, // sysctlsRead()
    Marker, // markerAdded()
    ExactMode, // exactModeChanged(), exactEventsLost()
};
inline constexpr int RecordKindCount = 10;

// One row, as stored: `sequence` orders every row of every table as the source emitted them,
// `timeNs` is the CLOCK_MONOTONIC time the source gave it, `data` the blob (snapshotcodec.h,
// observationcodec.h).
struct RecordedRow
{
    qint64 sequence = 0;
    qint64 timeNs = 0;
    RecordKind kind = RecordKind::Snapshot;
    QByteArray data;
};

} // namespace TcpLens
