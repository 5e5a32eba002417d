// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The decoder on bytes a real kernel sent (tests/data/, made by capture_sockdiag), whole, truncated at
// every offset, and corrupted. Under the sanitizer preset an out-of-bounds read here is a failure.
#include "capturedsockdiag.h"
#include "netlink/inetdiagdecoder.h"

#include <QFile>
#include <QTest>
#include <QtEndian>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

using TcpLens::Test::CapturedSockDiag::read;

std::span<const std::byte> bytes(const QByteArray &array)
{
    return std::as_bytes(std::span(array.constData(), std::size_t(array.size())));
}

// Offsets where a message of the datagram ends: the only places a truncated datagram stays valid.
QList<qsizetype> messageBoundaries(const QByteArray &datagram)
{
    QList<qsizetype> boundaries{0};
    qsizetype offset = 0;
    while (offset + qsizetype(sizeof(nlmsghdr)) <= datagram.size()) {
        nlmsghdr header;
        std::memcpy(&header, datagram.constData() + offset, sizeof header);
        offset += NLMSG_ALIGN(header.nlmsg_len);
        boundaries.append(std::min(offset, datagram.size()));
    }
    return boundaries;
}

struct Decoded
{
    std::vector<SocketRecord> sockets;
    std::vector<SocketDetails> details; // with keepDetails
    CongestionNameTable congestion;
    bool done = false;
};

Decoded decodeAll(const QList<QByteArray> &datagrams, bool keepDetails = true)
{
    Decoded decoded;
    for (const auto &datagram : datagrams) {
        auto result = decodeDumpChunk(
            bytes(datagram), decoded.congestion, decoded.sockets, keepDetails ? &decoded.details : nullptr);
        if (!result)
            qFatal("captured datagram does not decode: %s", qPrintable(result.error().message));
        decoded.done |= result->done;
    }
    return decoded;
}

} // namespace

class TestInetDiagDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedDump_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("family");
        QTest::addRow("inet") << u"sockdiag-inet.bin"_s << int(AF_INET);
        QTest::addRow("inet6") << u"sockdiag-inet6.bin"_s << int(AF_INET6);
    }

    void capturedDump()
    {
        QFETCH(QString, file);
        QFETCH(int, family);
        const QString path = QFINDTESTDATA(u"data/"_s + file);
        QVERIFY2(!path.isEmpty(), "captured dump missing; run capture_sockdiag (tests/data/README.md)");
        const auto datagrams = read(path);
        QVERIFY(!datagrams.isEmpty());
        const Decoded decoded = decodeAll(datagrams);
        QVERIFY(decoded.done);
        QVERIFY(!decoded.sockets.empty());

        QCOMPARE(decoded.details.size(), decoded.sockets.size());
        // Without details: the same records, and no memory flag for memory that is not kept.
        const Decoded lean = decodeAll(datagrams, false);
        QVERIFY(lean.details.empty());
        QCOMPARE(lean.sockets.size(), decoded.sockets.size());

        QHash<TcpState, int> states;
        for (std::size_t i = 0; i < decoded.sockets.size(); ++i) {
            const SocketRecord &socket = decoded.sockets[i];
            const SocketDetails &details = decoded.details[i];
            QCOMPARE(lean.sockets[i].cookie, socket.cookie);
            QCOMPARE(lean.sockets[i].info.bytesAcked, socket.info.bytesAcked);
            QCOMPARE(lean.sockets[i].flags, quint8(socket.flags & ~HasMemory));
            QCOMPARE(socket.family, quint8(family));
            QVERIFY(socket.cookie != 0);
            ++states[socket.state];
            // What each kind of socket carries (see capture_sockdiag for how they were made).
            if (socket.hasFlag(IsTimeWaitSocket)) {
                QCOMPARE(socket.timer, TimerKind::TimeWait);
                QVERIFY(!socket.info.isPresent());
                QCOMPARE(socket.inode, 0u);
            } else if (socket.hasFlag(IsRequest)) {
                QCOMPARE(socket.state, TcpState::NewSynRecv);
                QVERIFY(!socket.info.isPresent());
            } else {
                QVERIFY(socket.info.isPresent());
                QVERIFY(socket.info.kernelLength >= 104); // every kernel since 4.x sends more
                QVERIFY(socket.hasFlag(HasMemory));
                QVERIFY(details.memory.receiveBuffer > 0);
                QVERIFY(details.memory.sendBuffer > 0);
                // tcp_get_info() returns early for a listener, before tcpi_snd_mss.
                QVERIFY(socket.state == TcpState::Listen || details.info.sendMss > 0);
                QVERIFY(socket.congestion != 0);
            }
        }
        QVERIFY(states.value(TcpState::Listen) >= 1);
        QVERIFY(states.value(TcpState::TimeWait) >= 1);
        QVERIFY(states.value(TcpState::Established) >= 2);
        if (family == AF_INET) {
            QCOMPARE(states.value(TcpState::NewSynRecv), 2); // the two deferred requests
            QCOMPARE(states.value(TcpState::FinWait2), 1); // the orphan
        }
        // The unread "unread" of the IPv6 pair waits in its server's receive queue.
        if (family == AF_INET6) {
            QVERIFY(std::any_of(decoded.sockets.cbegin(), decoded.sockets.cend(),
                [](const SocketRecord &s) { return s.state == TcpState::Established && s.receiveQueue == 6; }));
        }
    }

    void truncatedAtEveryOffset_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("inet") << u"sockdiag-inet.bin"_s;
        QTest::addRow("inet6") << u"sockdiag-inet6.bin"_s;
    }

    void truncatedAtEveryOffset()
    {
        QFETCH(QString, file);
        const auto datagrams = read(QFINDTESTDATA(u"data/"_s + file));
        QVERIFY(!datagrams.isEmpty());
        int errors = 0;
        for (const auto &datagram : datagrams) {
            const auto boundaries = messageBoundaries(datagram);
            for (qsizetype length = 0; length < datagram.size(); ++length) {
                // A copy of exactly `length` bytes, so the sanitizer sees any read past it.
                const QByteArray truncated(datagram.constData(), length);
                CongestionNameTable congestion;
                std::vector<SocketRecord> sockets;
                const auto result = decodeDumpChunk(bytes(truncated), congestion, sockets);
                if (boundaries.contains(length)) {
                    QVERIFY2(result.has_value(), qPrintable(u"valid prefix of %1 bytes refused"_s.arg(length)));
                } else {
                    QVERIFY2(!result.has_value(), qPrintable(u"truncation at %1 accepted"_s.arg(length)));
                    QVERIFY(!result.error().message.isEmpty());
                    QVERIFY(result.error().offset >= 0 && result.error().offset <= length);
                    ++errors;
                }
            }
        }
        QVERIFY(errors > 0);
    }

    void hostileMessages_data()
    {
        QTest::addColumn<int>("patchOffset");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QString>("expectedError");
        // Offsets into the first message: nlmsghdr (16 bytes), then inet_diag_msg, then attributes.
        const auto u32 = [](quint32 v) {
            return QByteArray(reinterpret_cast<const char *>(&v), 4);
        };
        const auto u16 = [](quint16 v) {
            return QByteArray(reinterpret_cast<const char *>(&v), 2);
        };
        QTest::addRow("nlmsg_len zero") << 0 << u32(0) << u"netlink message claims 0 bytes"_s;
        QTest::addRow("nlmsg_len below header") << 0 << u32(15) << u"claims 15 bytes"_s;
        QTest::addRow("nlmsg_len past the end") << 0 << u32(0x7fffffff) << u"claims 2147483647 bytes"_s;
        QTest::addRow("family bogus") << 16 << QByteArray(1, char(99)) << u"address family 99"_s;
        QTest::addRow("state zero") << 17 << QByteArray(1, char(0)) << u"TCP state 0"_s;
        QTest::addRow("state bogus") << 17 << QByteArray(1, char(200)) << u"TCP state 200"_s;
        const int firstAttribute = 16 + int(sizeof(inet_diag_msg));
        QTest::addRow("rta_len zero") << firstAttribute << u16(0) << u"claims 0 bytes"_s;
        QTest::addRow("rta_len three") << firstAttribute << u16(3) << u"claims 3 bytes"_s;
        QTest::addRow("rta_len past the message") << firstAttribute << u16(0xfff0) << u"claims 65520 bytes"_s;
    }

    void hostileMessages()
    {
        QFETCH(int, patchOffset);
        QFETCH(QByteArray, patch);
        QFETCH(QString, expectedError);
        const auto datagrams = read(QFINDTESTDATA(u"data/sockdiag-inet.bin"_s));
        QVERIFY(!datagrams.isEmpty());
        QByteArray datagram = datagrams.constFirst();
        // The first message is a full socket with attributes (the capture starts with listeners).
        QVERIFY(datagram.size() > patchOffset + patch.size());
        datagram.replace(patchOffset, patch.size(), patch);
        CongestionNameTable congestion;
        std::vector<SocketRecord> sockets;
        const auto result = decodeDumpChunk(bytes(datagram), congestion, sockets);
        QVERIFY(!result.has_value());
        QVERIFY2(result.error().message.contains(expectedError), qPrintable(result.error().message));
    }

    void tcpInfoOfAnyLength_data()
    {
        QTest::addColumn<int>("length");
        QTest::addRow("older kernel (4.x, 104 bytes)") << 104;
        QTest::addRow("one byte") << 1;
        QTest::addRow("ends inside tcpi_rtt") << 70;
        QTest::addRow("newer kernel (512 bytes)") << 512;
    }

    void tcpInfoOfAnyLength()
    {
        // A hand-made message with an INET_DIAG_INFO attribute of the given length: older kernels send
        // a shorter struct tcp_info, newer ones a longer one. Fields beyond the length are absent.
        QFETCH(int, length);
        QByteArray payload(NLMSG_ALIGN(sizeof(inet_diag_msg)), '\0');
        inet_diag_msg msg{};
        msg.idiag_family = AF_INET;
        msg.idiag_state = quint8(TcpState::Established);
        std::memcpy(payload.data(), &msg, sizeof msg);
        QByteArray info(length, '\0');
        const quint32 rtt = 12345;
        if (length >= 72)
            std::memcpy(info.data() + 68, &rtt, 4); // tcpi_rtt
        rtattr attribute{quint16(sizeof(rtattr) + length), INET_DIAG_INFO};
        payload += QByteArray(reinterpret_cast<const char *>(&attribute), sizeof attribute) + info;
        payload.append(QByteArray(RTA_ALIGN(payload.size()) - payload.size(), '\0'));
        CongestionNameTable congestion;
        const auto record = decodeInetDiagMessage(bytes(payload), congestion);
        QVERIFY(record.has_value());
        QCOMPARE(record->info.kernelLength, quint16(length));
        QCOMPARE(record->info.rttUs, length >= 72 ? rtt : 0u);
    }
};

QTEST_GUILESS_MAIN(TestInetDiagDecoder)

#include "tst_inetdiagdecoder.moc"
