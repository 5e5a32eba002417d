// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// RecordingWriter and RecordingReader on files: a recording of real sock_diag snapshots (tests/data/)
// read back, each snapshot rebuilt from its key frame and deltas; then bad files, each of which must
// give one clear sentence and no crash: truncated at many offsets, bytes flipped, another program's
// SQLite file, a newer format, an empty file, a folder, a text file.
#include "capturedsockdiag.h"
#include "pipeline/recordingsource.h"
#include "record/recordingreader.h"
#include "record/recordingschema.h"
#include "record/recordingwriter.h"
#include "record/snapshotcodec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Captured = TcpLens::Test::CapturedSockDiag;

namespace {

constexpr qint64 Second = 1'000'000'000;
constexpr int Snapshots = 12;

template<typename T>
QString errorOf(const std::expected<T, QString> &result)
{
    return result ? QString() : result.error();
}

// The captured sockets, with one socket's figures moving at each poll and one socket gone every other.
QList<SocketSnapshot> polls()
{
    const QStringList paths{
        QFINDTESTDATA(u"../data/sockdiag-inet.bin"_s), QFINDTESTDATA(u"../data/sockdiag-inet6.bin"_s)};
    auto base = Captured::snapshotData(paths, 1, 100 * Second);
    if (!base)
        qFatal("tests/data/sockdiag-inet*.bin missing or not decodable: capture again (tests/data/README.md)");
    QList<SocketSnapshot> snapshots;
    for (int i = 0; i < Snapshots; ++i) {
        SocketSnapshot::Data data = *base;
        data.generation = quint64(i + 1);
        data.monotonicNs = (100 + i) * Second;
        data.sockets[0].info.bytesAcked += quint64(i) * 1000;
        if (i % 2 == 1 && data.listeners.isEmpty()) {
            data.sockets.pop_back();
            data.details.pop_back();
        }
        snapshots.append(SocketSnapshot(std::move(data)));
    }
    return snapshots;
}

SourceDescription description()
{
    return {SourceDescription::Kind::LocalKernel, u"testhost"_s, u"/run/netns/lab"_s, u"6.12.0"_s, {}};
}

QString expectError(const QString &path)
{
    auto reader = RecordingReader::open(path);
    if (reader)
        return {};
    return reader.error();
}

} // namespace

class TestRecordingReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"good.tcplens"_s);
        RecordingWriter::Options options;
        options.keyFrameInterval = 5; // key frames at 1, 6, 11: snapshots rebuilt from deltas between
        auto writer = RecordingWriter::create(m_path, description(), options);
        QVERIFY2(writer, qPrintable(errorOf(writer)));
        m_snapshots = polls();
        for (const SocketSnapshot &snapshot : std::as_const(m_snapshots)) {
            (*writer)->addSnapshot(snapshot);
            // Between the 6th and the 7th snapshot, as a source emits it.
            if (snapshot.generation() == 6)
                (*writer)->addMarker(
                    {105 * Second + Second / 2, u"a step"_s, u"detail"_s, TimelineMarker::Kind::LabStep});
        }
        (*writer)->finish();
        QCOMPARE((*writer)->statistics().snapshots, Snapshots);
        QCOMPARE((*writer)->statistics().keyFrames, 3);
        QVERIFY2(!QFile::exists(m_path + u"-wal"_s), "closing the writer must leave no write-ahead log behind");
        QVERIFY2(RecordingWriter::create(m_path, description()).error().contains(u"exists already"_s),
            "a recording must never be overwritten");
    }

    void readsBack()
    {
        auto reader = RecordingReader::open(m_path);
        QVERIFY2(reader, qPrintable(errorOf(reader)));
        const RecordingInfo &info = (*reader)->info();
        QCOMPARE(info.formatVersion, RecordingSchema::SchemaVersion);
        QCOMPARE(info.description.host, u"testhost"_s);
        QCOMPARE(info.description.netns, u"/run/netns/lab"_s);
        QCOMPARE(info.firstNs, 100 * Second);
        QCOMPARE(info.lastNs, (100 + Snapshots - 1) * Second);
        QCOMPARE(info.rows[std::size_t(RecordKind::Snapshot)], Snapshots);
        QCOMPARE(info.rows[std::size_t(RecordKind::Marker)], 1);

        auto rows = (*reader)->rows(info.firstSequence, 1000);
        QVERIFY2(rows, qPrintable(errorOf(rows)));
        QCOMPARE(rows->size(), Snapshots + 1);
        for (qsizetype i = 1; i < rows->size(); ++i)
            QVERIFY2(rows->at(i).sequence > rows->at(i - 1).sequence, "rows must come back in recorded order");
        QCOMPARE(rows->at(6).kind, RecordKind::Marker);

        // Every snapshot rebuilt, whichever key frame it hangs on, is the one recorded.
        for (int i = 0; i < Snapshots; ++i) {
            auto placed = (*reader)->snapshotAt((100 + i) * Second + Second / 2);
            QVERIFY2(placed, qPrintable(errorOf(placed)));
            QCOMPARE(placed->snapshot.generation(), quint64(i + 1));
            QCOMPARE(encodeSnapshotKeyFrame(placed->snapshot), encodeSnapshotKeyFrame(m_snapshots[i]));
        }
        // Before the first: the first.
        auto early = (*reader)->snapshotAt(0);
        QVERIFY(early);
        QCOMPARE(early->snapshot.generation(), quint64(1));
        QVERIFY((*reader)->nextOfKind(RecordKind::Marker, 0).has_value());
    }

    // The replay's controls on this file, without a pipeline: the source's own signals.
    void jumpToNextMarkerShowsItsSnapshotAndTheMarker()
    {
        auto source = RecordingSource::open(m_path, {.startPaused = true, .startNs = 100 * Second});
        QVERIFY2(source, qPrintable(errorOf(source)));
        QSignalSpy snapshots(source->get(), &ConnectionSource::snapshotReady);
        QSignalSpy markers(source->get(), &ConnectionSource::markerAdded);
        (*source)->start();
        QTRY_COMPARE(snapshots.size(), 1);
        QCOMPARE(snapshots.constFirst().constFirst().value<SocketSnapshot>().generation(), quint64(1));
        (*source)->jumpToNextMarker();
        QTRY_COMPARE(markers.size(), 1);
        QCOMPARE(markers.constFirst().constFirst().value<TimelineMarker>().label, u"a step"_s);
        // The marker at 105.5 s: the snapshot in force then (the 6th), emitted before it.
        QCOMPARE(snapshots.size(), 2);
        QCOMPARE(snapshots.constLast().constFirst().value<SocketSnapshot>().monotonicNs(), 105 * Second);
        QTest::qWait(100);
        QCOMPARE(snapshots.size(), 2); // still paused
    }

    // A file `tcplens record` made with format 1 (tests/data/README.md says how): every later
    // build must open it and rebuild what it held, so a format change that forgets old files fails.
    void readsARecordingOfFormatOne()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(u"recording-v1.tcplens"_s);
        QVERIFY(QFile::copy(QFINDTESTDATA(u"../data/recording-v1.tcplens"_s), path));
        auto reader = RecordingReader::open(path);
        QVERIFY2(reader, qPrintable(errorOf(reader)));
        const RecordingInfo &info = (*reader)->info();
        QCOMPARE(info.formatVersion, 1);
        QCOMPARE(info.rows[std::size_t(RecordKind::Snapshot)], 3);
        auto placed = (*reader)->snapshotAt(info.lastNs);
        QVERIFY2(placed, qPrintable(errorOf(placed)));
        const auto &sockets = placed->snapshot.sockets();
        const auto listener = std::find_if(sockets.cbegin(), sockets.cend(),
            [](const SocketRecord &socket) { return socket.state == TcpState::Listen && socket.localPort == 7000; });
        QVERIFY(listener != sockets.cend());
        QCOMPARE(listener->sendQueue, 4u); // listen(4): the accept queue's limit
        // The server's end holds the 1,000 bytes the client sent and nobody read.
        QVERIFY(std::any_of(sockets.cbegin(), sockets.cend(), [](const SocketRecord &socket) {
            return socket.state == TcpState::Established && socket.localPort == 7000 && socket.receiveQueue == 1000;
        }));
        QVERIFY(std::any_of(sockets.cbegin(), sockets.cend(), [](const SocketRecord &socket) {
            return socket.state == TcpState::Established && socket.remotePort == 7000 && socket.info.isPresent();
        }));
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QString empty = m_dir.filePath(u"empty.tcplens"_s);
        QFile(empty).open(QIODevice::WriteOnly);
        QTest::addRow("empty file") << empty << u"is empty"_s;
        QTest::addRow("folder") << m_dir.path() << u"is a folder"_s;
        QTest::addRow("missing") << m_dir.filePath(u"nothing-here"_s) << u"does not exist"_s;
        const QString text = m_dir.filePath(u"text.tcplens"_s);
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("this is not a database at all, but long enough to be mistaken for one\n");
        }
        QTest::addRow("text file") << text << u"not even an SQLite file"_s;

        const QString foreign = m_dir.filePath(u"foreign.sqlite"_s);
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            database.setDatabaseName(foreign);
            QVERIFY(database.open());
            QSqlQuery query(database);
            QVERIFY(query.exec(u"CREATE TABLE meta (key TEXT, value TEXT)"_s));
            QVERIFY(query.exec(u"INSERT INTO meta VALUES ('format', 'something else')"_s));
            database.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);
        QTest::addRow("foreign SQLite") << foreign << u"another program"_s;

        const QString newer = m_dir.filePath(u"newer.tcplens"_s);
        QVERIFY(QFile::copy(m_path, newer));
        {
            QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
            database.setDatabaseName(newer);
            QVERIFY(database.open());
            QSqlQuery query(database);
            QVERIFY(query.exec(u"UPDATE meta SET value = '99' WHERE key = 'schema_version'"_s));
            database.close();
        }
        QSqlDatabase::removeDatabase(u"newer"_s);
        QTest::addRow("newer format") << newer
                                      << u"made by a newer TCP Lens (format 99); this build reads up to format %1"_s
                                             .arg(RecordingSchema::SchemaVersion);
    }

    void badFiles()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const QString error = expectError(path);
        QVERIFY2(!error.isEmpty(), qPrintable(path + u" opened as a recording"_s));
        QVERIFY2(error.contains(expected), qPrintable(u"the error does not say \"%1\": %2"_s.arg(expected, error)));
    }

    // A file cut short (a copy interrupted, a full disk) must be refused, at any length.
    void truncated()
    {
        QFile good(m_path);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        const QString path = m_dir.filePath(u"cut.tcplens"_s);
        QList<qsizetype> cuts{1, 15, 16, 99, 100, 101, 512};
        for (qsizetype cut = 1024; cut < bytes.size(); cut += 1024 + 7)
            cuts.append(cut);
        for (qsizetype page = 4096; page < bytes.size(); page += 4096)
            cuts.append(page);
        for (qsizetype cut : std::as_const(cuts)) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes.first(cut));
            file.close();
            const QString error = expectError(path);
            QVERIFY2(!error.isEmpty(),
                qPrintable(u"the recording cut after %1 of %2 bytes opened without an error: quick_check and the "
                           "meta table must catch it"_s.arg(cut)
                               .arg(bytes.size())));
        }
    }

    // Damage anywhere: open refuses it, or what opens reads back or says where it is damaged.
    void flipped()
    {
        QFile good(m_path);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        const QString path = m_dir.filePath(u"flipped.tcplens"_s);
        QRandomGenerator random(16);
        int refused = 0;
        for (int round = 0; round < 200; ++round) {
            QByteArray damaged = bytes;
            for (int flips = 0; flips < 4; ++flips) {
                const auto at = qsizetype(random.bounded(quint32(damaged.size())));
                damaged[at] = char(damaged[at] ^ char(1 + random.bounded(255)));
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(damaged);
            file.close();
            auto reader = RecordingReader::open(path);
            if (!reader) {
                QVERIFY(!reader.error().isEmpty());
                ++refused;
                continue;
            }
            const RecordingInfo &info = (*reader)->info();
            (void)(*reader)->rows(info.firstSequence, 1000);
            for (int i = 0; i < Snapshots; ++i)
                (void)(*reader)->snapshotAt((100 + i) * Second);
        }
        QVERIFY2(refused > 0, "200 damaged files and none refused: quick_check must run on open");
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<SocketSnapshot> m_snapshots;
};

QTEST_GUILESS_MAIN(TestRecordingReader)
#include "tst_recordingreader.moc"
