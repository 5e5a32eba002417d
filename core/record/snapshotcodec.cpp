// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "snapshotcodec.h"

#include "record/bytereader.h"
#include "record/bytewriter.h"
#include "record/socketrecordcodec.h"

#include <QTimeZone>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <utility>

namespace TcpLens {

namespace {

using namespace Qt::StringLiterals;

// How a delta rebuilds the socket list in the new order: copy a run of unchanged sockets of the base,
// take one socket of the base with some fields changed, add a new one, or (format 2) copy a run of
// sockets that aged by the common aging plus a run's own (see aged()).
enum class SocketOp : quint8 { CopyRun = 0, Changed = 1, New = 2, AgedRun = 3 };

enum class TimeSpec : quint8 { Invalid = 0, Utc = 1, Offset = 2 };

constexpr qint32 MaxOffsetSeconds = 18 * 3600; // QTimeZone's limit for an offset from UTC

template<typename Key>
QList<Key> sortedKeys(const auto &container)
{
    QList<Key> keys(container.keyBegin(), container.keyEnd());
    std::sort(keys.begin(), keys.end());
    return keys;
}

void writeHeader(ByteWriter &out, const SocketSnapshot &snapshot)
{
    out.unsignedNumber(snapshot.generation());
    out.signedNumber(snapshot.monotonicNs());
    const QDateTime &taken = snapshot.takenAt();
    if (!taken.isValid()) {
        out.byte(quint8(TimeSpec::Invalid));
    } else if (taken.timeSpec() == Qt::UTC) {
        out.byte(quint8(TimeSpec::Utc));
        out.signedNumber(taken.toMSecsSinceEpoch());
    } else {
        // Local time is kept as the offset it had: the file may be read in another time zone.
        out.byte(quint8(TimeSpec::Offset));
        out.signedNumber(taken.toMSecsSinceEpoch());
        out.signedNumber(taken.offsetFromUtc());
    }
    out.unsignedNumber(snapshot.netnsInode());
    out.text(snapshot.netnsName());
    out.unsignedNumber(snapshot.stateMask());
    out.boolean(snapshot.ownersResolved());
    const DumpStatistics &statistics = snapshot.statistics();
    out.signedNumber(statistics.durationNs);
    out.signedNumber(statistics.ownerLookupNs);
    out.unsignedNumber(statistics.messages);
    out.unsignedNumber(statistics.bytes);
    out.unsignedNumber(statistics.restarts);
    out.unsignedNumber(statistics.skippedMessages);
}

void readHeader(ByteReader &in, SocketSnapshot::Data &data)
{
    data.generation = in.unsignedNumber("generation");
    data.monotonicNs = in.signedNumber("monotonicNs");
    const quint8 spec = in.byte("takenAt kind");
    if (spec == quint8(TimeSpec::Utc)) {
        data.takenAt = QDateTime::fromMSecsSinceEpoch(in.signedNumber("takenAt"), QTimeZone::UTC);
    } else if (spec == quint8(TimeSpec::Offset)) {
        const qint64 ms = in.signedNumber("takenAt");
        const qint64 offset = in.signedNumber("takenAt offset");
        if (offset < -MaxOffsetSeconds || offset > MaxOffsetSeconds)
            in.invalid("takenAt offset", "beyond 18 hours");
        else
            data.takenAt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::fromSecondsAheadOfUtc(int(offset)));
    } else if (spec != quint8(TimeSpec::Invalid)) {
        in.invalid("takenAt kind", "unknown");
    }
    data.netnsInode = in.unsignedNumber("netnsInode");
    data.netnsName = in.text("netnsName");
    data.stateMask = quint32(in.bounded(std::numeric_limits<quint32>::max(), "stateMask"));
    data.ownersResolved = in.boolean("ownersResolved");
    data.statistics.durationNs = in.signedNumber("durationNs");
    data.statistics.ownerLookupNs = in.signedNumber("ownerLookupNs");
    data.statistics.messages = quint32(in.bounded(std::numeric_limits<quint32>::max(), "messages"));
    data.statistics.bytes = in.unsignedNumber("bytes");
    data.statistics.restarts = quint32(in.bounded(std::numeric_limits<quint32>::max(), "restarts"));
    data.statistics.skippedMessages = quint32(in.bounded(std::numeric_limits<quint32>::max(), "skippedMessages"));
}

// The small tables, whole in every blob: congestion names, user names, owners not found yet.
void writeTables(ByteWriter &out, const SocketSnapshot::Data &data)
{
    out.unsignedNumber(quint64(data.congestionNames.size()));
    for (const QByteArray &name : data.congestionNames)
        out.byteArray(name);
    const QList<quint32> uids = sortedKeys<quint32>(data.userNames);
    out.unsignedNumber(quint64(uids.size()));
    for (quint32 uid : uids) {
        out.unsignedNumber(uid);
        out.text(data.userNames.value(uid));
    }
    QList<quint32> notFound(data.ownersNotFoundYet.cbegin(), data.ownersNotFoundYet.cend());
    std::sort(notFound.begin(), notFound.end());
    out.unsignedNumber(quint64(notFound.size()));
    quint32 previous = 0;
    for (quint32 inode : notFound) {
        out.unsignedNumber(inode - previous);
        previous = inode;
    }
}

void readTables(ByteReader &in, SocketSnapshot::Data &data)
{
    const qsizetype names = in.count(1, "congestion names");
    // SocketRecord::congestion is a quint8 index.
    if (names > 256)
        in.invalid("congestion names", "more than a socket can index");
    data.congestionNames.clear();
    for (qsizetype i = 0; i < names && !in.failed(); ++i)
        data.congestionNames.append(in.byteArray("congestion name"));
    const qsizetype users = in.count(2, "user names");
    for (qsizetype i = 0; i < users && !in.failed(); ++i) {
        const auto uid = quint32(in.bounded(std::numeric_limits<quint32>::max(), "uid"));
        data.userNames.insert(uid, in.text("user name"));
    }
    const qsizetype notFound = in.count(1, "owners not found yet");
    quint64 inode = 0;
    for (qsizetype i = 0; i < notFound && !in.failed(); ++i) {
        inode += in.unsignedNumber("inode");
        if (inode > std::numeric_limits<quint32>::max())
            in.invalid("inode", "out of range");
        data.ownersNotFoundYet.insert(quint32(inode));
    }
}

void writeProcesses(ByteWriter &out, const QHash<qint32, SocketOwner> &byPid)
{
    const QList<qint32> pids = sortedKeys<qint32>(byPid);
    out.unsignedNumber(quint64(pids.size()));
    for (qint32 pid : pids) {
        const SocketOwner &owner = byPid[pid];
        out.signedNumber(owner.pid);
        out.unsignedNumber(owner.uid);
        out.text(owner.command);
        out.text(owner.user);
    }
}

void readProcesses(ByteReader &in, QHash<qint32, SocketOwner> &byPid)
{
    byPid.clear();
    const qsizetype count = in.count(4, "processes");
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        SocketOwner owner;
        const qint64 pid = in.signedNumber("pid");
        if (pid < std::numeric_limits<qint32>::min() || pid > std::numeric_limits<qint32>::max())
            in.invalid("pid", "out of range");
        owner.pid = qint32(pid);
        owner.uid = quint32(in.bounded(std::numeric_limits<quint32>::max(), "uid"));
        owner.command = in.text("command");
        owner.user = in.text("user");
        byPid.insert(owner.pid, owner);
    }
}

bool sameProcesses(const QHash<qint32, SocketOwner> &a, const QHash<qint32, SocketOwner> &b)
{
    if (a.isSharedWith(b))
        return true;
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other == b.cend() || other->pid != it->pid || other->uid != it->uid || other->command != it->command ||
            other->user != it->user)
            return false;
    }
    return true;
}

void writeInodes(ByteWriter &out, const QList<quint32> &inodes, const QHash<quint32, qint32> *pids)
{
    out.unsignedNumber(quint64(inodes.size()));
    quint32 previous = 0;
    for (quint32 inode : inodes) {
        out.unsignedNumber(inode - previous);
        previous = inode;
        if (pids)
            out.signedNumber(pids->value(inode));
    }
}

// Reads sorted inodes (and their pids into `into`, or removes them from it).
void readInodes(ByteReader &in, QHash<quint32, qint32> &into, bool withPids)
{
    const qsizetype count = in.count(withPids ? 2 : 1, "inodes");
    quint64 inode = 0;
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        inode += in.unsignedNumber("inode");
        if (inode > std::numeric_limits<quint32>::max()) {
            in.invalid("inode", "out of range");
            break;
        }
        if (!withPids) {
            into.remove(quint32(inode));
            continue;
        }
        const qint64 pid = in.signedNumber("pid");
        if (pid < std::numeric_limits<qint32>::min() || pid > std::numeric_limits<qint32>::max())
            in.invalid("pid", "out of range");
        into.insert(quint32(inode), qint32(pid));
    }
}

void writeListeners(ByteWriter &out, const QList<ListenerQueue> &listeners)
{
    out.unsignedNumber(quint64(listeners.size()));
    for (const ListenerQueue &listener : listeners) {
        out.unsignedNumber(listener.cookie);
        out.signedNumber(listener.socketIndex);
        out.unsignedNumber(listener.acceptQueueLength);
        out.unsignedNumber(listener.acceptQueueLimit);
        out.unsignedNumber(listener.synQueueLength);
    }
}

void readListeners(ByteReader &in, SocketSnapshot::Data &data)
{
    const qsizetype count = in.count(5, "listeners");
    for (qsizetype i = 0; i < count && !in.failed(); ++i) {
        ListenerQueue listener;
        listener.cookie = in.unsignedNumber("listener cookie");
        const qint64 index = in.signedNumber("listener socket index");
        if (index < -1 || index >= qint64(data.sockets.size()))
            in.invalid("listener socket index", "not one of the snapshot's sockets");
        listener.socketIndex = int(index);
        listener.acceptQueueLength = quint32(in.bounded(std::numeric_limits<quint32>::max(), "accept queue"));
        listener.acceptQueueLimit = quint32(in.bounded(std::numeric_limits<quint32>::max(), "accept queue limit"));
        listener.synQueueLength = quint32(in.bounded(std::numeric_limits<quint32>::max(), "syn queue"));
        data.listeners.append(listener);
    }
}

// What every decoded snapshot must hold: its sockets' congestion indexes lie in its table.
void checkSockets(ByteReader &in, const SocketSnapshot::Data &data)
{
    const auto names = quint64(data.congestionNames.size());
    for (const SocketRecord &socket : data.sockets) {
        if (socket.congestion != 0 && socket.congestion >= names) {
            in.invalid("congestion", "index beyond the snapshot's congestion names");
            return;
        }
    }
}

std::expected<SocketSnapshot::Data, QString> finish(ByteReader &in, SocketSnapshot::Data &&data)
{
    if (!in.failed() && !in.atEnd())
        in.invalid("snapshot", "bytes left after its end");
    if (!in.failed())
        checkSockets(in, data);
    if (in.failed())
        return std::unexpected(u"damaged snapshot "_s + in.error());
    return std::move(data);
}

// The kernel reports some tcp_info figures as "milliseconds since" (tcpi_last_data_sent,
// tcpi_last_data_recv, tcpi_last_ack_recv: jiffies_to_msecs(now - tp->lsndtime) in tcp_get_info())
// and timers as "milliseconds until" (idiag_expires, inet_sk_diag_fill()): on an idle socket they
// move by the time between two polls, on every socket at every poll. A delta states that time once
// (`aging`, the commonest move) and a socket that only aged is unchanged.
DetailedSocketRecord aged(const DetailedSocketRecord &base, quint32 aging)
{
    DetailedSocketRecord socket = base;
    if (aging == 0)
        return socket;
    auto since = [aging](quint32 &value) {
        if (value != 0 && value <= std::numeric_limits<quint32>::max() - aging)
            value += aging;
    };
    if (socket.info.isPresent()) {
        since(socket.info.lastDataSentMs);
        since(socket.details.info.lastDataReceivedMs);
        since(socket.info.lastAckReceivedMs);
    }
    if (socket.timer != TimerKind::None && socket.timerExpiresMs >= aging)
        socket.timerExpiresMs -= aging;
    return socket;
}

// How far one socket aged since `then`, by the first of its figures that moved as aging moves them;
// nothing when none did. Each socket is read at its own moment of the dump, in jiffies, so on a real
// kernel most sockets age by the common aging give or take a few milliseconds (bench_appcpu: without
// this, every delta of 120,000 idle sockets became a key frame, 426 MB a minute).
std::optional<qint64> agingOf(const DetailedSocketRecord &then, const DetailedSocketRecord &now)
{
    if (now.info.isPresent() && then.info.isPresent()) {
        const std::array<std::pair<quint32, quint32>, 3> figures{{
            {then.info.lastAckReceivedMs, now.info.lastAckReceivedMs},
            {then.details.info.lastDataReceivedMs, now.details.info.lastDataReceivedMs},
            {then.info.lastDataSentMs, now.info.lastDataSentMs},
        }};
        for (const auto &[before, after] : figures) {
            if (before != 0 && after >= before)
                return qint64(after) - qint64(before);
        }
    }
    if (now.timer != TimerKind::None && now.timer == then.timer && then.timerExpiresMs >= now.timerExpiresMs)
        return qint64(then.timerExpiresMs) - qint64(now.timerExpiresMs);
    return std::nullopt;
}

// The commonest move of those figures between the two snapshots, on a sample of their sockets.
quint32 commonAging(const std::vector<SocketRecord> &sockets, const std::vector<SocketRecord> &before,
    const QHash<quint64, qsizetype> &baseIndex)
{
    QHash<quint32, int> moves;
    constexpr std::size_t Sample = 2000;
    const std::size_t step = std::max<std::size_t>(1, sockets.size() / Sample);
    for (std::size_t i = 0; i < sockets.size(); i += step) {
        const auto found = baseIndex.constFind(sockets[i].cookie);
        if (found == baseIndex.cend())
            continue;
        const SocketRecord &now = sockets[i];
        const SocketRecord &then = before[std::size_t(*found)];
        if (now.info.isPresent() && then.info.isPresent() && now.info.lastAckReceivedMs > then.info.lastAckReceivedMs &&
            then.info.lastAckReceivedMs != 0)
            ++moves[now.info.lastAckReceivedMs - then.info.lastAckReceivedMs];
        if (now.timer != TimerKind::None && now.timer == then.timer && then.timerExpiresMs > now.timerExpiresMs)
            ++moves[then.timerExpiresMs - now.timerExpiresMs];
    }
    quint32 best = 0;
    int count = 0;
    for (auto it = moves.cbegin(); it != moves.cend(); ++it) {
        if (it.value() > count || (it.value() == count && it.key() < best)) {
            best = it.key();
            count = it.value();
        }
    }
    return best;
}

} // namespace

QByteArray encodeSnapshotKeyFrame(const SocketSnapshot &snapshot)
{
    const SocketSnapshot::Data &data = snapshot.data();
    ByteWriter out;
    out.reserve(qsizetype(data.sockets.size()) * 64 + 256);
    out.byte(quint8(SnapshotBlobKind::KeyFrame));
    writeHeader(out, snapshot);
    writeTables(out, data);
    writeProcesses(out, data.owners.byPid);
    writeInodes(out, sortedKeys<quint32>(data.owners.pidByInode), &data.owners.pidByInode);
    out.unsignedNumber(quint64(data.sockets.size()));
    const DetailedSocketRecord empty;
    for (std::size_t i = 0; i < data.sockets.size(); ++i)
        encodeSocketRecord(out, empty, snapshot.detailedRecord(i));
    writeListeners(out, data.listeners);
    return out.take();
}

std::optional<QByteArray> encodeSnapshotDelta(
    const SocketSnapshot &snapshot, const SocketSnapshot &base, double maximumChangedFraction)
{
    const SocketSnapshot::Data &data = snapshot.data();
    const SocketSnapshot::Data &previous = base.data();
    const auto &sockets = data.sockets;
    const auto &before = previous.sockets;
    QHash<quint64, qsizetype> baseIndex;
    baseIndex.reserve(qsizetype(before.size()));
    for (std::size_t i = 0; i < before.size(); ++i)
        baseIndex.insert(before[i].cookie, qsizetype(i));

    const quint32 aging = commonAging(sockets, before, baseIndex);
    const auto limit = qsizetype(maximumChangedFraction * double(qMax(sockets.size(), before.size())));
    qsizetype changed = qsizetype(before.size()) - qsizetype(sockets.size()); // gone at least
    ByteWriter ops;
    qsizetype opCount = 0;
    qsizetype cursor = 0; // the base index where a run would continue
    qsizetype runStart = -1;
    qsizetype runLength = 0;
    qint64 runAging = 0; // the run's aging beyond the common one: 0 for a CopyRun
    auto flushRun = [&] {
        if (runLength == 0)
            return;
        ops.byte(quint8(runAging == 0 ? SocketOp::CopyRun : SocketOp::AgedRun));
        ops.signedNumber(runStart - cursor);
        ops.unsignedNumber(quint64(runLength));
        if (runAging != 0)
            ops.signedNumber(runAging);
        cursor = runStart + runLength;
        ++opCount;
        runLength = 0;
    };
    auto extendRun = [&](qsizetype index, qint64 extraAging) {
        if (runLength > 0 && index == runStart + runLength && extraAging == runAging) {
            ++runLength;
            return;
        }
        flushRun();
        runStart = index;
        runLength = 1;
        runAging = extraAging;
    };
    const DetailedSocketRecord empty;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        const DetailedSocketRecord socket = snapshot.detailedRecord(i);
        const auto found = baseIndex.constFind(socket.cookie);
        if (found != baseIndex.cend()) {
            const DetailedSocketRecord then = base.detailedRecord(std::size_t(*found));
            // An aged run under way first: a socket with no figure that ages (a listener) fits any run.
            // (A plain run's aging is the common one, tried next.)
            if (runAging != 0 && runLength > 0 && *found == runStart + runLength &&
                sameSocketRecord(aged(then, quint32(qint64(aging) + runAging)), socket)) {
                ++runLength;
                continue;
            }
            if (sameSocketRecord(aged(then, aging), socket)) {
                extendRun(*found, 0);
                continue;
            }
            const std::optional<qint64> own = agingOf(then, socket);
            if (own && *own != aging && *own <= std::numeric_limits<quint32>::max() &&
                sameSocketRecord(aged(then, quint32(*own)), socket)) {
                extendRun(*found, *own - qint64(aging));
                continue;
            }
        }
        flushRun();
        if (++changed > limit)
            return std::nullopt;
        if (found != baseIndex.cend()) {
            ops.byte(quint8(SocketOp::Changed));
            ops.signedNumber(*found - cursor);
            encodeSocketRecord(ops, aged(base.detailedRecord(std::size_t(*found)), aging), socket);
            cursor = *found + 1;
        } else {
            ops.byte(quint8(SocketOp::New));
            encodeSocketRecord(ops, empty, socket);
        }
        ++opCount;
    }
    flushRun();

    ByteWriter out;
    out.reserve(ops.data().size() + 1024);
    out.byte(quint8(SnapshotBlobKind::Delta));
    // What the reader checks its base against: the wrong base would rebuild a wrong snapshot.
    out.unsignedNumber(base.generation());
    out.unsignedNumber(quint64(before.size()));
    out.unsignedNumber(aging);
    writeHeader(out, snapshot);
    writeTables(out, data);
    // The process table is small; the inode table is one entry a socket and changes slowly.
    const bool processesKept = sameProcesses(data.owners.byPid, previous.owners.byPid);
    out.boolean(processesKept);
    if (!processesKept)
        writeProcesses(out, data.owners.byPid);
    QList<quint32> removed;
    QList<quint32> upserted;
    for (auto it = previous.owners.pidByInode.cbegin(); it != previous.owners.pidByInode.cend(); ++it) {
        if (!data.owners.pidByInode.contains(it.key()))
            removed.append(it.key());
    }
    for (auto it = data.owners.pidByInode.cbegin(); it != data.owners.pidByInode.cend(); ++it) {
        const auto old = previous.owners.pidByInode.constFind(it.key());
        if (old == previous.owners.pidByInode.cend() || *old != it.value())
            upserted.append(it.key());
    }
    std::sort(removed.begin(), removed.end());
    std::sort(upserted.begin(), upserted.end());
    writeInodes(out, removed, nullptr);
    writeInodes(out, upserted, &data.owners.pidByInode);
    out.unsignedNumber(quint64(sockets.size()));
    out.unsignedNumber(quint64(opCount));
    out.bytes(std::span(reinterpret_cast<const quint8 *>(ops.data().constData()), std::size_t(ops.data().size())));
    writeListeners(out, data.listeners);
    return out.take();
}

std::expected<SnapshotBlobKind, QString> snapshotBlobKind(QByteArrayView blob)
{
    if (blob.isEmpty())
        return std::unexpected(u"damaged snapshot: no bytes"_s);
    const auto kind = quint8(blob[0]);
    if (kind != quint8(SnapshotBlobKind::KeyFrame) && kind != quint8(SnapshotBlobKind::Delta))
        return std::unexpected(u"damaged snapshot: unknown kind %1"_s.arg(kind));
    return SnapshotBlobKind(kind);
}

std::expected<SocketSnapshot::Data, QString> decodeSnapshot(QByteArrayView blob, const SocketSnapshot *base)
{
    const auto kind = snapshotBlobKind(blob);
    if (!kind)
        return std::unexpected(kind.error());
    ByteReader in(blob);
    in.byte("kind");
    SocketSnapshot::Data data;
    const SocketSnapshot::Data *previous = nullptr;
    quint32 aging = 0;
    if (*kind == SnapshotBlobKind::Delta) {
        if (!base || base->isNull())
            return std::unexpected(u"damaged recording: a snapshot delta without the snapshot before it"_s);
        previous = &base->data();
        const quint64 generation = in.unsignedNumber("base generation");
        const quint64 count = in.unsignedNumber("base socket count");
        if (!in.failed() && (generation != previous->generation || count != previous->sockets.size()))
            return std::unexpected(u"damaged recording: a snapshot delta follows another snapshot than its own "
                                   "(generation %1, expected %2)"_s.arg(previous->generation)
                                       .arg(generation));
        aging = quint32(in.bounded(std::numeric_limits<quint32>::max(), "aging"));
    }
    readHeader(in, data);
    readTables(in, data);
    if (previous) {
        if (in.boolean("same processes"))
            data.owners.byPid = previous->owners.byPid;
        else
            readProcesses(in, data.owners.byPid);
        data.owners.pidByInode = previous->owners.pidByInode;
        readInodes(in, data.owners.pidByInode, false);
        readInodes(in, data.owners.pidByInode, true);
    } else {
        readProcesses(in, data.owners.byPid);
        readInodes(in, data.owners.pidByInode, true);
    }
    // In a key frame every socket takes at least one byte (its field mask), so the bytes bound the
    // count; in a delta a run of copies stands for many sockets, so the base and the bytes bound it.
    qsizetype socketCount = 0;
    if (!previous) {
        socketCount = in.count(1, "sockets");
    } else {
        const quint64 announced = in.unsignedNumber("sockets");
        if (announced > quint64(previous->sockets.size()) + quint64(blob.size()))
            in.invalid("sockets", "more than the base and the delta can hold");
        else
            socketCount = qsizetype(announced);
    }
    const DetailedSocketRecord empty;
    const auto append = [&data](const DetailedSocketRecord &socket) {
        data.sockets.push_back(socket);
        data.details.push_back(socket.details);
    };
    if (!previous) {
        data.sockets.reserve(std::size_t(socketCount));
        data.details.reserve(std::size_t(socketCount));
        for (qsizetype i = 0; i < socketCount && !in.failed(); ++i) {
            DetailedSocketRecord socket = empty;
            decodeSocketRecord(in, socket);
            append(socket);
        }
    } else {
        // A run of copies can stand for many sockets in few bytes: bound by what the base holds.
        const auto &before = previous->sockets;
        const qsizetype opCount = in.count(2, "socket operations");
        data.sockets.reserve(std::size_t(socketCount));
        data.details.reserve(std::size_t(socketCount));
        qsizetype cursor = 0;
        for (qsizetype op = 0; op < opCount && !in.failed(); ++op) {
            const quint8 code = in.byte("socket operation");
            if (code == quint8(SocketOp::New)) {
                DetailedSocketRecord socket = empty;
                decodeSocketRecord(in, socket);
                append(socket);
                continue;
            }
            const qint64 start = cursor + in.signedNumber("base index");
            if (code == quint8(SocketOp::CopyRun) || code == quint8(SocketOp::AgedRun)) {
                const quint64 length = in.unsignedNumber("run length");
                const qint64 extraAging = code == quint8(SocketOp::AgedRun) ? in.signedNumber("run aging") : 0;
                if (start < 0 || length == 0 || quint64(start) + length > before.size() ||
                    data.sockets.size() + length > quint64(socketCount)) {
                    in.invalid("run", "outside the base snapshot");
                    break;
                }
                // Checked before the sum, which a hostile number would overflow.
                constexpr qint64 MaxAging = std::numeric_limits<quint32>::max();
                const qint64 runAging =
                    extraAging >= -MaxAging && extraAging <= MaxAging ? qint64(aging) + extraAging : -1;
                if (runAging < 0 || runAging > MaxAging) {
                    in.invalid("run aging", "out of range");
                    break;
                }
                for (qint64 i = start; i < start + qint64(length); ++i)
                    append(aged(base->detailedRecord(std::size_t(i)), quint32(runAging)));
                cursor = start + qint64(length);
            } else if (code == quint8(SocketOp::Changed)) {
                if (start < 0 || quint64(start) >= before.size()) {
                    in.invalid("changed socket", "outside the base snapshot");
                    break;
                }
                DetailedSocketRecord socket = aged(base->detailedRecord(std::size_t(start)), aging);
                decodeSocketRecord(in, socket);
                append(socket);
                cursor = start + 1;
            } else {
                in.invalid("socket operation", "unknown");
            }
            if (data.sockets.size() > quint64(socketCount))
                in.invalid("sockets", "more than the delta announced");
        }
        if (!in.failed() && data.sockets.size() != quint64(socketCount))
            in.invalid("sockets", "fewer than the delta announced");
    }
    if (!in.failed() && data.sockets.size() != quint64(socketCount))
        in.invalid("sockets", "fewer than announced");
    readListeners(in, data);
    return finish(in, std::move(data));
}

} // namespace TcpLens
