// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Exact mode: the tracepoint sock:inet_sock_set_state read through perf_event_open().
// The pure parts (format parser, sample decoder) get the kernel's own text and bytes from tests/data/,
// whole, truncated and corrupted. The I/O part runs against the real kernel, in a private network
// namespace and a private mount namespace (tracefs is mounted there, so nothing stays mounted), and
// is checked against the kernel's own text trace of the same event.
//
// Set TCPLENS_CAPTURE_DIR=tests/data to capture the fixtures again (as root).
#include "collect/tracefsaccess.h"
#include "expectedtext.h"
#include "kerneltexttrace.h"
#include "loopbacksockets.h"
#include "netlink/uniquefd.h"
#include "privatenetworknamespace.h"
#include "tracking/tcpstatetracepoint.h"
#include "tracking/tracepointformat.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QScopeGuard>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

constexpr auto TracefsRoot = "/sys/kernel/tracing"_L1;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

std::span<const std::byte> bytes(const QByteArray &array)
{
    return std::as_bytes(std::span(array.constData(), std::size_t(array.size())));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeNewFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

qint64 monotonicNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// The kernel's names for the states, as __print_symbolic() in the format's print fmt shows them.
constexpr std::array<QLatin1StringView, 13> KernelStateNames = {"TCP_UNKNOWN_0"_L1, "TCP_ESTABLISHED"_L1,
    "TCP_SYN_SENT"_L1, "TCP_SYN_RECV"_L1, "TCP_FIN_WAIT1"_L1, "TCP_FIN_WAIT2"_L1, "TCP_TIME_WAIT"_L1, "TCP_CLOSE"_L1,
    "TCP_CLOSE_WAIT"_L1, "TCP_LAST_ACK"_L1, "TCP_LISTEN"_L1, "TCP_CLOSING"_L1, "TCP_NEW_SYN_RECV"_L1};

QString kernelName(TcpState state)
{
    return KernelStateNames.at(std::size_t(state));
}

QString transition(const StateChangeEvent &event)
{
    return kernelName(event.oldState) + u"->"_s + kernelName(event.newState);
}

QString addressText(quint8 family, const std::array<quint8, 16> &address)
{
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(family, address.data(), text, sizeof text);
    return QString::fromLatin1(text);
}

// An event in the words of the kernel's text trace (TP_printk of inet_sock_set_state), with the
// address fields that belong to the family.
QString describe(const StateChangeEvent &event)
{
    const bool v4 = event.family == AF_INET;
    return u"family=%1 sport=%2 dport=%3 %4=%5 %6=%7 oldstate=%8 newstate=%9"_s.arg(v4 ? u"AF_INET"_s : u"AF_INET6"_s,
        QString::number(event.localPort), QString::number(event.remotePort), v4 ? u"saddr"_s : u"saddrv6"_s,
        addressText(event.family, event.localAddress), v4 ? u"daddr"_s : u"daddrv6"_s,
        addressText(event.family, event.remoteAddress), kernelName(event.oldState), kernelName(event.newState));
}

// A client socket bound to localPort before connect(), so that even its first event carries it.
UniqueFd connectFrom(int family, quint16 localPort, quint16 remotePort)
{
    UniqueFd fd(::socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd)
        return {};
    sockaddr_storage local{};
    sockaddr_storage remote{};
    socklen_t length = 0;
    if (family == AF_INET) {
        auto *l = reinterpret_cast<sockaddr_in *>(&local);
        auto *r = reinterpret_cast<sockaddr_in *>(&remote);
        l->sin_family = r->sin_family = AF_INET;
        l->sin_addr.s_addr = r->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        l->sin_port = htons(localPort);
        r->sin_port = htons(remotePort);
        length = sizeof(sockaddr_in);
    } else {
        auto *l = reinterpret_cast<sockaddr_in6 *>(&local);
        auto *r = reinterpret_cast<sockaddr_in6 *>(&remote);
        l->sin6_family = r->sin6_family = AF_INET6;
        l->sin6_addr = r->sin6_addr = in6addr_loopback;
        l->sin6_port = htons(localPort);
        r->sin6_port = htons(remotePort);
        length = sizeof(sockaddr_in6);
    }
    if (localPort != 0 && ::bind(fd.get(), reinterpret_cast<const sockaddr *>(&local), length) < 0)
        return {};
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&remote), length) < 0 && errno != EINPROGRESS)
        return {};
    return fd;
}

// Waits until the peer's FIN arrived (recv() returns 0), i.e. the socket is in CLOSE_WAIT.
bool waitForEndOfStream(int fd, std::chrono::milliseconds timeout)
{
    pollfd entry{fd, POLLIN, 0};
    char byte;
    return ::poll(&entry, 1, int(timeout.count())) == 1 && ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
}

// A client and a server child talking over loopback; the client closes first, then the server.
struct Conversation
{
    quint16 clientPort = 0;
    quint16 serverPort = 0;
    QString failure; // empty on success
};

Conversation converse(int family, int listenerFd, quint16 serverPort, quint16 clientPort)
{
    Conversation conversation;
    conversation.serverPort = serverPort;
    auto client = connectFrom(family, clientPort, serverPort);
    if (!client || !Sockets::waitConnected(client.get(), 2s))
        return {0, serverPort, u"client did not connect: %1"_s.arg(errnoText())};
    auto server = Sockets::acceptOne(listenerFd, 2s);
    if (!server)
        return {0, serverPort, u"nothing to accept"_s};
    conversation.clientPort = Sockets::localPort(client.get());
    client.reset(); // FIN_WAIT1, then FIN_WAIT2 once the server ACKs the FIN
    if (!waitForEndOfStream(server.get(), 2s))
        conversation.failure = u"the server never saw the client's FIN"_s;
    server.reset(); // LAST_ACK, CLOSE when the client's ACK comes; the client goes TIME_WAIT
    return conversation;
}

// Reads the tracepoint until `done` holds or the time is up, waiting on its descriptors as a
// QSocketNotifier would. `done(events, lost)` sees the events and the losses so far. Returns the
// number of lost events, or an error.
template<typename Done>
std::expected<int, QString> readUntil(TcpStateTracepoint &tracepoint, std::vector<StateChangeEvent> &events, Done done,
    std::chrono::milliseconds timeout = 3s)
{
    const qint64 deadline = monotonicNs() + qint64(timeout.count()) * 1'000'000;
    int lost = 0;
    for (;;) {
        auto read = tracepoint.readAvailable(events);
        if (!read)
            return std::unexpected(read.error());
        lost += *read;
        if (done(events, lost) || monotonicNs() > deadline)
            return lost;
        std::vector<pollfd> entries;
        for (const int fd : tracepoint.fds())
            entries.push_back({fd, POLLIN, 0});
        ::poll(entries.data(), entries.size(), 50);
    }
}

// The life of each socket, by skaddr, split where a socket reaches CLOSE (after which the kernel
// may reuse its memory for another socket).
QList<QStringList> lives(const std::vector<StateChangeEvent> &events)
{
    QMap<quint64, QStringList> open;
    QList<QStringList> result;
    for (const StateChangeEvent &event : events) {
        QStringList &life = open[event.socketAddress];
        life.append(transition(event));
        if (event.newState == TcpState::Close) {
            result.append(life);
            open.remove(event.socketAddress);
        }
    }
    for (const QStringList &life : std::as_const(open))
        result.append(life);
    return result;
}

const QStringList ClientLife = {u"TCP_CLOSE->TCP_SYN_SENT"_s, u"TCP_SYN_SENT->TCP_ESTABLISHED"_s,
    u"TCP_ESTABLISHED->TCP_FIN_WAIT1"_s, u"TCP_FIN_WAIT1->TCP_FIN_WAIT2"_s, u"TCP_FIN_WAIT2->TCP_CLOSE"_s};
const QStringList ServerChildLife = {u"TCP_LISTEN->TCP_SYN_RECV"_s, u"TCP_SYN_RECV->TCP_ESTABLISHED"_s,
    u"TCP_ESTABLISHED->TCP_CLOSE_WAIT"_s, u"TCP_CLOSE_WAIT->TCP_LAST_ACK"_s, u"TCP_LAST_ACK->TCP_CLOSE"_s};

// A raw sample as the sink saw it. Rings are drained one CPU after the other; sort by time.
struct RawSample
{
    qint64 timeNs = 0;
    QByteArray bytes;
};

void sortByTime(QList<RawSample> &samples)
{
    std::stable_sort(samples.begin(), samples.end(), [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; });
}

// Fixture files: "expect: <the event as the text trace shows it>" then "raw: <hex bytes>".
struct CapturedSample
{
    QString expected;
    QByteArray raw;
};

QList<CapturedSample> readSamples(const QString &path)
{
    QList<CapturedSample> samples;
    QString expected;
    for (const QByteArray &line : readFile(path).split('\n')) {
        if (line.startsWith("expect: "))
            expected = QString::fromLatin1(line.sliced(8));
        else if (line.startsWith("raw: "))
            samples.append({expected, QByteArray::fromHex(line.sliced(5))});
    }
    return samples;
}

void writeSamples(const QString &name, const QString &what, const QList<CapturedSample> &samples)
{
    const QString directory = qEnvironmentVariable("TCPLENS_CAPTURE_DIR");
    if (directory.isEmpty())
        return;
    QByteArray text = "# " + what.toLatin1() +
        ".\n# Raw PERF_SAMPLE_RAW payloads of sock:inet_sock_set_state in time order, captured on\n# Linux " +
        QSysInfo::kernelVersion().toLatin1() + " (" + QSysInfo::currentCpuArchitecture().toLatin1() +
        "); their layout is inet_sock_set_state.format.\n"
        "# Each \"expect:\" line is what the kernel's text trace printed for the \"raw:\" sample below it.\n"
        "# Captured by: TCPLENS_CAPTURE_DIR=tests/data tst_tcpstatetracepoint (as root)\n";
    for (const CapturedSample &sample : samples)
        text += "expect: " + sample.expected.toLatin1() + "\nraw: " + sample.raw.toHex() + '\n';
    QFile file(directory + u'/' + name);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qWarning("cannot write %s", qPrintable(file.fileName()));
    // Not QFile::copy(): tracefs files say they are empty (size 0) until read.
    const QByteArray format = readFile(TracefsRoot + u"/events/sock/inet_sock_set_state/format"_s);
    QFile formatFile(directory + u"/inet_sock_set_state.format"_s);
    if (format.isEmpty() || !formatFile.open(QIODevice::WriteOnly) || formatFile.write(format) != format.size())
        qWarning("cannot copy the format file");
}

// A port whose two bytes differ, so host and network order cannot be confused; below the ephemeral
// range (ip_local_port_range starts at 32768), different for concurrent runs.
quint16 explicitClientPort()
{
    quint16 port = quint16(20000 + ::getpid() % 10000);
    while ((port >> 8) == (port & 0xff))
        ++port;
    return port;
}

} // namespace

class TestTcpStateTracepoint : public QObject
{
    Q_OBJECT

private:
    std::expected<TracepointFormat, QString> capturedFormat()
    {
        const auto format = TracepointFormat::parse(readFile(QFINDTESTDATA(u"data/inet_sock_set_state.format"_s)));
        if (!format)
            return std::unexpected(u"the captured format does not parse: "_s + format.error().message);
        return *format;
    }

private Q_SLOTS:
    // ---- TracepointFormat on the kernel's own text ----

    void formatOfTheRunningKernelLayout()
    {
        const auto format = capturedFormat();
        QVERIFY2(format, TcpLens::Test::errorText(format).constData());
        QCOMPARE(format->name(), QByteArray("inet_sock_set_state"));
        QVERIFY(format->id() != 0);
        QCOMPARE(format->fields().size(), 15); // 4 common_* and 11 of TP_STRUCT__entry
        const auto check = [](const TracepointFormat::Field &field, quint32 offset, quint32 size) {
            return field.offset == offset && field.size == size;
        };
        QVERIFY(check(format->commonType(), 0, 2));
        QVERIFY(check(format->skaddr(), 8, 8));
        QVERIFY(check(format->oldstate(), 16, 4));
        QVERIFY(format->oldstate().isSigned);
        QVERIFY(check(format->newstate(), 20, 4));
        QVERIFY(check(format->sport(), 24, 2));
        QVERIFY(check(format->dport(), 26, 2));
        QVERIFY(check(format->family(), 28, 2));
        QVERIFY(check(format->protocol(), 30, 2));
        QVERIFY(check(format->saddr(), 32, 4));
        QVERIFY(check(format->daddr(), 36, 4));
        QVERIFY(check(format->saddrV6(), 40, 16));
        QVERIFY(check(format->daddrV6(), 56, 16));
        QCOMPARE(format->minimumSampleSize(), 72u);
        QCOMPARE(format->field("common_pid")->offset, 4u);
        QVERIFY(!format->field("nonsense"));
    }

    void formatTruncatedAnywhere()
    {
        const QByteArray text = readFile(QFINDTESTDATA(u"data/inet_sock_set_state.format"_s));
        QVERIFY(!text.isEmpty());
        const auto whole = capturedFormat();
        QVERIFY2(whole, TcpLens::Test::errorText(whole).constData());
        int failures = 0;
        for (qsizetype length = 0; length < text.size(); ++length) {
            const auto format = TracepointFormat::parse(text.first(length));
            if (format) {
                // Only a cut after the last field may parse, and then to the same layout.
                QCOMPARE(format->minimumSampleSize(), whole->minimumSampleSize());
                QCOMPARE(format->daddrV6().offset, whole->daddrV6().offset);
                continue;
            }
            ++failures;
            QVERIFY2(!format.error().message.isEmpty(), qPrintable(u"cut at %1"_s.arg(length)));
        }
        QVERIFY(failures > 0);
        // Cut right after "field:__u16 sport;": the error names sport, not some other field.
        const auto cut = TracepointFormat::parse(text.first(text.indexOf("sport;") + 6));
        QVERIFY(!cut);
        QCOMPARE(cut.error().field, QByteArray("sport"));
    }

    void formatGarbled_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QString>("message");
        QTest::addRow("newstate missing") << QByteArray("\tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;\n")
                                          << QByteArray() << QByteArray("newstate") << u"field newstate is missing"_s;
        QTest::addRow("sport without offset") << QByteArray("sport;\toffset:24;") << QByteArray("sport;\toffse:24;")
                                              << QByteArray("sport") << u"field sport is garbled"_s;
        QTest::addRow("daddr size not a number")
            << QByteArray("daddr[4];\toffset:36;\tsize:4;") << QByteArray("daddr[4];\toffset:36;\tsize:four;")
            << QByteArray("daddr") << u"field daddr is garbled"_s;
        QTest::addRow("saddr_v6 too small")
            << QByteArray("saddr_v6[16];\toffset:40;\tsize:16;") << QByteArray("saddr_v6[16];\toffset:40;\tsize:8;")
            << QByteArray("saddr_v6") << u"field saddr_v6 has size 8"_s;
        QTest::addRow("skaddr of 3 bytes")
            << QByteArray("skaddr;\toffset:8;\tsize:8;") << QByteArray("skaddr;\toffset:8;\tsize:3;")
            << QByteArray("skaddr") << u"field skaddr has size 3"_s;
        QTest::addRow("protocol far away")
            << QByteArray("protocol;\toffset:30;") << QByteArray("protocol;\toffset:4294967290;")
            << QByteArray("protocol") << u"past any trace entry"_s;
        QTest::addRow("oldstate twice")
            << QByteArray("\tfield:int newstate;")
            << QByteArray("\tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;\n\tfield:int newstate;")
            << QByteArray("oldstate") << u"appears twice"_s;
        QTest::addRow("ID garbled") << QByteArray("ID: ") << QByteArray("ID: x") << QByteArray("ID")
                                    << u"ID line is garbled"_s;
        QTest::addRow("no fields at all")
            << QByteArray("field:") << QByteArray("fiel:") << QByteArray() << u"no field: lines"_s;
    }

    void formatGarbled()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QByteArray, field);
        QFETCH(QString, message);
        QByteArray text = readFile(QFINDTESTDATA(u"data/inet_sock_set_state.format"_s));
        QVERIFY(text.contains(from));
        text.replace(from, to);
        const auto format = TracepointFormat::parse(text);
        QVERIFY(!format);
        QCOMPARE(format.error().field, field);
        QVERIFY2(format.error().message.contains(message), qPrintable(format.error().message));
    }

    void formatNotAFormatFile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("binary") << QByteArray::fromHex("00ff10") + "field:\x01;;;;offset:;size:";
        QTest::addRow("only semicolons") << QByteArray("field:;;;;;\nfield:;\n");
        QTest::addRow("huge numbers") << QByteArray(
            "field:int oldstate;\toffset:99999999999999999999;\tsize:4;\tsigned:1;\n");
    }

    void formatNotAFormatFile()
    {
        QFETCH(QByteArray, text);
        const auto format = TracepointFormat::parse(text);
        QVERIFY(!format);
        QVERIFY(!format.error().message.isEmpty());
    }

    // The first kernels with the event had no family field; saddr_v6 tells v4 from v6 then.
    void formatWithoutFamily()
    {
        QByteArray text = readFile(QFINDTESTDATA(u"data/inet_sock_set_state.format"_s));
        const QByteArray familyLine = "\tfield:__u16 family;\toffset:28;\tsize:2;\tsigned:0;\n";
        QVERIFY(text.contains(familyLine));
        text.replace(familyLine, QByteArray());
        const auto format = TracepointFormat::parse(text);
        QVERIFY2(format, format ? "" : qPrintable(format.error().message));
        QVERIFY(!format->family().isPresent());
        for (const QString &file : {u"data/tracepoint-v4.hex"_s, u"data/tracepoint-v6.hex"_s}) {
            for (const CapturedSample &sample : readSamples(QFINDTESTDATA(file))) {
                const auto event = decodeStateChange(bytes(sample.raw), *format);
                QVERIFY(event);
                QCOMPARE(describe(*event), sample.expected);
            }
        }
    }

    // ---- decodeStateChange on samples the kernel wrote ----

    void capturedSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("count");
        QTest::addRow("v4 connection") << u"data/tracepoint-v4.hex"_s << 10;
        QTest::addRow("v6 connection") << u"data/tracepoint-v6.hex"_s << 10;
    }

    void capturedSamples()
    {
        QFETCH(QString, file);
        QFETCH(int, count);
        const auto format = capturedFormat();
        QVERIFY2(format, TcpLens::Test::errorText(format).constData());
        const auto samples = readSamples(QFINDTESTDATA(file));
        QCOMPARE(samples.size(), count);
        QSet<quint64> sockets;
        for (const CapturedSample &sample : samples) {
            const auto event = decodeStateChange(bytes(sample.raw), *format);
            QVERIFY2(event, event ? "" : qPrintable(event.error().message));
            QCOMPARE(describe(*event), sample.expected);
            QVERIFY(event->socketAddress != 0);
            sockets.insert(event->socketAddress);
            // The decoder leaves what the perf record carries to the caller.
            QCOMPARE(event->timeNs, qint64(0));
            QCOMPARE(event->cpu, -1);
        }
        QCOMPARE(sockets.size(), 2); // the client and the server's child
    }

    void samplesTruncatedAtEveryLength()
    {
        const auto format = capturedFormat();
        QVERIFY2(format, TcpLens::Test::errorText(format).constData());
        for (const QString &file : {u"data/tracepoint-v4.hex"_s, u"data/tracepoint-v6.hex"_s}) {
            for (const CapturedSample &sample : readSamples(QFINDTESTDATA(file))) {
                const auto whole = decodeStateChange(bytes(sample.raw), *format);
                QVERIFY(whole);
                for (qsizetype length = 0; length < sample.raw.size(); ++length) {
                    // A copy of exactly `length` bytes, so the sanitizers see any read past it.
                    const std::unique_ptr<std::byte[]> copy(new std::byte[std::size_t(std::max<qsizetype>(length, 1))]);
                    std::memcpy(copy.get(), sample.raw.constData(), std::size_t(length));
                    const auto event = decodeStateChange(std::span(copy.get(), std::size_t(length)), *format);
                    // perf pads the raw record to 8 bytes: the last 4 bytes are padding, not fields.
                    if (length >= qsizetype(format->minimumSampleSize())) {
                        QVERIFY(event);
                        QCOMPARE(*event, *whole);
                    } else {
                        QVERIFY(!event);
                        QCOMPARE(event.error().kind, StateChangeDecodeFailure::Kind::Malformed);
                    }
                }
            }
        }
    }

    void samplesCorrupted_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        const int malformed = int(StateChangeDecodeFailure::Kind::Malformed);
        const int notTcp = int(StateChangeDecodeFailure::Kind::NotTcp);
        // Little-endian patches: the fixtures come from x86_64.
        QTest::addRow("SCTP") << 30 << QByteArray("\x84\x00", 2) << notTcp << u"protocol 132 is not TCP"_s;
        QTest::addRow("MPTCP") << 30 << QByteArray("\x06\x01", 2) << notTcp << u"protocol 262 is not TCP"_s;
        QTest::addRow("other event") << 0 << QByteArray("\x01\x00", 2) << malformed << u"sample is of event type 1"_s;
        QTest::addRow("old state 0") << 16 << QByteArray(4, '\0') << malformed << u"old state 0"_s;
        QTest::addRow("new state 13") << 20 << QByteArray("\x0d\x00\x00\x00", 4) << malformed << u"new state 13"_s;
        QTest::addRow("negative state") << 16 << QByteArray(4, '\xff') << malformed << u"old state -1"_s;
        QTest::addRow("family AF_UNIX") << 28 << QByteArray("\x01\x00", 2) << malformed << u"address family 1"_s;
    }

    void samplesCorrupted()
    {
        QFETCH(int, offset);
        QFETCH(QByteArray, patch);
        QFETCH(int, kind);
        QFETCH(QString, message);
        const auto format = capturedFormat();
        QVERIFY2(format, TcpLens::Test::errorText(format).constData());
        QByteArray raw = readSamples(QFINDTESTDATA(u"data/tracepoint-v4.hex"_s)).value(0).raw;
        QVERIFY(raw.size() >= 72);
        raw.replace(offset, patch.size(), patch);
        const auto event = decodeStateChange(bytes(raw), *format);
        QVERIFY(!event);
        QCOMPARE(int(event.error().kind), kind);
        QVERIFY2(event.error().message.contains(message), qPrintable(event.error().message));
    }

    // ---- TcpStateTracepoint against the real kernel ----

    void tracefsMissing()
    {
        TcpStateTracepoint::Options options;
        options.tracefsRoot = QDir::tempPath() + u"/tcplens-no-tracefs-here"_s;
        const auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY(!tracepoint);
        QVERIFY2(tracepoint.error().contains(u"exact mode needs tracefs"_s), qPrintable(tracepoint.error()));
        QVERIFY2(tracepoint.error().contains(u"mount -t tracefs nodev"_s), qPrintable(tracepoint.error()));
    }

    void unprivilegedUserIsToldWhatToDo()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        // As nobody for a moment: an effective uid other than 0 drops the effective capabilities
        // (cap_emulate_setxuid()), and tracefs is mode 0700.
        QVERIFY(::setegid(65534) == 0);
        QVERIFY(::seteuid(65534) == 0);
        const auto tracepoint = TcpStateTracepoint::open();
        const bool restored = ::seteuid(0) == 0 && ::setegid(0) == 0;
        QVERIFY2(restored, "cannot become root again");
        QVERIFY(!tracepoint);
        QVERIFY2(tracepoint.error().contains(u"exact mode needs root or CAP_PERFMON (kernel.perf_event_paranoid="_s),
            qPrintable(tracepoint.error()));
        QVERIFY2(tracepoint.error().contains(u"falling back to polling"_s), qPrintable(tracepoint.error()));
    }

    // The whole life of a v4 connection, exactly as the kernel's own text trace shows it.
    void v4ConnectionMatchesTheKernelTextTrace()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        const quint16 clientPort = explicitClientPort();
        // The client's events have dport == server port, the server child's sport == server port.
        const QByteArray filter =
            "sport == " + QByteArray::number(listener.port) + " || dport == " + QByteArray::number(listener.port);

        auto textTrace = Test::KernelTextTrace::start(filter);
        QVERIFY2(textTrace, TcpLens::Test::errorText(textTrace).constData());
        TcpStateTracepoint::Options options;
        options.filter = QString::fromLatin1(filter);
        auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        QVERIFY(!tracepoint->fds().isEmpty());
        QCOMPARE(tracepoint->fds().size(), tracepoint->cpus().size());
        QList<RawSample> rawSamples;
        tracepoint->setRawSampleSink([&](int, qint64 timeNs, std::span<const std::byte> raw) {
            rawSamples.append({timeNs, QByteArray(reinterpret_cast<const char *>(raw.data()), qsizetype(raw.size()))});
        });

        const qint64 before = monotonicNs();
        const Conversation conversation = converse(AF_INET, listener.fd.get(), listener.port, clientPort);
        QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));
        QCOMPARE(conversation.clientPort, clientPort);

        std::vector<StateChangeEvent> events;
        const auto lost = readUntil(*tracepoint, events, [](const auto &got, int) { return got.size() >= 10; });
        const qint64 after = monotonicNs();
        QVERIFY2(lost, TcpLens::Test::errorText(lost).constData());
        QCOMPARE(*lost, 0);
        (*textTrace)->stop();

        QCOMPARE(events.size(), 10u);
        QVERIFY(std::is_sorted(
            events.begin(), events.end(), [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; }));
        for (const StateChangeEvent &event : events) {
            // CLOCK_MONOTONIC, as asked with use_clockid: between our own two readings.
            QVERIFY(event.timeNs >= before && event.timeNs <= after);
            QVERIFY(event.cpu >= 0 && tracepoint->cpus().contains(event.cpu));
            QCOMPARE(event.family, quint8(AF_INET));
            QCOMPARE(addressText(AF_INET, event.localAddress), u"127.0.0.1"_s);
            QCOMPARE(addressText(AF_INET, event.remoteAddress), u"127.0.0.1"_s);
        }

        // Each socket's life, told apart by skaddr.
        const auto socketLives = lives(events);
        QCOMPARE(socketLives.size(), 2);
        QVERIFY2(socketLives.contains(ClientLife), qPrintable(QDebug::toString(socketLives)));
        QVERIFY2(socketLives.contains(ServerChildLife), qPrintable(QDebug::toString(socketLives)));

        // Host order: the port we bound appears as the number itself (TP_fast_assign: ntohs()).
        // Explicitly bound, even the client's CLOSE -> SYN_SENT carries it.
        const auto clientEvents = std::count_if(events.begin(), events.end(), [&](const StateChangeEvent &event) {
            return event.localPort == clientPort && event.remotePort == listener.port;
        });
        QCOMPARE(clientEvents, 5);
        // The child's first event (LISTEN -> SYN_RECV) already names the peer on this kernel.
        const auto serverEvents = std::count_if(events.begin(), events.end(), [&](const StateChangeEvent &event) {
            return event.localPort == listener.port && event.remotePort == clientPort;
        });
        QCOMPARE(serverEvents, 5);

        // The kernel's own words for the same events: the same lines, in the same order per socket.
        QStringList fromPerf;
        for (const StateChangeEvent &event : events)
            fromPerf.append(describe(event));
        QStringList fromText;
        for (const Test::KernelTextTrace::Event &event : (*textTrace)->events())
            fromText.append(event.describe());
        const auto ofTuple = [](const QStringList &lines, quint16 sport, quint16 dport) {
            const QString key = u"sport=%1 dport=%2 "_s.arg(sport).arg(dport);
            QStringList result;
            for (const QString &line : lines) {
                if (line.contains(key))
                    result.append(line);
            }
            return result;
        };
        QCOMPARE(fromText.size(), fromPerf.size());
        QCOMPARE(ofTuple(fromPerf, clientPort, listener.port), ofTuple(fromText, clientPort, listener.port));
        QCOMPARE(ofTuple(fromPerf, listener.port, clientPort), ofTuple(fromText, listener.port, clientPort));

        QCOMPARE(rawSamples.size(), 10);
        sortByTime(rawSamples);
        QList<CapturedSample> capture;
        for (const RawSample &raw : std::as_const(rawSamples)) {
            const auto event = decodeStateChange(bytes(raw.bytes), tracepoint->format());
            QVERIFY(event);
            capture.append({describe(*event), raw.bytes});
            QVERIFY(fromText.contains(capture.constLast().expected));
        }
        writeSamples(u"tracepoint-v4.hex"_s,
            u"A v4 loopback connection, the client bound to its port and closing first"_s, capture);
    }

    void v6ConnectionDecodesV6Addresses()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        auto listener = Sockets::listen(u"::1"_s, 8, true);
        QVERIFY(listener.fd);
        auto textTrace = Test::KernelTextTrace::start(
            "sport == " + QByteArray::number(listener.port) + " || dport == " + QByteArray::number(listener.port));
        QVERIFY2(textTrace, TcpLens::Test::errorText(textTrace).constData());
        // No filter: the caller picks its events out of everything the host does.
        auto tracepoint = TcpStateTracepoint::open();
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        QList<RawSample> rawSamples;
        tracepoint->setRawSampleSink([&](int, qint64 timeNs, std::span<const std::byte> raw) {
            rawSamples.append({timeNs, QByteArray(reinterpret_cast<const char *>(raw.data()), qsizetype(raw.size()))});
        });

        const qint64 before = monotonicNs();
        const Conversation conversation = converse(AF_INET6, listener.fd.get(), listener.port, 0);
        QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));

        // The client's first event has no port yet: its socket is known by skaddr from the others.
        const auto isOurs = [&](const StateChangeEvent &event) {
            return event.timeNs >= before && event.family == AF_INET6 &&
                ((event.localPort == conversation.clientPort && event.remotePort == listener.port) ||
                    (event.localPort == listener.port && event.remotePort == conversation.clientPort));
        };
        QSet<quint64> ourSockets;
        std::vector<StateChangeEvent> ours;
        const auto pickOurs = [&](const std::vector<StateChangeEvent> &got) {
            ourSockets.clear();
            ours.clear();
            for (const StateChangeEvent &event : got) {
                if (isOurs(event))
                    ourSockets.insert(event.socketAddress);
            }
            for (const StateChangeEvent &event : got) {
                if (event.timeNs >= before && ourSockets.contains(event.socketAddress))
                    ours.push_back(event);
            }
        };
        std::vector<StateChangeEvent> all;
        const auto lost = readUntil(*tracepoint, all, [&](const auto &got, int) {
            pickOurs(got);
            return ours.size() >= 10;
        });
        QVERIFY2(lost, TcpLens::Test::errorText(lost).constData());
        (*textTrace)->stop();
        QCOMPARE(ourSockets.size(), 2);
        const auto socketLives = lives(ours);
        QCOMPARE(socketLives.size(), 2);
        QVERIFY2(socketLives.contains(ClientLife), qPrintable(QDebug::toString(socketLives)));
        QVERIFY2(socketLives.contains(ServerChildLife), qPrintable(QDebug::toString(socketLives)));
        // An unbound client: tcp_v6_connect() sets SYN_SENT before inet6_hash_connect() picks the port.
        const auto synSent = std::find_if(
            ours.begin(), ours.end(), [](const auto &event) { return event.newState == TcpState::SynSent; });
        QVERIFY(synSent != ours.end());
        QCOMPARE(synSent->localPort, quint16(0));
        QCOMPARE(synSent->remotePort, listener.port);
        for (const StateChangeEvent &event : ours) {
            QCOMPARE(event.family, quint8(AF_INET6));
            QCOMPARE(addressText(AF_INET6, event.localAddress), u"::1"_s);
            QCOMPARE(addressText(AF_INET6, event.remoteAddress), u"::1"_s);
        }

        // The kernel's own words for the same events.
        QStringList fromText;
        for (const Test::KernelTextTrace::Event &event : (*textTrace)->events())
            fromText.append(event.describe());
        QStringList fromPerf;
        for (const StateChangeEvent &event : ours)
            fromPerf.append(describe(event));
        QCOMPARE(fromPerf, fromText);

        sortByTime(rawSamples);
        QList<CapturedSample> capture;
        for (const RawSample &raw : std::as_const(rawSamples)) {
            const auto event = decodeStateChange(bytes(raw.bytes), tracepoint->format());
            if (event && raw.timeNs >= before && ourSockets.contains(event->socketAddress))
                capture.append({describe(*event), raw.bytes});
        }
        QCOMPARE(capture.size(), 10);
        writeSamples(
            u"tracepoint-v6.hex"_s, u"A v6 loopback connection, the client unbound and closing first"_s, capture);
    }

    // A ring of one page: records wrap around its end all the time, and a burst without reading
    // overflows it. Nothing may be misread either way.
    void smallRingWrapsAndCountsLosses()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        auto listener = Sockets::listen(u"127.0.0.1"_s, 64);
        QVERIFY(listener.fd);
        // Everything on one CPU and one ring, however many CPUs the machine has: the test thread is
        // pinned, and loopback delivers in the sender's softirq on the same CPU (enqueue_to_backlog()
        // without RPS).
        cpu_set_t previous;
        QVERIFY(::sched_getaffinity(0, sizeof previous, &previous) == 0);
        int cpu = 0;
        while (!CPU_ISSET(cpu, &previous))
            ++cpu;
        cpu_set_t only;
        CPU_ZERO(&only);
        CPU_SET(cpu, &only);
        QVERIFY(::sched_setaffinity(0, sizeof only, &only) == 0);
        const auto restoreAffinity = qScopeGuard([&] { ::sched_setaffinity(0, sizeof previous, &previous); });
        QTemporaryDir sysfs;
        QVERIFY(QDir().mkpath(sysfs.path() + u"/devices/system/cpu"_s));
        QVERIFY(writeNewFile(sysfs.path() + u"/devices/system/cpu/online"_s, QByteArray::number(cpu)));

        TcpStateTracepoint::Options options;
        options.sysfsRoot = sysfs.path();
        options.ringPages = 1;
        options.filter = u"sport == %1 || dport == %1"_s.arg(listener.port);
        auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        QCOMPARE(tracepoint->cpus(), QList<int>{cpu});

        const auto countLives = [](const std::vector<StateChangeEvent> &events) {
            QMap<QStringList, int> counts;
            for (const QStringList &life : lives(events))
                ++counts[life];
            return counts;
        };

        // Drained after each connection: 4096 bytes hold 39 records of 104 bytes, so every four
        // connections a record straddles the end of the ring.
        constexpr int Connections = 60;
        std::vector<StateChangeEvent> events;
        for (int i = 0; i < Connections; ++i) {
            const Conversation conversation = converse(AF_INET, listener.fd.get(), listener.port, 0);
            QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));
            const std::size_t expected = std::size_t(i + 1) * 10;
            const auto lost =
                readUntil(*tracepoint, events, [&](const auto &got, int) { return got.size() >= expected; });
            QVERIFY2(lost, TcpLens::Test::errorText(lost).constData());
            QCOMPARE(*lost, 0);
        }
        auto counts = countLives(events);
        QCOMPARE(counts.value(ClientLife), Connections);
        QCOMPARE(counts.value(ServerChildLife), Connections);
        QCOMPARE(tracepoint->malformedTotal(), 0u);
        // Unbound clients: tcp_v4_connect() sets SYN_SENT before inet_hash_connect() picks the port.
        for (const StateChangeEvent &event : events) {
            if (event.newState == TcpState::SynSent)
                QCOMPARE(event.localPort, quint16(0));
        }

        // A burst with nobody reading: the kernel drops what does not fit. perf_output_begin() writes
        // the PERF_RECORD_LOST in front of the next record that fits, so the count arrives with the
        // first event after the reader has made room.
        constexpr int Burst = 40;
        for (int i = 0; i < Burst; ++i) {
            const Conversation conversation = converse(AF_INET, listener.fd.get(), listener.port, 0);
            QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));
        }
        std::vector<StateChangeEvent> burst;
        auto lost = tracepoint->readAvailable(burst);
        QVERIFY2(lost, TcpLens::Test::errorText(lost).constData());
        int lostSoFar = *lost;
        QVERIFY(burst.size() < std::size_t(Burst) * 10);

        // And the ring works on: a new connection reads whole, and the losses are counted.
        const qint64 afterBurst = monotonicNs();
        const Conversation conversation = converse(AF_INET, listener.fd.get(), listener.port, 0);
        QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));
        lost = readUntil(*tracepoint, burst, [&](const auto &got, int lostMeanwhile) {
            return got.size() + std::size_t(lostSoFar + lostMeanwhile) >= std::size_t(Burst + 1) * 10;
        });
        QVERIFY2(lost, TcpLens::Test::errorText(lost).constData());
        lostSoFar += *lost;
        QVERIFY2(lostSoFar > 0, "the kernel should have reported lost events");
        QCOMPARE(qsizetype(burst.size()) + lostSoFar, (Burst + 1) * 10);
        QCOMPARE(tracepoint->lostTotal(), quint64(lostSoFar));
        QCOMPARE(tracepoint->malformedTotal(), 0u);
        std::vector<StateChangeEvent> last;
        std::copy_if(burst.begin(), burst.end(), std::back_inserter(last),
            [&](const StateChangeEvent &event) { return event.timeNs >= afterBurst; });
        counts = countLives(last);
        QCOMPARE(counts.value(ClientLife), 1);
        QCOMPARE(counts.value(ServerChildLife), 1);
    }

    // What a QSocketNotifier on fds() sees: readable after each event by default, only past the
    // watermark with one. perf_poll() clears the readiness it reports, so a reader drains everything.
    void descriptorsWakeTheReader()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        TcpStateTracepoint::Options options;
        options.filter = u"sport == %1 || dport == %1"_s.arg(listener.port);
        auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        int activations = 0;
        std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
        for (const int fd : tracepoint->fds()) {
            notifiers.push_back(std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read));
            connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&] { ++activations; });
        }
        const Conversation conversation = converse(AF_INET, listener.fd.get(), listener.port, 0);
        QVERIFY2(conversation.failure.isEmpty(), qPrintable(conversation.failure));
        QTRY_VERIFY_WITH_TIMEOUT(activations > 0, 2000);
        std::vector<StateChangeEvent> events;
        QTRY_VERIFY_WITH_TIMEOUT(tracepoint->readAvailable(events).value_or(-1) == 0 && events.size() == 10, 2000);
        notifiers.clear();

        // With a watermark of half the ring, ten events (about 1 KiB) wake nobody; a reader on a
        // timer still finds them.
        options.wakeupWatermarkBytes = 32 * 1024;
        tracepoint = TcpStateTracepoint::open(options);
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        const Conversation quiet = converse(AF_INET, listener.fd.get(), listener.port, 0);
        QVERIFY2(quiet.failure.isEmpty(), qPrintable(quiet.failure));
        QTest::qWait(100);
        std::vector<pollfd> entries;
        for (const int fd : tracepoint->fds())
            entries.push_back({fd, POLLIN, 0});
        QCOMPARE(::poll(entries.data(), entries.size(), 100), 0);
        events.clear();
        QVERIFY(tracepoint->readAvailable(events).has_value());
        QCOMPARE(events.size(), 10u);
    }

    // The CPUs come from sysfs' list of online CPUs (injected here); a list that does not parse
    // means every configured CPU.
    void watchesTheOnlineCpus_data()
    {
        QTest::addColumn<QByteArray>("online");
        QTest::addColumn<QList<int>>("expected");
        const long configured = ::sysconf(_SC_NPROCESSORS_CONF);
        QList<int> all;
        for (int cpu = 0; cpu < configured; ++cpu)
            all.append(cpu);
        QTest::addRow("first only") << QByteArray("0\n") << QList<int>{0};
        QTest::addRow("last only") << QByteArray::number(configured - 1) << QList<int>{int(configured - 1)};
        QTest::addRow("range") << "0-" + QByteArray::number(configured - 1) + '\n' << all;
        QTest::addRow("garbage") << QByteArray("zero to two") << all;
    }

    void watchesTheOnlineCpus()
    {
        QFETCH(QByteArray, online);
        QFETCH(QList<int>, expected);
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        QTemporaryDir sysfs;
        QVERIFY(QDir().mkpath(sysfs.path() + u"/devices/system/cpu"_s));
        QVERIFY(writeNewFile(sysfs.path() + u"/devices/system/cpu/online"_s, online));
        TcpStateTracepoint::Options options;
        options.sysfsRoot = sysfs.path();
        const auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY2(tracepoint, TcpLens::Test::errorText(tracepoint).constData());
        QCOMPARE(tracepoint->cpus(), expected);
    }

    void badFilterIsRefused()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        TcpStateTracepoint::Options options;
        options.filter = u"no_such_field == 1"_s;
        const auto tracepoint = TcpStateTracepoint::open(options);
        QVERIFY(!tracepoint);
        QVERIFY2(tracepoint.error().contains(u"no_such_field"_s), qPrintable(tracepoint.error()));
    }
};

TCPLENS_TRACEFS_NETNS_TEST_MAIN(TestTcpStateTracepoint)

#include "tst_tcpstatetracepoint.moc"
