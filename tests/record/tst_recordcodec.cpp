// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The recording's blobs (core/record/snapshotcodec.h, observationcodec.h): snapshots of real
// sock_diag bytes (tests/data/) through key frames and deltas and back, every observation kind, and
// each blob cut at every offset and with bytes flipped: an error that says where, never a crash.
// Set TCPLENS_WRITE_FUZZ_SEEDS=DIR to write the blobs there (fuzz/corpus-recording/ holds them).
#include "capturedsockdiag.h"
#include "record/observationcodec.h"
#include "record/snapshotcodec.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Captured = TcpLens::Test::CapturedSockDiag;

namespace {

constexpr qint64 Second = 1'000'000'000;

SocketSnapshot::Data captured(const QStringList &files, quint64 generation)
{
    QStringList paths;
    for (const QString &file : files)
        paths.append(QFINDTESTDATA(u"../data/"_s + file));
    auto decoded = Captured::snapshotData(paths, generation, qint64(generation) * Second);
    if (!decoded)
        qFatal("tests/data/%s missing or not decodable: capture again (tests/data/README.md)",
            qPrintable(files.join(u", ")));
    return std::move(*decoded);
}

// The captured sockets with what a collector adds: owners, user names, a namespace, a time.
SocketSnapshot first()
{
    SocketSnapshot::Data data = captured({u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s}, 7);
    data.takenAt = QDateTime::fromMSecsSinceEpoch(1'780'000'000'123, QTimeZone::fromSecondsAheadOfUtc(3600));
    data.netnsName = u"/run/netns/lab \u00e9"_s;
    data.netnsInode = 4026531840;
    data.ownersResolved = true;
    data.userNames.insert(0, u"root"_s);
    data.userNames.insert(1000, u"me"_s);
    for (std::size_t i = 0; i < data.sockets.size(); ++i) {
        if (data.sockets[i].inode != 0)
            data.owners.insert(data.sockets[i].inode, {qint32(100 + i % 3), 1000, u"nginx"_s, u"me"_s});
    }
    data.ownersNotFoundYet.insert(77);
    data.statistics = {1234567, 2345, 12, 34567, 1, 0};
    return SocketSnapshot(std::move(data));
}

// first()'s sockets repeated to `count`, each with a cookie of its own, and no listeners.
SocketSnapshot::Data manySockets(quint64 count)
{
    SocketSnapshot::Data data = first().data();
    data.listeners.clear();
    const std::vector<SocketRecord> captured = data.sockets;
    data.sockets.clear();
    for (quint64 i = 0; i < count; ++i) {
        SocketRecord socket = captured[i % captured.size()];
        socket.cookie = 1'000'000 + i;
        data.sockets.push_back(socket);
    }
    return data;
}

// What `ms` of idleness does to a socket's figures in the kernel's report: the "ms since" ones grow,
// a running timer counts down. The number of figures it aged (0, 1 or 2: tcp_info, timer).
int ageSocket(SocketRecord &socket, quint32 ms, SocketDetails *details = nullptr)
{
    int aged = 0;
    if (socket.info.isPresent() && socket.info.lastAckReceivedMs != 0) {
        socket.info.lastAckReceivedMs += ms;
        if (socket.info.lastDataSentMs != 0)
            socket.info.lastDataSentMs += ms;
        if (details && details->info.lastDataReceivedMs != 0)
            details->info.lastDataReceivedMs += ms;
        ++aged;
    }
    if (socket.timer != TimerKind::None && socket.timerExpiresMs >= ms) {
        socket.timerExpiresMs -= ms;
        ++aged;
    }
    return aged;
}

// The next poll of first(): one socket gone, one new, one with new tcp_info figures, one owner gone.
SocketSnapshot second(const SocketSnapshot &before)
{
    SocketSnapshot::Data data = before.data();
    data.generation += 1;
    data.monotonicNs += Second;
    data.takenAt = data.takenAt.addSecs(1);
    Q_ASSERT(data.sockets.size() >= 4);
    SocketRecord added = data.sockets[1];
    added.cookie = 0xfeedface;
    added.localPort = 4242;
    added.state = TcpState::SynSent;
    data.owners.pidByInode.remove(data.sockets[2].inode);
    data.sockets.erase(data.sockets.begin() + 2);
    data.sockets[0].info.bytesAcked += 1'000'000;
    data.sockets[0].info.rttUs = 123;
    data.sockets.insert(data.sockets.begin() + 1, added);
    for (ListenerQueue &listener : data.listeners) {
        // The indexes follow the sockets they name.
        if (listener.socketIndex >= 3)
            listener.socketIndex -= 1;
        else if (listener.socketIndex >= 1)
            listener.socketIndex += 1;
        listener.acceptQueueLength += 1;
    }
    data.owners.byPid[100].command = u"nginx: worker"_s;
    return SocketSnapshot(std::move(data));
}

struct Blob
{
    QByteArray bytes;
    // Decodes `bytes`: the error, or an empty string.
    std::function<QString(QByteArrayView)> decode;
};

template<typename T>
QString errorOf(const std::expected<T, QString> &result)
{
    return result ? QString() : result.error();
}

QList<std::pair<QString, Blob>> allBlobs()
{
    const SocketSnapshot a = first();
    const SocketSnapshot b = second(a);
    QList<std::pair<QString, Blob>> blobs;
    blobs.append({u"snapshot key frame"_s, {encodeSnapshotKeyFrame(a), [](QByteArrayView bytes) {
                                                return errorOf(decodeSnapshot(bytes, nullptr));
                                            }}});
    blobs.append({u"snapshot delta"_s, {*encodeSnapshotDelta(b, a), [a](QByteArrayView bytes) {
                                            return errorOf(decodeSnapshot(bytes, &a));
                                        }}});

    DestroyedSockets destroyed;
    destroyed.monotonicNs = 5 * Second;
    destroyed.congestionNames = a.data().congestionNames;
    destroyed.sockets = {a.sockets()[0], a.sockets()[1]};
    destroyed.lostNotices = 3;
    blobs.append({u"destroy notices"_s, {encodeDestroyed(destroyed), [](QByteArrayView bytes) {
                                             return errorOf(decodeDestroyed(bytes));
                                         }}});

    StateChangeEvent change;
    change.timeNs = 6 * Second;
    change.socketAddress = 0xffff888012345678;
    change.oldState = TcpState::SynSent;
    change.newState = TcpState::Established;
    change.family = 2;
    change.localPort = 40000;
    change.remotePort = 80;
    change.localAddress = {127, 0, 0, 1};
    change.remoteAddress = {127, 0, 0, 2};
    change.cpu = 1;
    StateChangeEvent later = change;
    later.timeNs += 1000;
    later.oldState = TcpState::Established;
    later.newState = TcpState::FinWait1;
    blobs.append({u"state changes"_s, {encodeStateChanges({change, later}), [](QByteArrayView bytes) {
                                           return errorOf(decodeStateChanges(bytes));
                                       }}});

    ConnectionEvents events{
        {ConnectionEvent::Kind::Opened, 1, TcpState::Unknown, TcpState::SynSent, 7 * Second, StepKnowledge::Exact, 0},
        {ConnectionEvent::Kind::Revised, 1, TcpState::Unknown, TcpState::Listen, 7 * Second + 5, StepKnowledge::Polled,
            2},
    };
    blobs.append({u"connection events"_s, {encodeConnectionEvents(events), [](QByteArrayView bytes) {
                                               return errorOf(decodeConnectionEvents(bytes));
                                           }}});

    ListenerSampleBatch batch;
    batch.generation = 9;
    batch.monotonicNs = 8 * Second;
    batch.unattributedOverflows = 2;
    batch.tickNs = 300000;
    batch.listeners.append({77, u"127.0.0.1:8080"_s, 8080, u"nginx (1234)"_s, {8 * Second, 2, 1, 0, 1, 0, true}});
    blobs.append({u"listener samples"_s, {encodeListenerBatch(batch), [](QByteArrayView bytes) {
                                              return errorOf(decodeListenerBatch(bytes));
                                          }}});

    CounterSample counters{9 * Second, {{"TcpExt.ListenOverflows", 12, 3, 2.5, false, false}}};
    blobs.append({u"counters"_s, {encodeCounterSample(counters), [](QByteArrayView bytes) {
                                      return errorOf(decodeCounterSample(bytes));
                                  }}});

    SysctlChangeSample sysctl{{u"net.ipv4.tcp_fin_timeout"_s, u"/run/netns/lab"_s, u"60"_s, u"10"_s,
                                  QDateTime::fromMSecsSinceEpoch(1'780'000'000'000), false, u"me"_s},
        10 * Second};
    blobs.append({u"sysctl change"_s, {encodeSysctlChange(sysctl), [](QByteArrayView bytes) {
                                           return errorOf(decodeSysctlChange(bytes));
                                       }}});
    SysctlReadingSample reading{11 * Second, {{u"net.core.somaxconn"_s, u"4096"_s}}};
    blobs.append({u"sysctl reading"_s, {encodeSysctlReading(reading), [](QByteArrayView bytes) {
                                            return errorOf(decodeSysctlReading(bytes));
                                        }}});
    TimelineMarker marker{
        12 * Second, u"tcp_fin_timeout 60 \u2192 10"_s, u"written"_s, TimelineMarker::Kind::SysctlChange};
    blobs.append({u"marker"_s, {encodeMarker(marker), [](QByteArrayView bytes) {
                                    return errorOf(decodeMarker(bytes));
                                }}});
    blobs.append(
        {u"exact mode"_s, {encodeExactMode({true, u"reading sock:inet_sock_set_state"_s, 0}), [](QByteArrayView bytes) {
                               return errorOf(decodeExactMode(bytes));
                           }}});
    return blobs;
}

} // namespace

class TestRecordCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString seeds = qEnvironmentVariable("TCPLENS_WRITE_FUZZ_SEEDS");
        if (seeds.isEmpty())
            return;
        QDir().mkpath(seeds);
        int index = 0;
        for (const auto &[name, blob] : allBlobs()) {
            // The fuzzer's first byte picks the decoder (fuzz/fuzz_recording.cpp), in this order.
            QFile file(seeds + u"/%1.bin"_s.arg(index, 2, 10, QChar(u'0')));
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray seed(1, char(index));
            if (index == 1) {
                // The delta's seed carries its base first: a u32 little-endian length and the key frame.
                const QByteArray base = encodeSnapshotKeyFrame(first());
                const auto size = quint32(base.size());
                for (int shift = 0; shift < 32; shift += 8)
                    seed.append(char(size >> shift));
                seed.append(base);
            }
            file.write(seed + blob.bytes);
            ++index;
        }
    }

    void keyFrameRoundTrip()
    {
        const SocketSnapshot a = first();
        const QByteArray blob = encodeSnapshotKeyFrame(a);
        auto decoded = decodeSnapshot(blob, nullptr);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        const SocketSnapshot back(std::move(*decoded));
        QCOMPARE(back.sockets().size(), a.sockets().size());
        QCOMPARE(back.generation(), a.generation());
        QCOMPARE(back.takenAt(), a.takenAt());
        QCOMPARE(back.takenAt().offsetFromUtc(), 3600);
        QCOMPARE(back.netnsName(), a.netnsName());
        QCOMPARE(back.listeners().size(), a.listeners().size());
        QCOMPARE(back.owner(back.sockets()[0]) != nullptr, a.owner(a.sockets()[0]) != nullptr);
        for (std::size_t i = 0; i < a.sockets().size(); ++i) {
            QCOMPARE(back.sockets()[i].cookie, a.sockets()[i].cookie);
            QCOMPARE(back.sockets()[i].info.bytesAcked, a.sockets()[i].info.bytesAcked);
            QCOMPARE(back.sockets()[i].remoteAddress, a.sockets()[i].remoteAddress);
        }
        // The encoding is canonical: what decodes encodes to the same bytes, every field included.
        QCOMPARE(encodeSnapshotKeyFrame(back), blob);
    }

    void deltaRoundTrip()
    {
        const SocketSnapshot a = first();
        const SocketSnapshot b = second(a);
        const auto delta = encodeSnapshotDelta(b, a);
        QVERIFY2(delta, "a poll that changed 3 sockets must be a delta, not a key frame");
        const QByteArray keyFrame = encodeSnapshotKeyFrame(b);
        QVERIFY2(delta->size() * 3 < keyFrame.size(),
            qPrintable(u"the delta (%1 bytes) is not much smaller than the key frame (%2 bytes): the unchanged "
                       "sockets must be copied as runs"_s.arg(delta->size())
                           .arg(keyFrame.size())));
        auto decoded = decodeSnapshot(*delta, &a);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        QCOMPARE(encodeSnapshotKeyFrame(SocketSnapshot(std::move(*decoded))), keyFrame);

        // Against another base than its own it says so instead of rebuilding a wrong snapshot.
        auto wrongBase = decodeSnapshot(*delta, &b);
        QVERIFY(!wrongBase);
        QVERIFY2(wrongBase.error().contains(u"another snapshot"_s), qPrintable(wrongBase.error()));
        QVERIFY(!decodeSnapshot(*delta, nullptr));
    }

    // Idle sockets' "ms since last ack" grow and their timers count down at every poll: a delta that
    // said so for each socket would be a key frame; it says it once.
    void socketsThatOnlyAgedAreUnchanged()
    {
        const SocketSnapshot a = first();
        SocketSnapshot::Data data = a.data();
        data.generation += 1;
        int aging = 0;
        QCOMPARE(data.details.size(), data.sockets.size());
        for (std::size_t i = 0; i < data.sockets.size(); ++i)
            aging += ageSocket(data.sockets[i], 1004, &data.details[i]);
        QVERIFY2(aging > 0, "the captured sockets have no figure that ages: capture again with established sockets");
        const SocketSnapshot b(std::move(data));
        const auto delta = encodeSnapshotDelta(b, a, 0.0);
        QVERIFY2(delta, "sockets that only aged must not count as changed");
        auto decoded = decodeSnapshot(*delta, &a);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        QCOMPARE(encodeSnapshotKeyFrame(SocketSnapshot(std::move(*decoded))), encodeSnapshotKeyFrame(b));
    }

    // On a real kernel each socket is read at its own moment of the dump, in jiffies: idle sockets age
    // by the common aging give or take a few milliseconds, in stretches of sockets read within the
    // same jiffy. Counted as changes, every delta of a busy machine became a key frame (426 MB a
    // minute at 120,000 sockets); as runs with their own aging, a delta stays small and exact.
    void socketsThatAgedUnevenlyStayRuns()
    {
        SocketSnapshot::Data data = manySockets(20000);
        const SocketSnapshot a{SocketSnapshot::Data(data)};
        data.generation += 1;
        int aging = 0; // sockets with a figure that ages
        for (std::size_t i = 0; i < data.sockets.size(); ++i)
            aging += ageSocket(data.sockets[i], 1000 + quint32(i / 400 % 5) * 4) > 0; // 4 ms jiffies, 400 sockets each
        QVERIFY2(aging > 10000, "the captured sockets have too few figures that age: capture again");
        const SocketSnapshot b(std::move(data));
        const auto delta = encodeSnapshotDelta(b, a);
        QVERIFY2(delta, "sockets that aged by a few milliseconds more or less than the rest must not count as changed");
        QVERIFY2(delta->size() < 20000,
            qPrintable(u"a delta of 20,000 sockets that only aged takes %1 bytes"_s.arg(delta->size())));
        auto decoded = decodeSnapshot(*delta, &a);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        QCOMPARE(encodeSnapshotKeyFrame(SocketSnapshot(std::move(*decoded))), encodeSnapshotKeyFrame(b));
    }

    // Most of a big snapshot is runs of copies: far more sockets than the delta has bytes.
    void bigSnapshotFewChanges()
    {
        SocketSnapshot::Data data = manySockets(20000);
        const SocketSnapshot a{SocketSnapshot::Data(data)};
        data.generation += 1;
        data.sockets[4321].info.bytesAcked += 1448;
        data.sockets.erase(data.sockets.begin() + 100);
        const SocketSnapshot b(std::move(data));
        const auto delta = encodeSnapshotDelta(b, a);
        QVERIFY(delta);
        QVERIFY2(delta->size() < 1000,
            qPrintable(u"a delta of 2 changes among 20,000 sockets takes %1 bytes"_s.arg(delta->size())));
        auto decoded = decodeSnapshot(*delta, &a);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        QCOMPARE(encodeSnapshotKeyFrame(SocketSnapshot(std::move(*decoded))), encodeSnapshotKeyFrame(b));
    }

    void largeChangeIsKeyFrame()
    {
        const SocketSnapshot a = first();
        SocketSnapshot::Data data = a.data();
        for (SocketRecord &socket : data.sockets)
            socket.info.rttUs += 1;
        QVERIFY2(!encodeSnapshotDelta(SocketSnapshot(std::move(data)), a),
            "a delta where every socket changed must give way to a key frame");
    }

    void observationsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("index");
        int index = 0;
        for (const auto &[name, blob] : allBlobs())
            QTest::addRow("%s", qPrintable(name)) << blob.bytes << index++;
    }

    void observationsRoundTrip()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, index);
        const Blob blob = allBlobs().at(index).second;
        const QString error = blob.decode(bytes);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Every prefix is missing something the decoder must notice; every flipped byte must at worst be
    // an error.
    void cutAndFlipped_data() { observationsRoundTrip_data(); }

    void cutAndFlipped()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, index);
        const Blob blob = allBlobs().at(index).second;
        for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
            const QString error = blob.decode(QByteArrayView(bytes).first(cut));
            if (error.isEmpty())
                QFAIL(qPrintable(u"the blob cut after %1 of %2 bytes decoded without an error: a decoder must "
                                 "read to the end and check that nothing is missing"_s.arg(cut)
                                     .arg(bytes.size())));
        }
        QVERIFY(blob.decode(QByteArray(bytes + "x")).contains(u"bytes left"_s));
        for (qsizetype at = 0; at < bytes.size(); ++at) {
            for (char flip : {char(0x01), char(0x80), char(0xff)}) {
                QByteArray damaged = bytes;
                damaged[at] = char(damaged[at] ^ flip);
                // Decodes or fails, with ASan watching (the asan preset runs this test).
                (void)blob.decode(damaged);
            }
        }
    }

    void hostileCountsDoNotAllocate()
    {
        // A key frame claiming 2^62 sockets in a few bytes: refused before any reservation.
        QByteArray blob = encodeSnapshotKeyFrame(SocketSnapshot(SocketSnapshot::Data{}));
        auto decoded = decodeSnapshot(blob, nullptr);
        QVERIFY2(decoded, qPrintable(errorOf(decoded)));
        const QByteArray huge = "\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff"
                                "\xff\xff\xff\x3f";
        QVERIFY(!decodeSnapshot(huge, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestRecordCodec)
#include "tst_recordcodec.moc"
