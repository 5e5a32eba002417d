// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingwriterworker.h"

#include "model/monotonicclock.h"
#include "record/observationcodec.h"
#include "record/recordinglogging.h"
#include "record/recordingschema.h"
#include "record/snapshotcodec.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QString uniqueConnectionName()
{
    static std::atomic<quint64> next{0};
    return u"tcplens-recording-writer-%1"_s.arg(++next);
}

} // namespace

RecordingWriterWorker::RecordingWriterWorker(QString path, Options options)
    : m_path(std::move(path))
    , m_options(options)
    , m_connectionName(uniqueConnectionName())
{
}

RecordingWriterWorker::~RecordingWriterWorker()
{
    finish();
}

void RecordingWriterWorker::start()
{
    // The connection belongs to this thread (Qt SQL connections may only be used where they were made).
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    database.setDatabaseName(m_path);
    if (!database.open()) {
        fail(u"cannot open %1 for recording: %2"_s.arg(m_path, database.lastError().text()));
        return;
    }
    if (auto configured = RecordingSchema::configureForWriting(database); !configured) {
        fail(configured.error());
        return;
    }
    m_open = true;
    m_commitTimer = std::make_unique<QTimer>();
    m_commitTimer->setInterval(m_options.commitIntervalMs);
    connect(m_commitTimer.get(), &QTimer::timeout, this, &RecordingWriterWorker::commit);
    m_commitTimer->start();
}

void RecordingWriterWorker::fail(const QString &message)
{
    qCWarning(lcRecord) << message;
    if (m_commitTimer)
        m_commitTimer->stop();
    m_open = false;
    Q_EMIT failed(message);
}

void RecordingWriterWorker::insert(RecordKind kind, qint64 timeNs, const QByteArray &data)
{
    if (!m_open)
        return;
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (!m_inTransaction) {
        if (!database.transaction()) {
            fail(u"cannot write to %1: %2"_s.arg(m_path, database.lastError().text()));
            return;
        }
        m_inTransaction = true;
    }
    QSqlQuery query(database);
    const qint64 sequence = ++m_sequence;
    if (kind == RecordKind::Snapshot) {
        query.prepare(u"INSERT INTO snapshots (seq, time_ns, key_seq, generation, socket_count, data) "
                      "VALUES (?, ?, ?, ?, ?, ?)"_s);
        query.addBindValue(sequence);
        query.addBindValue(timeNs);
        query.addBindValue(m_keySequence == 0 ? sequence : m_keySequence);
        query.addBindValue(qint64(m_previous.generation()));
        query.addBindValue(qint64(m_previous.sockets().size()));
        query.addBindValue(data);
    } else {
        query.prepare(
            u"INSERT INTO "_s + RecordingSchema::tableName(kind) + u" (seq, time_ns, data) VALUES (?, ?, ?)"_s);
        query.addBindValue(sequence);
        query.addBindValue(timeNs);
        query.addBindValue(data);
    }
    if (!query.exec()) {
        // A full disk, a file removed under us: say which, once, and stop writing.
        fail(u"cannot write to %1: %2"_s.arg(m_path, query.lastError().text()));
        return;
    }
    ++m_statistics.rows;
    m_statistics.blobBytes += data.size();
    m_statistics.lastTimeNs = timeNs;
}

void RecordingWriterWorker::commit()
{
    if (!m_inTransaction)
        return;
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    m_inTransaction = false;
    if (!database.commit()) {
        fail(u"cannot write to %1: %2"_s.arg(m_path, database.lastError().text()));
        return;
    }
    ++m_statistics.commits;
    m_statistics.fileBytes = QFileInfo(m_path).size() + QFileInfo(m_path + u"-wal"_s).size();
    Q_EMIT progress(m_statistics);
}

void RecordingWriterWorker::finish()
{
    if (!m_open && m_connectionName.isEmpty())
        return;
    if (m_open) {
        commit();
        m_open = false;
    }
    if (m_commitTimer)
        m_commitTimer->stop();
    m_commitTimer.reset();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_connectionName.clear();
    m_previous = {};
}

void RecordingWriterWorker::addSnapshot(const SocketSnapshot &snapshot)
{
    // A snapshot without details was taken before the source heard that a recording wants them
    // (the window's File -> Record): the file starts at the next one rather than record less.
    if (!m_open || snapshot.isNull() || !snapshot.hasDetails())
        return;
    std::optional<QByteArray> blob;
    // Another namespace is another set of sockets: a delta would only be a long list of changes.
    const bool mayDelta = !m_previous.isNull() && m_sinceKeyFrame < m_options.keyFrameInterval &&
        m_previous.netnsInode() == snapshot.netnsInode();
    if (mayDelta)
        blob = encodeSnapshotDelta(snapshot, m_previous);
    const bool keyFrame = !blob;
    if (keyFrame)
        blob = encodeSnapshotKeyFrame(snapshot);
    // The row records the key frame it builds on, and the base's generation and size for checks.
    if (keyFrame) {
        m_keySequence = 0;
        m_sinceKeyFrame = 0;
    }
    m_previous = snapshot;
    const qint64 sequenceBefore = m_sequence;
    insert(RecordKind::Snapshot, snapshot.monotonicNs(), *blob);
    if (m_sequence == sequenceBefore)
        return;
    if (keyFrame) {
        m_keySequence = m_sequence;
        ++m_statistics.keyFrames;
    }
    ++m_sinceKeyFrame;
    ++m_statistics.snapshots;
}

void RecordingWriterWorker::addDestroyed(const DestroyedSockets &destroyed)
{
    insert(RecordKind::Destroyed, destroyed.monotonicNs, encodeDestroyed(destroyed));
}

void RecordingWriterWorker::addStateChanges(const QList<StateChangeEvent> &changes)
{
    if (changes.isEmpty())
        return;
    insert(RecordKind::StateChanges, changes.constLast().timeNs, encodeStateChanges(changes));
}

void RecordingWriterWorker::addConnectionEvents(const ConnectionEvents &events)
{
    if (events.isEmpty())
        return;
    qint64 timeNs = 0;
    for (const ConnectionEvent &event : events)
        timeNs = std::max(timeNs, event.timeNs);
    insert(RecordKind::ConnectionEventBatch, timeNs, encodeConnectionEvents(events));
}

void RecordingWriterWorker::addListenerBatch(const ListenerSampleBatch &batch)
{
    insert(RecordKind::ListenerSamples, batch.monotonicNs, encodeListenerBatch(batch));
}

void RecordingWriterWorker::addCounters(qint64 monotonicNs, const QList<CounterChange> &changes)
{
    insert(RecordKind::Counters, monotonicNs, encodeCounterSample({monotonicNs, changes}));
}

void RecordingWriterWorker::addSysctlChange(const SysctlChange &change, qint64 monotonicNs)
{
    insert(RecordKind::SysctlChange, monotonicNs, encodeSysctlChange({change, monotonicNs}));
}

void RecordingWriterWorker::addSysctlReading(qint64 monotonicNs, const QHash<QString, QString> &values)
{
    insert(RecordKind::SysctlReading, monotonicNs, encodeSysctlReading({monotonicNs, values}));
}

void RecordingWriterWorker::addMarker(const TimelineMarker &marker)
{
    insert(RecordKind::Marker, marker.monotonicNs, encodeMarker(marker));
}

void RecordingWriterWorker::addExactMode(bool active, const QString &status)
{
    insert(RecordKind::ExactMode, MonotonicClock::nowNs(), encodeExactMode({active, status, 0}));
}

void RecordingWriterWorker::addExactEventsLost(qint64 count)
{
    insert(RecordKind::ExactMode, MonotonicClock::nowNs(), encodeExactMode({true, QString(), count}));
}

} // namespace TcpLens
