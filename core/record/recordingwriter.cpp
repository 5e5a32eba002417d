// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingwriter.h"

#include "model/monotonicclock.h"
#include "pipeline/connectionsource.h"
#include "pipeline/liveconnections.h"
#include "record/recordingschema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace TcpLens {

using namespace Qt::StringLiterals;

RecordingWriter::RecordingWriter(QString path, Options options)
    : m_path(std::move(path))
    , m_worker(u"tcplens-recorder"_s, m_path, options)
{
    qRegisterMetaType<TcpLens::RecordingStatistics>();
    RecordingWriterWorker *worker = m_worker.worker();
    connect(worker, &RecordingWriterWorker::progress, this, [this](const RecordingStatistics &statistics) {
        m_statistics = statistics;
        Q_EMIT progress(statistics);
    });
    connect(worker, &RecordingWriterWorker::failed, this, &RecordingWriter::failed);
    m_worker.start();
}

RecordingWriter::~RecordingWriter()
{
    finish();
}

std::expected<std::unique_ptr<RecordingWriter>, QString> RecordingWriter::create(
    const QString &path, const SourceDescription &description, Options options)
{
    const QFileInfo file(path);
    if (file.exists())
        return std::unexpected(u"%1 exists already: choose another name, or remove it first"_s.arg(path));
    if (!QFileInfo(file.absolutePath()).isDir())
        return std::unexpected(u"cannot record to %1: the folder %2 does not exist"_s.arg(path, file.absolutePath()));
    static std::atomic<quint64> next{0};
    const QString connectionName = u"tcplens-recording-create-%1"_s.arg(++next);
    std::expected<void, QString> created;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        database.setDatabaseName(path);
        if (!database.open()) {
            created = std::unexpected(database.lastError().text());
        } else {
            created = RecordingSchema::configureForWriting(database);
            if (created) {
                created = RecordingSchema::create(database, description, MonotonicClock::wallOffsetNs(),
                    QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion());
            }
            database.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    if (!created) {
        QFile::remove(path);
        return std::unexpected(u"cannot record to %1: %2"_s.arg(path, created.error()));
    }
    return std::unique_ptr<RecordingWriter>(new RecordingWriter(path, options));
}

void RecordingWriter::record(LiveConnections &connections)
{
    RecordingWriterWorker *worker = m_worker.worker();
    connect(
        &connections, &LiveConnections::sourceAttached, this, [this, &connections] { attach(connections.source()); });
    connect(&connections, &LiveConnections::eventsReady, worker, &RecordingWriterWorker::addConnectionEvents);
    // The pipeline's markers are the source's and those added from outside (a sysctl written).
    connect(&connections, &LiveConnections::markerAdded, worker, &RecordingWriterWorker::addMarker);
    if (connections.source())
        attach(connections.source());
}

void RecordingWriter::attach(ConnectionSource *source)
{
    if (!source)
        return;
    // Queued to the writer's thread in the order the source emits, the order LiveConnections sees.
    RecordingWriterWorker *worker = m_worker.worker();
    connect(source, &ConnectionSource::snapshotReady, worker, &RecordingWriterWorker::addSnapshot);
    connect(source, &ConnectionSource::socketsDestroyed, worker, &RecordingWriterWorker::addDestroyed);
    connect(source, &ConnectionSource::stateChanges, worker, &RecordingWriterWorker::addStateChanges);
    connect(source, &ConnectionSource::listenersSampled, worker, &RecordingWriterWorker::addListenerBatch);
    connect(source, &ConnectionSource::countersSampled, worker, &RecordingWriterWorker::addCounters);
    connect(source, &ConnectionSource::sysctlChanged, worker, &RecordingWriterWorker::addSysctlChange);
    connect(source, &ConnectionSource::sysctlsRead, worker, &RecordingWriterWorker::addSysctlReading);
    connect(source, &ConnectionSource::exactModeChanged, worker, &RecordingWriterWorker::addExactMode);
    connect(source, &ConnectionSource::exactEventsLost, worker, &RecordingWriterWorker::addExactEventsLost);
}

void RecordingWriter::addSnapshot(const SocketSnapshot &snapshot)
{
    m_worker.post(&RecordingWriterWorker::addSnapshot, snapshot);
}

void RecordingWriter::addConnectionEvents(const ConnectionEvents &events)
{
    m_worker.post(&RecordingWriterWorker::addConnectionEvents, events);
}

void RecordingWriter::addMarker(const TimelineMarker &marker)
{
    m_worker.post(&RecordingWriterWorker::addMarker, marker);
}

void RecordingWriter::waitForWrites()
{
    QMetaObject::invokeMethod(m_worker.worker(), [] { }, Qt::BlockingQueuedConnection);
}

void RecordingWriter::finish()
{
    if (std::exchange(m_finished, true))
        return;
    RecordingWriterWorker *worker = m_worker.worker();
    // Everything queued before this runs first: the worker's queue keeps its order.
    QMetaObject::invokeMethod(worker, [worker] { worker->finish(); }, Qt::BlockingQueuedConnection);
    // The last commit's figures arrived queued to this thread; take them now.
    QCoreApplication::sendPostedEvents(this);
}

} // namespace TcpLens
