// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "model/destroyedsockets.h"
#include "model/timelinemarker.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlchange.h"
#include "tracking/connectionevent.h"
#include "tracking/statechangeevent.h"

#include "record/bytereader.h"
#include "record/bytewriter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <expected>

namespace TcpLens {

// What a ConnectionSource reports besides snapshots, as bytes (docs/recording-format.md,
// "Observations"): the same primitives as snapshots (ByteWriter), one blob per signal. Pure code,
// no SQLite, for recordings and for a remote agent's stream alike. Every decoder takes hostile
// bytes: it says where they are wrong, and never returns an enum value the program has no name for.

// countersSampled(monotonicNs, changes)
struct CounterSample
{
    qint64 monotonicNs = 0;
    QList<CounterChange> changes;
};

// sysctlChanged(change, monotonicNs)
struct SysctlChangeSample
{
    SysctlChange change;
    qint64 monotonicNs = 0;
};

// sysctlsRead(monotonicNs, values)
struct SysctlReadingSample
{
    qint64 monotonicNs = 0;
    QHash<QString, QString> values;
};

// exactModeChanged(active, status) and exactEventsLost(count): how collection went, for the status bar.
struct ExactModeSample
{
    bool active = false;
    QString status;
    qint64 lostEvents = 0; // > 0: an exactEventsLost(lostEvents) rather than a change of mode
};

QByteArray encodeDestroyed(const DestroyedSockets &destroyed);
std::expected<DestroyedSockets, QString> decodeDestroyed(QByteArrayView blob);

QByteArray encodeStateChanges(const QList<StateChangeEvent> &changes);
std::expected<QList<StateChangeEvent>, QString> decodeStateChanges(QByteArrayView blob);

QByteArray encodeConnectionEvents(const ConnectionEvents &events);
std::expected<ConnectionEvents, QString> decodeConnectionEvents(QByteArrayView blob);

// One listener sample, its time relative to `baseNs` (a batch's time; 0 where samples stand alone),
// for every blob that holds samples: the recording's batches, the agent's listener history.
void writeListenerSample(ByteWriter &out, const ListenerSample &sample, qint64 baseNs);
ListenerSample readListenerSample(ByteReader &in, qint64 baseNs);
// What writeListenerSample() writes at the least, for ByteReader::count().
inline constexpr qsizetype ListenerSampleMinimumBytes = 7;

QByteArray encodeListenerBatch(const ListenerSampleBatch &batch);
std::expected<ListenerSampleBatch, QString> decodeListenerBatch(QByteArrayView blob);

QByteArray encodeCounterSample(const CounterSample &sample);
std::expected<CounterSample, QString> decodeCounterSample(QByteArrayView blob);

QByteArray encodeSysctlChange(const SysctlChangeSample &sample);
std::expected<SysctlChangeSample, QString> decodeSysctlChange(QByteArrayView blob);

QByteArray encodeSysctlReading(const SysctlReadingSample &sample);
std::expected<SysctlReadingSample, QString> decodeSysctlReading(QByteArrayView blob);

QByteArray encodeMarker(const TimelineMarker &marker);
std::expected<TimelineMarker, QString> decodeMarker(QByteArrayView blob);

QByteArray encodeExactMode(const ExactModeSample &sample);
std::expected<ExactModeSample, QString> decodeExactMode(QByteArrayView blob);

} // namespace TcpLens
