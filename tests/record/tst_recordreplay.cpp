// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Issue #16's promise, on the real kernel: a scripted run in a private network namespace (a listener
// with backlog 1 that overflows with clients it never accepts, loopback connections through their
// whole life) recorded from the live pipeline, then replayed through a new pipeline with no kernel
// involved: the connection events, listener samples and counters must be the very same.
#include "loopbacksockets.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "pipeline/recordingsource.h"
#include "privatenetworknamespace.h"
#include "record/observationcodec.h"
#include "record/recordingreader.h"
#include "record/recordingwriter.h"
#include "record/snapshotcodec.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

template<typename T>
QString errorOf(const std::expected<T, QString> &result)
{
    return result ? QString() : result.error();
}

QString eventText(const ConnectionEvent &event)
{
    return u"kind %1 id %2 %3->%4 at %5 how %6 kept %7"_s.arg(int(event.kind))
        .arg(event.connectionId)
        .arg(int(event.from))
        .arg(int(event.to))
        .arg(event.timeNs)
        .arg(int(event.knowledge))
        .arg(event.kept);
}

QStringList texts(const ConnectionEvents &events)
{
    QStringList lines;
    for (const ConnectionEvent &event : events)
        lines.append(eventText(event));
    return lines;
}

// Everything the source handed over has been applied and its signals delivered here.
void drain(const LiveConnections &connections)
{
    connections.inspect([](const TrackingWorker &) { });
    QCoreApplication::sendPostedEvents();
}

// What a pipeline told its views, in order: the values to compare, as bytes.
struct Seen
{
    ConnectionEvents events;
    QList<QByteArray> listenerBatches;
    QList<QByteArray> counters;
    bool overflowed = false;

    void watch(LiveConnections &connections, QObject *context)
    {
        QObject::connect(&connections, &LiveConnections::eventsReady, context,
            [this](const ConnectionEvents &batch) { events.append(batch); });
        QObject::connect(
            &connections, &LiveConnections::listenersSampled, context, [this](const ListenerSampleBatch &batch) {
                listenerBatches.append(encodeListenerBatch(batch));
                for (const ListenerReading &reading : batch.listeners)
                    overflowed = overflowed || reading.sample.acceptQueue > reading.sample.acceptQueueLimit;
            });
        QObject::connect(&connections, &LiveConnections::countersSampled, context,
            [this](qint64 monotonicNs, const QList<CounterChange> &changes) {
                counters.append(encodeCounterSample({monotonicNs, changes}));
            });
    }
};

} // namespace

class TestRecordReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"scripted.tcplens"_s);
        LocalKernelSource::Options options;
        options.collector.intervalMs = 50;
        options.sampleListeners = true;
        auto source = std::make_unique<LocalKernelSource>(options);
        auto writer = RecordingWriter::create(m_path, source->description());
        QVERIFY2(writer, qPrintable(errorOf(writer)));
        LiveConnections connections;
        m_live.watch(connections, this);
        (*writer)->record(connections);
        connections.setSource(std::move(source));
        QTRY_VERIFY(!connections.latest().isNull());

        // A listener that overflows: backlog 1 holds 2 (sk_acceptq_is_full() compares with '>'), the
        // third and fourth clients' handshakes are dropped (tcp_v4_syn_recv_sock()), nothing accepted.
        auto crowded = Sockets::listen(u"127.0.0.1"_s, 1);
        QVERIFY(crowded.fd);
        std::vector<UniqueFd> waiting;
        for (int i = 0; i < 4; ++i) {
            waiting.push_back(Sockets::connectTo(u"127.0.0.1"_s, crowded.port));
            QTest::qWait(60);
        }
        QTest::qWait(400);

        // Connections through their whole life: handshake, data, close from either side, TIME-WAIT.
        auto server = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(server.fd);
        for (int i = 0; i < 3; ++i) {
            auto client = Sockets::connectTo(u"127.0.0.1"_s, server.port);
            QVERIFY(Sockets::waitConnected(client.get(), 1s));
            auto accepted = Sockets::acceptOne(server.fd.get(), 1s);
            QVERIFY(accepted);
            QTest::qWait(120);
            if (i == 2) {
                Sockets::closeWithReset(client);
                QTest::qWait(120);
                Sockets::closeGracefully(accepted);
            } else {
                Sockets::closeGracefully(i == 0 ? client : accepted);
                QTest::qWait(120);
                Sockets::closeGracefully(i == 0 ? accepted : client);
            }
            QTest::qWait(150);
        }
        waiting.clear();
        QTest::qWait(300);

        // Stop collecting, let what is under way arrive, and close the file with all of it.
        connections.setPaused(true);
        QTest::qWait(300);
        drain(connections);
        (*writer)->finish();
        QVERIFY2(m_live.overflowed,
            "the listener with backlog 1 never showed a full accept queue: the scripted run "
            "did not do what this test checks");
        QVERIFY2(m_live.events.size() > 10, "the scripted run made almost no connection events");
        QVERIFY2(!m_live.listenerBatches.isEmpty() && !m_live.counters.isEmpty(),
            "the live source sampled no listeners or counters: is sampleListeners on?");
    }

    void recordedEventsAreTheLiveOnes()
    {
        auto reader = RecordingReader::open(m_path);
        QVERIFY2(reader, qPrintable(errorOf(reader)));
        auto rows = (*reader)->rowsOfKind(RecordKind::ConnectionEventBatch, 0, std::numeric_limits<qint64>::max());
        QVERIFY(rows);
        ConnectionEvents recorded;
        for (const RecordedRow &row : *rows) {
            auto events = decodeConnectionEvents(row.data);
            QVERIFY2(events, qPrintable(errorOf(events)));
            recorded.append(*events);
        }
        QCOMPARE(texts(recorded), texts(m_live.events));
    }

    void replayGivesTheSameEventsAndSamples()
    {
        auto source = RecordingSource::open(m_path, {.speed = RecordingPlayer::MaximumSpeed});
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE((*source)->description().kind, SourceDescription::Kind::Recording);
        QVERIFY2(!(*source)->capabilities().live, "a recording must not offer polling");
        QSignalSpy finished(source->get(), &RecordingSource::finished);
        QSignalSpy failed(source->get(), &ConnectionSource::failed);
        LiveConnections replay;
        Seen replayed;
        replayed.watch(replay, this);
        replay.setSource(std::move(*source));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1 || !failed.isEmpty(), 30000);
        if (!failed.isEmpty())
            QFAIL(qPrintable(u"the replay failed: "_s + failed.constFirst().constFirst().toString()));
        drain(replay);

        // The tracker is deterministic: the same inputs in the same order make the same events. A
        // difference means the recording lost or reordered an input, or a snapshot decoded differently.
        QCOMPARE(texts(replayed.events), texts(m_live.events));
        QCOMPARE(replayed.listenerBatches.size(), m_live.listenerBatches.size());
        QVERIFY2(replayed.listenerBatches == m_live.listenerBatches, "replayed listener samples differ from live ones");
        QCOMPARE(replayed.counters.size(), m_live.counters.size());
        QVERIFY2(replayed.counters == m_live.counters, "replayed counter samples differ from live ones");
    }

    void seekShowsTheSnapshotAtThatTimeAndStepStopsAtATransition()
    {
        auto reader = RecordingReader::open(m_path);
        QVERIFY2(reader, qPrintable(errorOf(reader)));
        const RecordingInfo &info = (*reader)->info();
        const qint64 middle = (info.firstNs + info.lastNs) / 2;
        auto expected = (*reader)->snapshotAt(middle);
        QVERIFY2(expected, qPrintable(errorOf(expected)));

        auto source = RecordingSource::open(m_path, {.startPaused = true, .startNs = middle});
        QVERIFY2(source, qPrintable(errorOf(source)));
        RecordingSource *player = source->get();
        QSignalSpy positions(player, &RecordingSource::positionChanged);
        LiveConnections replay;
        QSignalSpy applied(&replay, &LiveConnections::snapshotApplied);
        replay.setSource(std::move(*source));
        QTRY_COMPARE(applied.size(), 1);
        QCOMPARE(encodeSnapshotKeyFrame(applied.constFirst().constFirst().value<SocketSnapshot>()),
            encodeSnapshotKeyFrame(expected->snapshot));
        QTest::qWait(200);
        QCOMPARE(applied.size(), 1); // paused: nothing more

        positions.clear();
        player->stepToNextTransition();
        QTRY_VERIFY(!positions.isEmpty());
        const auto stopped = positions.constLast();
        QVERIFY2(stopped.at(1).toBool(), "after a step the replay must be paused");
        QVERIFY2(stopped.at(0).toLongLong() >= expected->snapshot.monotonicNs(), "a step must not go back in time");
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    Seen m_live;
};

TCPLENS_NETNS_TEST_MAIN(TestRecordReplay, QCoreApplication)
#include "tst_recordreplay.moc"
