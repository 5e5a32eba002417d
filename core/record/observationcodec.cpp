// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "observationcodec.h"

#include "record/bytereader.h"
#include "record/bytewriter.h"
#include "record/socketrecordcodec.h"

#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace TcpLens {

namespace {

using namespace Qt::StringLiterals;

constexpr quint64 U32 = std::numeric_limits<quint32>::max();

TcpState readState(ByteReader &in, const char *what)
{
    return TcpState(in.bounded(TcpStateCount - 1, what));
}

void writeDateTime(ByteWriter &out, const QDateTime &time)
{
    out.boolean(time.isValid());
    if (time.isValid())
        out.signedNumber(time.toMSecsSinceEpoch());
}

QDateTime readDateTime(ByteReader &in, const char *what)
{
    if (!in.boolean(what))
        return {};
    return QDateTime::fromMSecsSinceEpoch(in.signedNumber(what), QTimeZone::UTC).toLocalTime();
}

} // namespace

QByteArray encodeDestroyed(const DestroyedSockets &destroyed)
{
    ByteWriter out;
    out.signedNumber(destroyed.monotonicNs);
    out.signedNumber(destroyed.lostNotices);
    out.unsignedNumber(quint64(destroyed.congestionNames.size()));
    for (const QByteArray &name : destroyed.congestionNames)
        out.byteArray(name);
    out.unsignedNumber(quint64(destroyed.sockets.size()));
    // A notice's record comes without details (DestroyWatcher keeps none): they encode as absent.
    const DetailedSocketRecord empty;
    DetailedSocketRecord detailed;
    for (const SocketRecord &socket : destroyed.sockets) {
        static_cast<SocketRecord &>(detailed) = socket;
        encodeSocketRecord(out, empty, detailed);
    }
    return out.take();
}

std::expected<DestroyedSockets, QString> decodeDestroyed(QByteArrayView blob)
{
    ByteReader in(blob);
    DestroyedSockets destroyed;
    destroyed.monotonicNs = in.signedNumber("monotonicNs");
    const qint64 lost = in.signedNumber("lostNotices");
    if (lost < 0 || lost > std::numeric_limits<int>::max())
        in.invalid("lostNotices", "out of range");
    destroyed.lostNotices = int(lost);
    const qsizetype names = in.count(1, "congestion names");
    if (names > 256)
        in.invalid("congestion names", "more than a socket can index");
    for (qsizetype i = 0; i < names && !in.failed(); ++i)
        destroyed.congestionNames.append(in.byteArray("congestion name"));
    const qsizetype count = in.count(1, "sockets");
    const DetailedSocketRecord empty;
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        DetailedSocketRecord socket = empty;
        decodeSocketRecord(in, socket);
        if (socket.congestion != 0 && socket.congestion >= destroyed.congestionNames.size())
            in.invalid("congestion", "index beyond the congestion names");
        destroyed.sockets.append(socket);
    }
    return in.finish(std::move(destroyed), "destroy notice");
}

QByteArray encodeStateChanges(const QList<StateChangeEvent> &changes)
{
    ByteWriter out;
    out.unsignedNumber(quint64(changes.size()));
    qint64 previousNs = 0;
    for (const StateChangeEvent &change : changes) {
        out.signedNumber(change.timeNs - previousNs);
        previousNs = change.timeNs;
        out.unsignedNumber(change.socketAddress);
        out.byte(quint8(change.oldState));
        out.byte(quint8(change.newState));
        out.byte(change.family);
        out.unsignedNumber(change.localPort);
        out.unsignedNumber(change.remotePort);
        out.bytes(change.localAddress);
        out.bytes(change.remoteAddress);
        out.signedNumber(change.cpu);
    }
    return out.take();
}

std::expected<QList<StateChangeEvent>, QString> decodeStateChanges(QByteArrayView blob)
{
    ByteReader in(blob);
    QList<StateChangeEvent> changes;
    const qsizetype count = in.count(40, "state changes");
    qint64 timeNs = 0;
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        StateChangeEvent change;
        timeNs += in.signedNumber("timeNs");
        change.timeNs = timeNs;
        change.socketAddress = in.unsignedNumber("socketAddress");
        change.oldState = TcpState(in.byte("oldState"));
        change.newState = TcpState(in.byte("newState"));
        if (quint8(change.oldState) >= TcpStateCount || quint8(change.newState) >= TcpStateCount)
            in.invalid("state", "out of range");
        change.family = in.byte("family");
        change.localPort = quint16(in.bounded(0xffff, "localPort"));
        change.remotePort = quint16(in.bounded(0xffff, "remotePort"));
        in.bytes(change.localAddress, "localAddress");
        in.bytes(change.remoteAddress, "remoteAddress");
        const qint64 cpu = in.signedNumber("cpu");
        if (cpu < -1 || cpu > std::numeric_limits<int>::max())
            in.invalid("cpu", "out of range");
        change.cpu = int(cpu);
        changes.append(change);
    }
    return in.finish(std::move(changes), "state changes");
}

QByteArray encodeConnectionEvents(const ConnectionEvents &events)
{
    ByteWriter out;
    out.unsignedNumber(quint64(events.size()));
    qint64 previousNs = 0;
    for (const ConnectionEvent &event : events) {
        out.byte(quint8(event.kind));
        out.unsignedNumber(event.connectionId);
        out.byte(quint8(event.from));
        out.byte(quint8(event.to));
        out.signedNumber(event.timeNs - previousNs);
        previousNs = event.timeNs;
        out.byte(quint8(event.knowledge));
        out.unsignedNumber(event.kept);
    }
    return out.take();
}

std::expected<ConnectionEvents, QString> decodeConnectionEvents(QByteArrayView blob)
{
    ByteReader in(blob);
    ConnectionEvents events;
    const qsizetype count = in.count(7, "connection events");
    qint64 timeNs = 0;
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        ConnectionEvent event;
        event.kind = ConnectionEvent::Kind(in.bounded(quint64(ConnectionEvent::Kind::Revised), "event kind"));
        event.connectionId = in.unsignedNumber("connectionId");
        event.from = readState(in, "from");
        event.to = readState(in, "to");
        timeNs += in.signedNumber("timeNs");
        event.timeNs = timeNs;
        event.knowledge = StepKnowledge(in.bounded(quint64(StepKnowledge::Exact), "knowledge"));
        event.kept = quint32(in.bounded(U32, "kept"));
        events.append(event);
    }
    return in.finish(std::move(events), "connection events");
}

void writeListenerSample(ByteWriter &out, const ListenerSample &sample, qint64 baseNs)
{
    out.signedNumber(sample.timeNs - baseNs);
    out.unsignedNumber(sample.acceptQueue);
    out.unsignedNumber(sample.acceptQueueLimit);
    out.unsignedNumber(sample.synQueue);
    out.signedNumber(sample.overflows);
    out.signedNumber(sample.drops);
    out.boolean(sample.synQueueCounted);
}

ListenerSample readListenerSample(ByteReader &in, qint64 baseNs)
{
    ListenerSample sample;
    sample.timeNs = baseNs + in.signedNumber("timeNs");
    sample.acceptQueue = quint32(in.bounded(U32, "acceptQueue"));
    sample.acceptQueueLimit = quint32(in.bounded(U32, "acceptQueueLimit"));
    sample.synQueue = quint32(in.bounded(U32, "synQueue"));
    sample.overflows = in.signedNumber("overflows");
    sample.drops = in.signedNumber("drops");
    sample.synQueueCounted = in.boolean("synQueueCounted");
    return sample;
}

QByteArray encodeListenerBatch(const ListenerSampleBatch &batch)
{
    ByteWriter out;
    out.unsignedNumber(batch.generation);
    out.signedNumber(batch.monotonicNs);
    out.signedNumber(batch.unattributedOverflows);
    out.signedNumber(batch.unattributedDrops);
    out.signedNumber(batch.tickNs);
    out.unsignedNumber(quint64(batch.listeners.size()));
    for (const ListenerReading &reading : batch.listeners) {
        out.unsignedNumber(reading.cookie);
        out.text(reading.endpoint);
        out.unsignedNumber(reading.port);
        out.text(reading.process);
        writeListenerSample(out, reading.sample, batch.monotonicNs);
    }
    return out.take();
}

std::expected<ListenerSampleBatch, QString> decodeListenerBatch(QByteArrayView blob)
{
    ByteReader in(blob);
    ListenerSampleBatch batch;
    batch.generation = in.unsignedNumber("generation");
    batch.monotonicNs = in.signedNumber("monotonicNs");
    batch.unattributedOverflows = in.signedNumber("unattributedOverflows");
    batch.unattributedDrops = in.signedNumber("unattributedDrops");
    batch.tickNs = in.signedNumber("tickNs");
    const qsizetype count = in.count(11, "listeners");
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        ListenerReading reading;
        reading.cookie = in.unsignedNumber("cookie");
        reading.endpoint = in.text("endpoint");
        reading.port = quint16(in.bounded(0xffff, "port"));
        reading.process = in.text("process");
        reading.sample = readListenerSample(in, batch.monotonicNs);
        batch.listeners.append(reading);
    }
    return in.finish(std::move(batch), "listener samples");
}

QByteArray encodeCounterSample(const CounterSample &sample)
{
    ByteWriter out;
    out.signedNumber(sample.monotonicNs);
    out.unsignedNumber(quint64(sample.changes.size()));
    for (const CounterChange &change : sample.changes) {
        out.byteArray(change.name);
        out.signedNumber(change.value);
        out.signedNumber(change.delta);
        out.real(change.perSecond);
        out.byte(quint8((change.reset ? 1 : 0) | (change.gauge ? 2 : 0)));
    }
    return out.take();
}

std::expected<CounterSample, QString> decodeCounterSample(QByteArrayView blob)
{
    ByteReader in(blob);
    CounterSample sample;
    sample.monotonicNs = in.signedNumber("monotonicNs");
    const qsizetype count = in.count(12, "counters");
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        CounterChange change;
        change.name = in.byteArray("name");
        change.value = in.signedNumber("value");
        change.delta = in.signedNumber("delta");
        change.perSecond = in.real("perSecond");
        const quint8 flags = in.byte("flags");
        if (flags > 3)
            in.invalid("flags", "unknown bits");
        change.reset = flags & 1;
        change.gauge = flags & 2;
        sample.changes.append(change);
    }
    return in.finish(std::move(sample), "counter sample");
}

QByteArray encodeSysctlChange(const SysctlChangeSample &sample)
{
    ByteWriter out;
    out.signedNumber(sample.monotonicNs);
    const SysctlChange &change = sample.change;
    out.text(change.key);
    out.text(change.netns);
    out.text(change.oldValue);
    out.text(change.newValue);
    writeDateTime(out, change.time);
    out.boolean(change.reverted);
    out.text(change.by);
    return out.take();
}

std::expected<SysctlChangeSample, QString> decodeSysctlChange(QByteArrayView blob)
{
    ByteReader in(blob);
    SysctlChangeSample sample;
    sample.monotonicNs = in.signedNumber("monotonicNs");
    SysctlChange &change = sample.change;
    change.key = in.text("key");
    change.netns = in.text("netns");
    change.oldValue = in.text("oldValue");
    change.newValue = in.text("newValue");
    change.time = readDateTime(in, "time");
    change.reverted = in.boolean("reverted");
    change.by = in.text("by");
    return in.finish(std::move(sample), "sysctl change");
}

QByteArray encodeSysctlReading(const SysctlReadingSample &sample)
{
    ByteWriter out;
    out.signedNumber(sample.monotonicNs);
    QList<QString> keys = sample.values.keys();
    std::sort(keys.begin(), keys.end());
    out.unsignedNumber(quint64(keys.size()));
    for (const QString &key : keys) {
        out.text(key);
        out.text(sample.values.value(key));
    }
    return out.take();
}

std::expected<SysctlReadingSample, QString> decodeSysctlReading(QByteArrayView blob)
{
    ByteReader in(blob);
    SysctlReadingSample sample;
    sample.monotonicNs = in.signedNumber("monotonicNs");
    const qsizetype count = in.count(2, "sysctls");
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        const QString key = in.text("key");
        sample.values.insert(key, in.text("value"));
    }
    return in.finish(std::move(sample), "sysctl reading");
}

QByteArray encodeMarker(const TimelineMarker &marker)
{
    ByteWriter out;
    out.signedNumber(marker.monotonicNs);
    out.text(marker.label);
    out.text(marker.detail);
    out.byte(quint8(marker.kind));
    return out.take();
}

std::expected<TimelineMarker, QString> decodeMarker(QByteArrayView blob)
{
    ByteReader in(blob);
    TimelineMarker marker;
    marker.monotonicNs = in.signedNumber("monotonicNs");
    marker.label = in.text("label");
    marker.detail = in.text("detail");
    marker.kind = TimelineMarker::Kind(in.bounded(quint64(TimelineMarker::Kind::Note), "kind"));
    return in.finish(std::move(marker), "marker");
}

QByteArray encodeExactMode(const ExactModeSample &sample)
{
    ByteWriter out;
    out.boolean(sample.active);
    out.text(sample.status);
    out.signedNumber(sample.lostEvents);
    return out.take();
}

std::expected<ExactModeSample, QString> decodeExactMode(QByteArrayView blob)
{
    ByteReader in(blob);
    ExactModeSample sample;
    sample.active = in.boolean("active");
    sample.status = in.text("status");
    sample.lostEvents = in.signedNumber("lostEvents");
    return in.finish(std::move(sample), "exact mode");
}

} // namespace TcpLens
