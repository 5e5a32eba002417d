// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The agent stream (core/remote/, docs/agent-protocol.md): real sock_diag snapshots (tests/data/) and
// every observation kind through the encoder and back, whole and a byte at a time; the stream cut at
// every offset (it waits, never fails, never invents), oversized and empty frames, another magic or
// version, random bytes after a good header: one clear error, never a crash. Also the commands, the
// destination syntax of --remote and the ssh command line. Set TCPLENS_WRITE_AGENT_SEEDS=DIR to write
// the encoded stream there (fuzz/corpus-agent/ also holds real agent output).
#include "capturedsockdiag.h"
#include "pipeline/remotesource.h"
#include "remote/agentprotocol.h"
#include "remote/agentstreamdecoder.h"
#include "remote/agentstreamencoder.h"
#include "remote/framereader.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Captured = TcpLens::Test::CapturedSockDiag;

namespace {

constexpr qint64 Second = 1'000'000'000;

SocketSnapshot capturedSnapshot(quint64 generation)
{
    const QStringList paths{
        QFINDTESTDATA(u"../data/sockdiag-inet.bin"_s), QFINDTESTDATA(u"../data/sockdiag-inet6.bin"_s)};
    auto decoded = Captured::snapshotData(paths, generation, qint64(generation) * Second);
    if (!decoded)
        qFatal("tests/data/sockdiag-inet*.bin missing or not decodable");
    decoded->netnsInode = 4026531840;
    return SocketSnapshot(std::move(*decoded));
}

// The next poll: one socket with new figures.
SocketSnapshot nextPoll(const SocketSnapshot &before)
{
    SocketSnapshot::Data data = before.data();
    data.generation += 1;
    data.monotonicNs += Second;
    if (!data.sockets.empty())
        data.sockets[0].info.bytesAcked += 1000;
    return SocketSnapshot(std::move(data));
}

AgentProtocol::Header testHeader()
{
    AgentProtocol::Header header;
    header.host = u"server-\u00e9"_s;
    header.kernel = u"6.12.0-test"_s;
    header.netns = u"/run/netns/web"_s;
    header.capabilities = {.exactTransitions = true, .owners = true, .sysctlWrites = true, .live = true};
    header.intervalMs = 250;
    header.monotonicNs = 1000 * Second;
    return header;
}

QList<AgentMessage> testMessages()
{
    QList<AgentMessage> messages;
    const SocketSnapshot a = capturedSnapshot(1);
    const SocketSnapshot b = nextPoll(a);
    messages.append(a);
    DestroyedSockets destroyed;
    destroyed.monotonicNs = 5 * Second;
    messages.append(destroyed);
    StateChangeEvent change;
    change.timeNs = 6 * Second;
    change.socketAddress = 42;
    change.oldState = TcpState::SynSent;
    change.newState = TcpState::Established;
    messages.append(QList<StateChangeEvent>{change});
    messages.append(b); // a delta
    messages.append(ExactModeSample{.active = false, .status = u"no CAP_PERFMON"_s, .lostEvents = 0});
    messages.append(AgentProtocol::Pacing{.effectiveMs = 400, .backedOff = true, .lastDumpNs = 123456});
    ListenerSampleBatch batch;
    batch.generation = 3;
    batch.monotonicNs = 7 * Second;
    ListenerReading reading;
    reading.cookie = 99;
    reading.endpoint = u"127.0.0.1:8080"_s;
    reading.port = 8080;
    reading.sample.acceptQueue = 3;
    reading.sample.acceptQueueLimit = 128;
    batch.listeners.append(reading);
    messages.append(batch);
    messages.append(AgentProtocol::ListenerHistory{.cookie = 99, .samples = {reading.sample, reading.sample}});
    CounterSample counters;
    counters.monotonicNs = 8 * Second;
    messages.append(counters);
    SysctlReadingSample sysctls;
    sysctls.monotonicNs = 9 * Second;
    sysctls.values.insert(u"net.core.somaxconn"_s, u"4096"_s);
    messages.append(sysctls);
    TimelineMarker marker;
    marker.monotonicNs = 10 * Second;
    marker.label = u"a note"_s;
    messages.append(marker);
    messages.append(AgentFailure{u"the namespace went away"_s});
    return messages;
}

QByteArray testStream()
{
    AgentStreamEncoder encoder;
    QByteArray stream = encoder.header(testHeader());
    for (const AgentMessage &message : testMessages())
        stream += encoder.message(message);
    return stream;
}

// Everything a decoder gives for `bytes` fed in pieces of `step`, and its error (or empty).
std::pair<QList<AgentMessage>, QString> decodeAll(QByteArrayView bytes, qsizetype step)
{
    AgentStreamDecoder decoder;
    QList<AgentMessage> messages;
    for (qsizetype offset = 0; offset < bytes.size(); offset += step) {
        decoder.append(bytes.sliced(offset, qMin(step, bytes.size() - offset)));
        for (;;) {
            auto message = decoder.next();
            if (!message)
                return {messages, message.error()};
            if (!*message)
                break;
            messages.append(**message);
        }
    }
    return {messages, QString()};
}

// The same bytes again: messages compare by what the encoder makes of them.
QByteArray reencoded(const QList<AgentMessage> &messages)
{
    AgentStreamEncoder encoder;
    QByteArray bytes;
    for (const AgentMessage &message : messages)
        bytes += encoder.message(message);
    return bytes;
}

// This machine's clock in clockIsMoved(): it booted 4000 s before the agent's.
qint64 laterClock()
{
    return 5000 * Second;
}

QByteArray frameWithLength(quint32 length)
{
    QByteArray frame;
    for (int i = 0; i < 4; ++i)
        frame.append(char(quint8(length >> (8 * i))));
    frame.append(char(AgentProtocol::FrameType::Marker));
    return frame;
}

} // namespace

class TestAgentStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qsizetype>("step");
        QTest::addRow("whole") << qsizetype(1 << 30);
        QTest::addRow("byte by byte") << qsizetype(1);
        QTest::addRow("7 bytes") << qsizetype(7);
        QTest::addRow("4 KiB") << qsizetype(4096);
    }
    void roundTrip()
    {
        QFETCH(qsizetype, step);
        const QByteArray stream = testStream();
        const auto [messages, error] = decodeAll(stream, step);
        QCOMPARE(error, QString());
        const QList<AgentMessage> sent = testMessages();
        QCOMPARE(messages.size(), sent.size());
        QCOMPARE(reencoded(messages), reencoded(sent));
        // The second snapshot went as a delta and came back whole.
        QCOMPARE(std::get<SocketSnapshot>(messages.at(3)).sockets().size(),
            std::get<SocketSnapshot>(sent.at(3)).sockets().size());
        QCOMPARE(std::get<SocketSnapshot>(messages.at(3)).generation(), 2u);
        if (const QString dir = qEnvironmentVariable("TCPLENS_WRITE_AGENT_SEEDS"); !dir.isEmpty() && step == 1) {
            QFile seed(dir + u"/encoded.bin"_s);
            QVERIFY(seed.open(QIODevice::WriteOnly));
            // The fuzzer reads its first byte as the size of the pieces it feeds.
            seed.write(QByteArray("\x07") + stream);
        }
    }

    void header()
    {
        AgentStreamDecoder decoder;
        decoder.append(testStream());
        QVERIFY(decoder.next().has_value());
        QVERIFY(decoder.header());
        const AgentProtocol::Header &header = *decoder.header();
        QCOMPARE(header.version, AgentProtocol::Version);
        QCOMPARE(header.host, u"server-\u00e9"_s);
        QCOMPARE(header.kernel, u"6.12.0-test"_s);
        QCOMPARE(header.netns, u"/run/netns/web"_s);
        QCOMPARE(header.intervalMs, 250);
        QCOMPARE(header.monotonicNs, 1000 * Second);
        QVERIFY(header.capabilities.exactTransitions);
        QVERIFY(header.capabilities.owners);
        QVERIFY(header.capabilities.live);
        // Never through a stream, whatever the agent says.
        QVERIFY(!header.capabilities.sysctlWrites);
    }

    // The agent's times arrive on this machine's clock: charts end at this machine's "now".
    void clockIsMoved()
    {
        AgentStreamDecoder decoder(&laterClock);
        decoder.append(testStream());
        QList<AgentMessage> messages;
        while (true) {
            auto message = decoder.next();
            QVERIFY(message);
            if (!*message)
                break;
            messages.append(**message);
        }
        QCOMPARE(decoder.clockOffsetNs(), 4000 * Second);
        QCOMPARE(messages.size(), testMessages().size());
        QCOMPARE(std::get<SocketSnapshot>(messages.at(0)).monotonicNs(), 4001 * Second);
        QCOMPARE(std::get<DestroyedSockets>(messages.at(1)).monotonicNs, 4005 * Second);
        QCOMPARE(std::get<QList<StateChangeEvent>>(messages.at(2)).constFirst().timeNs, 4006 * Second);
        // The delta's snapshot too, and its sockets came through it unchanged.
        QCOMPARE(std::get<SocketSnapshot>(messages.at(3)).monotonicNs(), 4002 * Second);
        QCOMPARE(std::get<SocketSnapshot>(messages.at(3)).sockets().size(), capturedSnapshot(1).sockets().size());
        QCOMPARE(std::get<AgentProtocol::Pacing>(messages.at(5)).lastDumpNs, 123456); // a duration
        QCOMPARE(std::get<ListenerSampleBatch>(messages.at(6)).monotonicNs, 4007 * Second);
        QCOMPARE(std::get<CounterSample>(messages.at(8)).monotonicNs, 4008 * Second);
        QCOMPARE(std::get<TimelineMarker>(messages.at(10)).monotonicNs, 4010 * Second);
    }

    void deltaFollowsKeyFrame()
    {
        AgentStreamEncoder encoder;
        const SocketSnapshot a = capturedSnapshot(1);
        const QByteArray key = encoder.message(a);
        const QByteArray delta = encoder.message(nextPoll(a));
        QVERIFY2(delta.size() < key.size() / 4, qPrintable(u"key %1, delta %2"_s.arg(key.size()).arg(delta.size())));
        // A delta without the key frame before it is an error, not a guess.
        AgentStreamDecoder decoder;
        decoder.append(QByteArray(encoder.header(testHeader()) + delta));
        const auto message = decoder.next();
        QVERIFY(!message);
        QVERIFY2(message.error().contains(u"before any key frame"_s), qPrintable(message.error()));
    }

    // Cut anywhere, the stream waits for more: never an error, never a message that was not whole.
    void truncatedAtEveryOffset()
    {
        const QByteArray stream = testStream();
        const auto [all, error] = decodeAll(stream, stream.size());
        QCOMPARE(error, QString());
        QList<qsizetype> boundaries; // where the header and each frame end
        {
            AgentStreamDecoder decoder;
            for (qsizetype i = 0; i < stream.size(); ++i) {
                decoder.append(stream.sliced(i, 1));
                while (true) {
                    auto message = decoder.next();
                    QVERIFY(message);
                    if (!*message)
                        break;
                }
                if (decoder.atBoundary())
                    boundaries.append(i + 1);
            }
        }
        for (qsizetype cut = 0; cut < stream.size(); ++cut) {
            const auto [messages, cutError] = decodeAll(stream.first(cut), cut > 0 ? cut : 1);
            QVERIFY2(cutError.isEmpty(), qPrintable(u"cut at %1: %2"_s.arg(cut).arg(cutError)));
            QVERIFY(messages.size() <= all.size());
            QCOMPARE(reencoded(messages), reencoded(all.first(messages.size())));
            AgentStreamDecoder decoder;
            decoder.append(stream.first(cut));
            while (true) {
                auto message = decoder.next();
                if (!message || !*message)
                    break;
            }
            QCOMPARE(decoder.atBoundary(), boundaries.contains(cut));
        }
    }

    void damaged_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        const QByteArray header = AgentProtocol::encodeHeader(testHeader());
        // Fed a byte at a time, the first byte is already wrong: the message shows what came so far.
        QTest::addRow("a shell's answer")
            << "bash: line 1: tcplens: command not found\n"_ba << u"not a TCP Lens agent stream (it begins with \"b"_s;
        QTest::addRow("one wrong byte") << "X"_ba << u"not a TCP Lens agent stream"_s;
        // The version is a little-endian u16 after the magic.
        constexpr int Ours = AgentProtocol::Version;
        QByteArray newer = header;
        newer[AgentProtocol::MagicSize] = char(Ours + 1);
        QTest::addRow("newer version") << newer
                                       << u"stream version %1, this TCP Lens reads version %2"_s.arg(Ours + 1).arg(
                                              Ours);
        QByteArray older = header;
        older[AgentProtocol::MagicSize] = char(Ours - 1);
        QTest::addRow("older version") << older
                                       << u"stream version %1, this TCP Lens reads version %2"_s.arg(Ours - 1).arg(
                                              Ours);
        QByteArray longHeader = header.first(AgentProtocol::MagicSize + 2);
        longHeader += "\xff\xff\xff\x7f"_ba;
        QTest::addRow("header too long") << longHeader << u"more than the 65536 allowed"_s;
        QTest::addRow("oversized frame") << QByteArray(header + frameWithLength(AgentProtocol::MaximumFrameBytes + 1))
                                         << u"a frame of 67108865 bytes (at most 67108864"_s;
        QTest::addRow("4 GiB frame") << QByteArray(header + frameWithLength(0xffffffff))
                                     << u"a frame of 4294967295 bytes"_s;
        QTest::addRow("empty frame") << QByteArray(header + frameWithLength(0)) << u"a frame of 0 bytes"_s;
        QByteArray badMarker = header + AgentProtocol::encodeFrame(AgentProtocol::FrameType::Marker, "\x05"_ba);
        QTest::addRow("damaged blob") << QByteArray(badMarker) << u"damaged marker"_s;
        QByteArray badSnapshot = header + AgentProtocol::encodeFrame(AgentProtocol::FrameType::Snapshot, "\x09"_ba);
        QTest::addRow("damaged snapshot") << badSnapshot << u"damaged snapshot"_s;
    }
    void damaged()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        for (const qsizetype step : {bytes.size(), qsizetype(1)}) {
            const auto [messages, found] = decodeAll(bytes, step);
            QVERIFY2(found.contains(error), qPrintable(found));
            QVERIFY(messages.isEmpty());
        }
    }

    // What a person sees when ssh reached a shell but no agent: the shell's own words.
    void shellAnswerIsQuoted()
    {
        const auto [messages, error] = decodeAll("bash: line 1: tcplens: command not found\n"_ba, 4096);
        QVERIFY(messages.isEmpty());
        QVERIFY2(error.contains(u"(it begins with \"bash: line 1: tcplens: command not found\")"_s), qPrintable(error));
    }

    void unknownFramesAreSkipped()
    {
        AgentStreamEncoder encoder;
        QByteArray stream = encoder.header(testHeader());
        stream += AgentProtocol::encodeFrame(AgentProtocol::FrameType(50), "whatever a newer agent says"_ba);
        stream += encoder.message(AgentFailure{u"still read"_s});
        AgentStreamDecoder decoder;
        decoder.append(stream);
        const auto message = decoder.next();
        QVERIFY(message && *message);
        QCOMPARE(std::get<AgentFailure>(**message).message, u"still read"_s);
        QCOMPARE(decoder.skippedFrames(), 1);
    }

    // Random bytes after a good header, and random bytes alone: whatever happens, no crash.
    void randomBytes()
    {
        QRandomGenerator random(17);
        const QByteArray header = AgentProtocol::encodeHeader(testHeader());
        const QByteArray stream = testStream();
        for (int round = 0; round < 2000; ++round) {
            QByteArray bytes(random.bounded(1, 300), Qt::Uninitialized);
            for (char &byte : bytes)
                byte = char(random.bounded(256));
            if (round % 3 == 0) {
                // A small frame of random contents, of a known type.
                const quint8 type = quint8(random.bounded(1, 13));
                bytes = header + AgentProtocol::encodeFrame(AgentProtocol::FrameType(type), bytes);
            } else if (round % 3 == 1) {
                // The real stream with some bytes flipped.
                bytes = stream;
                for (int i = 0; i < 4; ++i)
                    bytes[random.bounded(qsizetype(AgentProtocol::PreambleSize), bytes.size())] =
                        char(random.bounded(256));
            }
            (void)decodeAll(bytes, round % 2 ? 1 : bytes.size());
        }
    }

    void commands_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<qint64>("value");
        using AgentProtocol::FrameType;
        QTest::addRow("poll interval") << int(FrameType::SetPollInterval) << qint64(250);
        QTest::addRow("pause") << int(FrameType::SetPaused) << qint64(1);
        QTest::addRow("resume") << int(FrameType::SetPaused) << qint64(0);
        QTest::addRow("poll now") << int(FrameType::PollNow) << qint64(0);
        QTest::addRow("listener interval") << int(FrameType::SetListenerInterval) << qint64(50);
        QTest::addRow("listener window") << int(FrameType::SetListenerWindow) << qint64(60) * Second;
        QTest::addRow("listener history") << int(FrameType::RequestListenerHistory) << qint64(0x7fffffffffff);
    }
    void commands()
    {
        QFETCH(int, type);
        QFETCH(qint64, value);
        const AgentProtocol::Command command{AgentProtocol::FrameType(type), value};
        FrameReader reader(64);
        reader.append(AgentProtocol::encodeCommand(command));
        const auto frame = reader.next();
        QVERIFY(frame && *frame);
        const auto decoded = AgentProtocol::decodeCommand(AgentProtocol::FrameType((*frame)->type), (*frame)->blob);
        // QVERIFY2 evaluates its message always: error() only of an error.
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error()));
        QCOMPARE(int(decoded->type), type);
        QCOMPARE(decoded->value, value);
    }

    void badCommands()
    {
        using AgentProtocol::FrameType;
        QVERIFY(!AgentProtocol::decodeCommand(
            FrameType::SetPollInterval, AgentProtocol::encodeCommand({FrameType::SetPollInterval, 5}).mid(5)));
        QVERIFY(!AgentProtocol::decodeCommand(FrameType::SetPaused, "\x02"_ba));
        QVERIFY(!AgentProtocol::decodeCommand(FrameType::PollNow, "\x00"_ba));
        QVERIFY(!AgentProtocol::decodeCommand(FrameType::Snapshot, QByteArray()));
        FrameReader reader(64);
        reader.append(frameWithLength(65));
        QVERIFY(!reader.next());
    }

    void destinations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<int>("port");
        QTest::addRow("host") << u"web1"_s << true << u"web1"_s << 0;
        QTest::addRow("user and host") << u"root@web1.example.org"_s << true << u"root@web1.example.org"_s << 0;
        QTest::addRow("port") << u"me@10.0.0.2:2222"_s << true << u"me@10.0.0.2"_s << 2222;
        QTest::addRow("ipv6") << u"[::1]:22"_s << true << u"::1"_s << 22;
        QTest::addRow("empty") << QString() << false << QString() << 0;
        QTest::addRow("port 0") << u"web1:0"_s << false << QString() << 0;
        QTest::addRow("port too large") << u"web1:70000"_s << false << QString() << 0;
        QTest::addRow("an option") << u"-oProxyCommand=x"_s << false << QString() << 0;
        QTest::addRow("spaces") << u"web 1"_s << false << QString() << 0;
    }
    void destinations()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto options = RemoteSource::parseDestination(text);
        QCOMPARE(options.has_value(), valid);
        if (!valid)
            return;
        QFETCH(QString, destination);
        QFETCH(int, port);
        QCOMPARE(options->destination, destination);
        QCOMPARE(options->port, port);
    }

    void sshCommandLine()
    {
        qunsetenv("TCPLENS_SSH");
        qunsetenv("TCPLENS_REMOTE_AGENT");
        RemoteSource::Options options = *RemoteSource::parseDestination(u"me@web1:2222"_s);
        options.netns = u"/run/netns/it's"_s;
        options.intervalMs = 500;
        options.exact = true;
        QCOMPARE(AgentConnection::commandLine(options),
            (QStringList{u"ssh"_s, u"-o"_s, u"BatchMode=yes"_s, u"-p"_s, u"2222"_s, u"--"_s, u"me@web1"_s,
                u"tcplens agent --interval 500 --netns '/run/netns/it'\\''s' --exact"_s}));
        // QProcess::splitCommand(): words in double quotes keep their spaces.
        qputenv("TCPLENS_SSH", "ssh -F none -i \"/tmp/a key\"");
        qputenv("TCPLENS_REMOTE_AGENT", "/build/app/tcplens agent");
        options.netns.clear();
        options.exact = false;
        QCOMPARE(AgentConnection::commandLine(options),
            (QStringList{u"ssh"_s, u"-F"_s, u"none"_s, u"-i"_s, u"/tmp/a key"_s, u"-o"_s, u"BatchMode=yes"_s, u"-p"_s,
                u"2222"_s, u"--"_s, u"me@web1"_s, u"/build/app/tcplens agent --interval 500"_s}));
        qunsetenv("TCPLENS_SSH");
        qunsetenv("TCPLENS_REMOTE_AGENT");
    }
};

QTEST_GUILESS_MAIN(TestAgentStream)
#include "tst_agentstream.moc"
