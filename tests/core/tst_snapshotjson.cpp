// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// One schema, two forms: what writeSnapshotJson() and writeSnapshotJsonLines() stream must parse
// into exactly what snapshotToJson() builds, on snapshots of real sock_diag bytes (tests/data/), an
// empty one, listeners only, owners and a namespace with hostile names, and 20,000 sockets
// formatted on two threads.
#include "capturedsockdiag.h"
#include "collect/listenerqueuebuilder.h"
#include "export/jsonstreamwriter.h"
#include "export/snapshotjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <sched.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Captured = TcpLens::Test::CapturedSockDiag;

namespace {

constexpr qint64 Second = 1'000'000'000;

QString data(const QString &name)
{
    return QFINDTESTDATA(u"data/"_s + name);
}

SocketSnapshot::Data captured(const QStringList &files)
{
    QStringList paths;
    for (const QString &file : files)
        paths.append(data(file));
    auto decoded = Captured::snapshotData(paths, 7, 50 * Second);
    if (!decoded)
        qFatal("tests/data/%s missing or not decodable: capture again (tests/data/README.md)",
            qPrintable(files.join(u", ")));
    return std::move(*decoded);
}

// Names no process should have, and some have: quotes, backslashes, every control character, what
// invalid UTF-8 in /proc/PID/comm decodes to, characters beyond the BMP.
QStringList hostileNames()
{
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    return {
        u"a\"b\\c"_s,
        controls + u"\x7f"_s,
        QString::fromLocal8Bit("\xff\xfe"
                               "x\xc3"),
        u"\u00e9\u20ac\u2028\u2029"_s + QString::fromUcs4(U"\U0001F600"),
        u"</script>\\u0000"_s,
        QString(),
    };
}

// The captured sockets with every inode owned by a process with a hostile name, some found later.
SocketSnapshot::Data withHostileOwners(SocketSnapshot::Data data)
{
    const QStringList names = hostileNames();
    int next = 0;
    for (const SocketRecord &socket : data.sockets) {
        if (socket.inode == 0)
            continue;
        if (next % 4 == 3) {
            data.ownersNotFoundYet.insert(socket.inode);
        } else if (next % 4 != 2) {
            SocketOwner owner;
            owner.pid = 1000 + next;
            owner.uid = quint32(next);
            owner.command = names.at(next % names.size());
            owner.user = names.at((next + 1) % names.size());
            data.owners.insert(socket.inode, owner);
        } // else another user's process: not permitted
        ++next;
    }
    data.ownersResolved = true;
    data.netnsName = u"/run/netns/\"evil\n\\"_s + QChar(0);
    return data;
}

QByteArray streamed(
    const SocketSnapshot &snapshot, const SnapshotJsonOptions &options, JsonStreamWriter::Layout layout, bool lines)
{
    QByteArray text;
    // A small buffer, so that the sink's chunks cut the text in many places.
    JsonStreamWriter writer(
        [&](std::string_view chunk) {
            text.append(chunk.data(), qsizetype(chunk.size()));
            return true;
        },
        layout, 4096);
    if (lines)
        writeSnapshotJsonLines(writer, snapshot, options);
    else
        writeSnapshotJson(writer, snapshot, options);
    if (!writer.flush())
        qFatal("a collecting sink cannot fail");
    return text;
}

QJsonObject parsedObject(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning("not a JSON object: %s at %d", qPrintable(error.errorString()), error.offset);
    return document.object();
}

} // namespace

class TestSnapshotJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsSnapshotToJson_data()
    {
        QTest::addColumn<SocketSnapshot>("snapshot");
        QTest::addColumn<bool>("listenersOnly");
        const QList<std::pair<QString, SocketSnapshot>> snapshots{
            {u"diagnosis-1.bin"_s, SocketSnapshot(captured({u"diagnosis-1.bin"_s}))},
            {u"diagnosis-2.bin"_s, SocketSnapshot(captured({u"diagnosis-2.bin"_s}))},
            {u"sockdiag-inet + inet6"_s, SocketSnapshot(captured({u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s}))},
            {u"hostile owners"_s,
                SocketSnapshot(withHostileOwners(captured({u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s})))},
            {u"null snapshot"_s, SocketSnapshot()},
            {u"empty dump"_s, SocketSnapshot(SocketSnapshot::Data{})},
        };
        for (const auto &[name, snapshot] : snapshots) {
            QTest::addRow("%s", qPrintable(name)) << snapshot << false;
            QTest::addRow("%s, listeners only", qPrintable(name)) << snapshot << true;
        }
    }

    void sameAsSnapshotToJson()
    {
        QFETCH(SocketSnapshot, snapshot);
        QFETCH(bool, listenersOnly);
        const SnapshotJsonOptions options{listenersOnly};
        const QJsonObject expected = snapshotToJson(snapshot, options);
        QCOMPARE(expected.contains(u"sockets"), !listenersOnly);

        const QByteArray compact = streamed(snapshot, options, JsonStreamWriter::Layout::Compact, false);
        QVERIFY(QUtf8StringView(compact).isValidUtf8());
        // One line, ended: nothing unescaped can break it.
        QCOMPARE(compact.count('\n'), 1);
        QVERIFY(compact.endsWith('\n'));
        QCOMPARE(parsedObject(compact), expected);

        const QByteArray indented = streamed(snapshot, options, JsonStreamWriter::Layout::Indented, false);
        QVERIFY(indented.startsWith("{\n    \"schema\": \"tcplens.snapshot\",\n"));
        QCOMPARE(parsedObject(indented), expected);
    }

    void jsonLinesHoldTheSameObjects_data() { sameAsSnapshotToJson_data(); }

    // The first line is the top level without the arrays; then each socket (a LISTEN one as its
    // listener's entry, with the queues), or with listenersOnly each listener.
    void jsonLinesHoldTheSameObjects()
    {
        QFETCH(SocketSnapshot, snapshot);
        QFETCH(bool, listenersOnly);
        const SnapshotJsonOptions options{listenersOnly};
        const QJsonObject document = snapshotToJson(snapshot, options);
        QJsonObject header = document;
        header.remove(u"listeners");
        header.remove(u"sockets");
        const QJsonArray listeners = document.value(u"listeners").toArray();
        QJsonArray expectedLines;
        if (listenersOnly) {
            expectedLines = listeners;
        } else {
            for (const QJsonValue &socket : document.value(u"sockets").toArray()) {
                QJsonObject line = socket.toObject();
                for (const QJsonValue &listener : listeners) {
                    if (listener[u"cookie"] == line[u"cookie"])
                        line = listener.toObject();
                }
                expectedLines.append(line);
            }
        }

        const QByteArray text = streamed(snapshot, options, JsonStreamWriter::Layout::Compact, true);
        QVERIFY(text.endsWith('\n'));
        const QList<QByteArray> lines = text.chopped(1).split('\n');
        QCOMPARE(lines.size(), expectedLines.size() + 1);
        QCOMPARE(parsedObject(lines.at(0)), header);
        for (qsizetype i = 1; i < lines.size(); ++i)
            QCOMPARE(parsedObject(lines.at(i)), expectedLines.at(i - 1).toObject());
    }

    // What the equality above rests on, spelled out once: the names and values a reader sees.
    void hostileOwnerNamesComeBackIntact()
    {
        const SocketSnapshot snapshot(withHostileOwners(captured({u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s})));
        const QJsonObject parsed = parsedObject(streamed(snapshot, {}, JsonStreamWriter::Layout::Compact, false));
        QCOMPARE(parsed[u"netns"].toString(), snapshot.netnsName());
        QSet<QString> commands;
        QStringList absences;
        for (const QJsonValue &socket : parsed[u"sockets"].toArray()) {
            if (socket[u"owner"].isObject())
                commands.insert(socket[u"owner"][u"command"].toString());
            else
                absences.append(socket[u"owner_absent"].toString());
        }
        const QStringList names = hostileNames();
        QCOMPARE(commands, QSet<QString>(names.cbegin(), names.cend()));
        QVERIFY(absences.contains(u"not-found-yet"));
        QVERIFY(absences.contains(u"not-permitted"));
    }

    // Beyond a few thousand sockets a helper thread formats every other chunk: the text must be the
    // one a single thread writes, byte for byte, and still the same object.
    void manySocketsFormattedOnTwoThreads_data()
    {
        QTest::addColumn<bool>("lines");
        QTest::addRow("document") << false;
        QTest::addRow("JSON Lines") << true;
    }

    void manySocketsFormattedOnTwoThreads()
    {
        QFETCH(bool, lines);
        SocketSnapshot::Data data = withHostileOwners(captured({u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s}));
        const std::vector<SocketRecord> few = data.sockets;
        const std::vector<SocketDetails> fewDetails = data.details;
        QVERIFY(!few.empty());
        QCOMPARE(fewDetails.size(), few.size());
        data.sockets.clear();
        data.details.clear();
        for (quint64 copy = 0; data.sockets.size() < 20'000; ++copy) {
            for (SocketRecord socket : few) {
                socket.cookie += copy << 32;
                data.sockets.push_back(socket);
            }
            data.details.insert(data.details.end(), fewDetails.cbegin(), fewDetails.cend());
        }
        data.listeners = buildListenerQueues(data.sockets);
        const SocketSnapshot snapshot(std::move(data));

        cpu_set_t all;
        QCOMPARE(::sched_getaffinity(0, sizeof all, &all), 0);
        if (CPU_COUNT(&all) < 2)
            QSKIP("one CPU: no helper thread to compare with");
        const QByteArray onTwo = streamed(snapshot, {}, JsonStreamWriter::Layout::Compact, lines);
        cpu_set_t one;
        CPU_ZERO(&one);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
            if (CPU_ISSET(cpu, &all)) {
                CPU_SET(cpu, &one);
                break;
            }
        }
        QCOMPARE(::sched_setaffinity(0, sizeof one, &one), 0);
        const QByteArray onOne = streamed(snapshot, {}, JsonStreamWriter::Layout::Compact, lines);
        QCOMPARE(::sched_setaffinity(0, sizeof all, &all), 0);
        QCOMPARE(onTwo.size(), onOne.size());
        QVERIFY(onTwo == onOne);

        const QJsonObject expected = snapshotToJson(snapshot);
        if (!lines) {
            QCOMPARE(parsedObject(onTwo), expected);
            return;
        }
        const QList<QByteArray> parts = onTwo.chopped(1).split('\n');
        const QJsonArray sockets = expected.value(u"sockets").toArray();
        QCOMPARE(parts.size(), sockets.size() + 1);
        for (qsizetype i = 1; i < parts.size(); ++i) {
            QJsonObject line = parsedObject(parts.at(i));
            for (const char *queue : {"accept_queue", "accept_queue_limit", "syn_queue"})
                line.remove(QLatin1StringView(queue));
            QCOMPARE(line, sockets.at(i - 1).toObject());
        }
    }

    void numbersAndCookies()
    {
        SocketSnapshot::Data data;
        data.netnsInode = 0xffff'ffff'ffff'fff0;
        SocketRecord socket;
        socket.cookie = 0xffff'ffff'ffff'ffff;
        socket.family = 2;
        socket.state = TcpState::Established;
        socket.info.kernelLength = 248;
        socket.info.bytesAcked = 0x7fff'ffff'ffff'ffff;
        socket.info.bytesReceived = 0x8000'0000'0000'0001;
        data.sockets.push_back(socket);
        SocketDetails details;
        details.info.pacingRate = ~quint64(0); // what tcp_get_info() reports for no pacing
        data.details.push_back(details);
        const SocketSnapshot snapshot(std::move(data));
        const QByteArray text = streamed(snapshot, {}, JsonStreamWriter::Layout::Compact, false);
        // Exact digits in the text, whatever a reader makes of them; the cookie as a string.
        QVERIFY(text.contains("\"netns_inode\":18446744073709551600,"));
        QVERIFY(text.contains("\"cookie\":\"18446744073709551615\""));
        QVERIFY(text.contains("\"bytes_acked\":9223372036854775807,"));
        QVERIFY(text.contains("\"bytes_received\":9223372036854775809,"));
        QVERIFY(text.contains("\"pacing_rate\":18446744073709551615,"));
        QCOMPARE(parsedObject(text), snapshotToJson(snapshot));
    }

    // A snapshot taken without details (the window's) has no memory and only the tcp_info fields
    // the window reads: absent, never zeros that look measured.
    void withoutDetailsNothingIsMadeUp()
    {
        SocketSnapshot::Data data = captured({u"sockdiag-inet.bin"_s});
        QVERIFY(!data.sockets.empty());
        const SocketSnapshot full{SocketSnapshot::Data(data)};
        data.details.clear();
        const SocketSnapshot lean(std::move(data));
        const QJsonArray fullSockets = snapshotToJson(full).value(u"sockets").toArray();
        const QJsonArray leanSockets = snapshotToJson(lean).value(u"sockets").toArray();
        QCOMPARE(leanSockets.size(), fullSockets.size());
        int withInfo = 0;
        for (qsizetype i = 0; i < leanSockets.size(); ++i) {
            const QJsonObject a = leanSockets.at(i).toObject();
            const QJsonObject b = fullSockets.at(i).toObject();
            QVERIFY(!a.contains(u"memory"));
            QCOMPARE(b.contains(u"memory"), b.contains(u"tcp_info"));
            if (!b.contains(u"tcp_info"))
                continue;
            ++withInfo;
            const QJsonObject leanInfo = a.value(u"tcp_info").toObject();
            const QJsonObject fullInfo = b.value(u"tcp_info").toObject();
            QVERIFY(!leanInfo.contains(u"pacing_rate"));
            QVERIFY(!leanInfo.contains(u"snd_mss"));
            QVERIFY(fullInfo.contains(u"snd_mss"));
            for (auto it = leanInfo.constBegin(); it != leanInfo.constEnd(); ++it)
                QCOMPARE(it.value(), fullInfo.value(it.key()));
            QCOMPARE(leanInfo.value(u"rtt_us"), fullInfo.value(u"rtt_us"));
        }
        QVERIFY(withInfo > 0);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotJson)
#include "tst_snapshotjson.moc"
