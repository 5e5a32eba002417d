// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "snapshotjson.h"

#include "export/jsonstreamwriter.h"
#include "model/ipaddresstext.h"
#include "model/usablecpus.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <array>
#include <concepts>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// The schema's fields, once, for both forms: `Out` is ObjectFields (a QJsonObject) or StreamFields
// (text as it goes). Each field is `out.field(name, value)` with a value of one of the types both
// know; a nested object is beginObject(name) ... endObject().

// The cookie: 64 bits do not survive a JSON number (a double to most readers), so a decimal string.
struct Cookie
{
    quint64 value;
};

// An address as inet_ntop() writes it, formatted only by the form that writes it.
struct Address
{
    quint8 family;
    const std::array<quint8, 16> &bytes;
};

// tcp_info's fields in the kernel's order; those of `details` only when the snapshot kept them.
template<typename Out>
void tcpInfoFields(Out &out, const TcpInfo &info, const TcpInfoDetails *details)
{
    out.field("kernel_length", info.kernelLength);
    if (details)
        out.field("ca_state", details->caState);
    out.field("retransmits", info.retransmits);
    out.field("probes", info.probes);
    if (details) {
        out.field("backoff", details->backoff);
        out.field("options", details->options);
        out.field("snd_wscale", details->sendWindowScale());
        out.field("rcv_wscale", details->receiveWindowScale());
        out.field("rto_us", details->rtoUs);
    }
    out.field("rtt_us", info.rttUs);
    if (details) {
        out.field("rttvar_us", details->rttVarUs);
        out.field("min_rtt_us", details->minRttUs);
        out.field("snd_mss", details->sendMss);
    }
    out.field("snd_cwnd", info.congestionWindow);
    if (details)
        out.field("snd_ssthresh", details->slowStartThreshold);
    out.field("unacked", info.unacked);
    if (details)
        out.field("sacked", details->sacked);
    if (details)
        out.field("lost", details->lost);
    out.field("total_retrans", info.totalRetransmits);
    if (details)
        out.field("notsent_bytes", details->notSentBytes);
    out.field("last_data_sent_ms", info.lastDataSentMs);
    if (details)
        out.field("last_data_recv_ms", details->lastDataReceivedMs);
    out.field("last_ack_recv_ms", info.lastAckReceivedMs);
    out.field("snd_wnd", info.sendWindow);
    if (details) {
        out.field("rcv_wnd", details->receiveWindow);
        out.field("pacing_rate", details->pacingRate);
        out.field("delivery_rate", details->deliveryRate);
        out.field("bytes_sent", details->bytesSent);
    }
    out.field("bytes_acked", info.bytesAcked);
    out.field("bytes_received", info.bytesReceived);
    if (details) {
        out.field("bytes_retrans", details->bytesRetransmitted);
        out.field("busy_time_us", details->busyTimeUs);
        out.field("rwnd_limited_us", details->receiveWindowLimitedUs);
        out.field("sndbuf_limited_us", details->sendBufferLimitedUs);
    }
}

template<typename Out>
void socketFields(Out &out, const SocketSnapshot &snapshot, std::size_t index)
{
    const SocketRecord &socket = snapshot.sockets()[index];
    const SocketDetails *details = snapshot.hasDetails() ? &snapshot.data().details[index] : nullptr;
    out.field("cookie", Cookie{socket.cookie});
    out.field("family", socket.isIpv6() ? "inet6"_L1 : "inet"_L1);
    out.field("state", stateName(socket.displayState()));
    out.field("request_socket", socket.hasFlag(IsRequest));
    out.field("timewait_socket", socket.hasFlag(IsTimeWaitSocket));
    out.field("local_address", Address{socket.family, socket.localAddress});
    out.field("local_port", socket.localPort);
    out.field("remote_address", Address{socket.family, socket.remoteAddress});
    out.field("remote_port", socket.remotePort);
    out.field("recv_q", socket.receiveQueue);
    out.field("send_q", socket.sendQueue);
    out.field("timer", timerName(socket.timer));
    out.field("timer_expires_ms", socket.timerExpiresMs);
    out.field("timer_retransmits", socket.timerRetransmits);
    out.field("uid", socket.uid);
    out.field("inode", socket.inode);
    out.field("shutdown", socket.shutdown);
    if (const QByteArray name = snapshot.congestionName(socket); !name.isEmpty())
        out.field("congestion", QLatin1StringView(name));
    if (socket.hasFlag(HasMemory) && details) {
        out.beginObject("memory");
        out.field("rmem_alloc", details->memory.receiveAllocated);
        out.field("rcvbuf", details->memory.receiveBuffer);
        out.field("wmem_queued", details->memory.sendQueued);
        out.field("sndbuf", details->memory.sendBuffer);
        out.endObject();
    }
    if (socket.info.isPresent()) {
        out.beginObject("tcp_info");
        tcpInfoFields(out, socket.info, details ? &details->info : nullptr);
        out.endObject();
    }
    OwnerAbsence absence;
    if (const SocketOwner *owner = snapshot.owner(socket, &absence)) {
        out.beginObject("owner");
        out.field("pid", owner->pid);
        out.field("command", QStringView(owner->command));
        out.field("uid", owner->uid);
        out.field("user", QStringView(owner->user));
        out.endObject();
    } else {
        out.field("owner_absent", ownerAbsenceName(absence));
    }
}

// Added to a listener's socket fields.
template<typename Out>
void queueFields(Out &out, const ListenerQueue &listener)
{
    out.field("accept_queue", listener.acceptQueueLength);
    out.field("accept_queue_limit", listener.acceptQueueLimit);
    out.field("syn_queue", listener.synQueueLength);
}

// The top level, without the arrays.
template<typename Out>
void headerFields(Out &out, const SocketSnapshot &snapshot)
{
    out.field("schema", "tcplens.snapshot"_L1);
    out.field("schema_version", SnapshotJsonSchemaVersion);
    out.field("generation", snapshot.generation());
    out.field("taken_at", QStringView(snapshot.takenAt().toString(Qt::ISODateWithMs)));
    out.field("netns", snapshot.netnsName().isEmpty() ? QStringView(u"self") : QStringView(snapshot.netnsName()));
    out.field("netns_inode", snapshot.netnsInode());
    out.field("socket_count", quint64(snapshot.sockets().size()));
    const DumpStatistics &statistics = snapshot.statistics();
    out.beginObject("dump");
    out.field("duration_us", statistics.durationNs / 1000);
    out.field("owner_lookup_us", statistics.ownerLookupNs / 1000);
    out.field("messages", statistics.messages);
    out.field("bytes", statistics.bytes);
    out.field("restarts", statistics.restarts);
    out.endObject();
}

// Builds QJsonObjects. Numbers beyond qint64 become doubles, as a JSON parser reads them.
class ObjectFields
{
public:
    ObjectFields() { m_objects.emplace_back(); }

    void field(std::string_view name, bool value) { insert(name, value); }
    template<std::integral T>
    void field(std::string_view name, T value)
    {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) == sizeof(quint64)) {
            if (value > quint64(std::numeric_limits<qint64>::max())) {
                insert(name, double(value));
                return;
            }
        }
        insert(name, qint64(value));
    }
    void field(std::string_view name, Cookie cookie) { insert(name, QString::number(cookie.value)); }
    void field(std::string_view name, QLatin1StringView text) { insert(name, QString(text)); }
    void field(std::string_view name, QStringView text) { insert(name, text.toString()); }
    void field(std::string_view name, Address address)
    {
        IpAddressTextBuffer buffer;
        const std::string_view text = ipAddressText(address.family, address.bytes, buffer);
        insert(name, QString::fromLatin1(text.data(), qsizetype(text.size())));
    }
    void beginObject(std::string_view name)
    {
        m_names.push_back(name);
        m_objects.emplace_back();
    }
    void endObject()
    {
        QJsonObject object = std::move(m_objects.back());
        m_objects.pop_back();
        insert(m_names.back(), object);
        m_names.pop_back();
    }
    void insertArray(std::string_view name, const QJsonArray &array) { insert(name, array); }
    QJsonObject take() { return std::move(m_objects.front()); }

private:
    void insert(std::string_view name, const QJsonValue &value)
    {
        m_objects.back().insert(QLatin1StringView(name.data(), qsizetype(name.size())), value);
    }

    std::vector<QJsonObject> m_objects; // the object being built and the ones it is nested in
    std::vector<std::string_view> m_names; // the names of the nested ones
};

// Streams the fields through a JsonStreamWriter.
class StreamFields
{
public:
    explicit StreamFields(JsonStreamWriter &writer)
        : m_writer(writer)
    {
    }

    template<typename T>
    void field(std::string_view name, T value)
    {
        m_writer.key(name);
        m_writer.value(value);
    }
    void field(std::string_view name, Cookie cookie)
    {
        m_writer.key(name);
        m_writer.decimalString(cookie.value);
    }
    void field(std::string_view name, Address address)
    {
        IpAddressTextBuffer buffer;
        const std::string_view text = ipAddressText(address.family, address.bytes, buffer);
        m_writer.key(name);
        m_writer.value(QLatin1StringView(text.data(), qsizetype(text.size())));
    }
    void beginObject(std::string_view name)
    {
        m_writer.key(name);
        m_writer.beginObject();
    }
    void endObject() { m_writer.endObject(); }

private:
    JsonStreamWriter &m_writer;
};

QJsonObject listenerToJson(const SocketSnapshot &snapshot, const ListenerQueue &listener)
{
    ObjectFields out;
    socketFields(out, snapshot, std::size_t(listener.socketIndex));
    queueFields(out, listener);
    return out.take();
}

void writeListener(
    StreamFields &out, JsonStreamWriter &writer, const SocketSnapshot &snapshot, const ListenerQueue &listener)
{
    writer.beginObject();
    socketFields(out, snapshot, std::size_t(listener.socketIndex));
    queueFields(out, listener);
    writer.endObject();
}

// A snapshot's sockets are 95 % of its JSON. With a second CPU, two threads format them, a chunk
// at a time, each chunk into text of its own, and this thread hands the texts to the writer in
// order: the writing takes about half as long. A chunk goes to whichever thread is free, so a
// thread that gets less CPU (a busy machine) does less; at most Window chunks wait in memory.
constexpr std::size_t SocketsPerChunk = 2048;
constexpr std::size_t MinChunksForHelper = 4;
constexpr std::size_t Window = 4;

// Writes elements [0, count) with writeElement(writer, index), in order. `commaBetween`: they are
// elements of an array just begun, not lines.
template<typename WriteElement>
void writeInOrder(JsonStreamWriter &writer, std::size_t count, bool commaBetween, const WriteElement &writeElement)
{
    const std::size_t chunks = (count + SocketsPerChunk - 1) / SocketsPerChunk;
    if (chunks < MinChunksForHelper || writer.layout() != JsonStreamWriter::Layout::Compact || usableCpus() < 2) {
        for (std::size_t index = 0; index < count; ++index)
            writeElement(writer, index);
        return;
    }
    struct ChunkText
    {
        std::string text;
        bool done = false; // formatted, not yet handed to the writer
    };
    std::array<ChunkText, Window> texts; // chunk k in texts[k % Window]
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t claimed = 0; // chunks a thread took; guarded by mutex, as `written` and ChunkText::done
    std::size_t written = 0;
    const auto format = [&](std::size_t chunk) {
        ChunkText &formatted = texts[chunk % Window];
        formatted.text.clear();
        JsonStreamWriter text(
            [&](std::string_view piece) {
                formatted.text.append(piece);
                return true;
            },
            JsonStreamWriter::Layout::Compact, 64 * 1024);
        for (std::size_t index = chunk * SocketsPerChunk; index < std::min(count, (chunk + 1) * SocketsPerChunk);
            ++index) {
            if (commaBetween && index != 0)
                text.raw(",");
            writeElement(text, index);
        }
        text.flush();
        {
            const std::lock_guard lock(mutex);
            formatted.done = true;
        }
        changed.notify_all();
    };
    // A chunk may be taken once the one Window places before it is written: its text is free.
    const auto mayClaim = [&] {
        return claimed < chunks && claimed < written + Window;
    };
    std::thread helper([&] {
        for (;;) {
            std::size_t chunk = 0;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return claimed >= chunks || mayClaim(); });
                if (claimed >= chunks)
                    return;
                chunk = claimed++;
            }
            format(chunk);
        }
    });
    std::unique_lock lock(mutex);
    while (written < chunks) {
        ChunkText &next = texts[written % Window];
        if (next.done) {
            lock.unlock();
            writer.raw(next.text);
            lock.lock();
            next.done = false;
            ++written;
            changed.notify_all();
        } else if (mayClaim()) {
            const std::size_t chunk = claimed++;
            lock.unlock();
            format(chunk);
            lock.lock();
        } else {
            changed.wait(lock); // the helper is formatting the next chunk to write
        }
    }
    lock.unlock();
    helper.join();
}

} // namespace

QLatin1StringView ownerAbsenceName(OwnerAbsence absence)
{
    switch (absence) {
    case OwnerAbsence::HasOwner:
        return "has-owner"_L1;
    case OwnerAbsence::NoInodeTimeWait:
        return "timewait-socket"_L1;
    case OwnerAbsence::NoInodeRequest:
        return "request-socket"_L1;
    case OwnerAbsence::NoInodeNotAccepted:
        return "not-accepted"_L1;
    case OwnerAbsence::NoInodeOrphan:
        return "orphan"_L1;
    case OwnerAbsence::NotPermitted:
        return "not-permitted"_L1;
    case OwnerAbsence::NotFoundYet:
        return "not-found-yet"_L1;
    case OwnerAbsence::NotResolved:
        return "not-resolved"_L1;
    }
    return "unknown"_L1;
}

QJsonObject socketToJson(const SocketSnapshot &snapshot, std::size_t index)
{
    ObjectFields out;
    socketFields(out, snapshot, index);
    return out.take();
}

QJsonObject snapshotToJson(const SocketSnapshot &snapshot, const SnapshotJsonOptions &options)
{
    ObjectFields out;
    headerFields(out, snapshot);
    QJsonArray listeners;
    for (const ListenerQueue &listener : snapshot.listeners())
        listeners.append(listenerToJson(snapshot, listener));
    out.insertArray("listeners", listeners);
    if (!options.listenersOnly) {
        QJsonArray sockets;
        for (std::size_t i = 0; i < snapshot.sockets().size(); ++i)
            sockets.append(socketToJson(snapshot, i));
        out.insertArray("sockets", sockets);
    }
    return out.take();
}

void writeSnapshotJson(JsonStreamWriter &writer, const SocketSnapshot &snapshot, const SnapshotJsonOptions &options)
{
    StreamFields out(writer);
    writer.beginObject();
    headerFields(out, snapshot);
    writer.key("listeners");
    writer.beginArray();
    for (const ListenerQueue &listener : snapshot.listeners())
        writeListener(out, writer, snapshot, listener);
    writer.endArray();
    if (!options.listenersOnly) {
        writer.key("sockets");
        writer.beginArray();
        const auto &sockets = snapshot.sockets();
        writeInOrder(writer, sockets.size(), true, [&](JsonStreamWriter &to, std::size_t index) {
            StreamFields fields(to);
            to.beginObject();
            socketFields(fields, snapshot, index);
            to.endObject();
        });
        writer.endArray();
    }
    writer.endObject();
    writer.newline();
}

void writeSnapshotJsonLines(
    JsonStreamWriter &writer, const SocketSnapshot &snapshot, const SnapshotJsonOptions &options)
{
    StreamFields out(writer);
    writer.beginObject();
    headerFields(out, snapshot);
    writer.endObject();
    writer.newline();
    if (options.listenersOnly) {
        for (const ListenerQueue &listener : snapshot.listeners()) {
            writeListener(out, writer, snapshot, listener);
            writer.newline();
        }
        return;
    }
    QHash<int, const ListenerQueue *> listenerOf;
    for (const ListenerQueue &listener : snapshot.listeners())
        listenerOf.insert(listener.socketIndex, &listener);
    const auto &sockets = snapshot.sockets();
    writeInOrder(writer, sockets.size(), false, [&](JsonStreamWriter &to, std::size_t index) {
        StreamFields fields(to);
        to.beginObject();
        socketFields(fields, snapshot, index);
        if (sockets[index].state == TcpState::Listen) {
            if (const ListenerQueue *listener = listenerOf.value(int(index)))
                queueFields(fields, *listener);
        }
        to.endObject();
        to.newline();
    });
}

} // namespace TcpLens
