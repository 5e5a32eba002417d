// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/workerthread.h"
#include "pipeline/sourcedescription.h"
#include "record/recordingstatistics.h"
#include "record/recordingwriterworker.h"

#include <QObject>

#include <expected>
#include <memory>

namespace TcpLens {

class ConnectionSource;
class LiveConnections;

// Records what a pipeline's source reports into one SQLite file (docs/recording-format.md), for
// RecordingSource to replay later: snapshots, destroy notices, exact transitions, listener samples,
// counters, sysctls and markers in the order the source emitted them, and the connection events
// LiveConnections made of them (to check a replay against, and to export). The writing happens in
// a thread of its own (RecordingWriterWorker), committed at least twice a second.
//
//     auto writer = RecordingWriter::create(path, source->description());
//     (*writer)->record(connections); // before or after connections.setSource()
class RecordingWriter : public QObject
{
    Q_OBJECT
public:
    using Options = RecordingWriterWorker::Options;

    // Makes the file with its schema and meta rows, here and now, so that a wrong path is said at once.
    // An existing file is never overwritten.
    static std::expected<std::unique_ptr<RecordingWriter>, QString> create(
        const QString &path, const SourceDescription &description, Options options = {});
    ~RecordingWriter() override;

    const QString &path() const { return m_path; }
    // Records `connections`' current source and every later one, its events and markers.
    void record(LiveConnections &connections);
    // Records one source's signals (record() does this for each source it sees).
    void attach(ConnectionSource *source);
    // The newest figures, as of the last commit.
    const RecordingStatistics &statistics() const { return m_statistics; }
    // Waits until everything handed over so far is written (not yet committed): for benchmarks and
    // tests that hand over faster than the writer writes, never for a view.
    void waitForWrites();
    // Commits what is pending, closes the file and waits for that; later signals are ignored.
    void finish();

    // For callers that have values rather than a source (tests, benchmarks): queued in this order.
    void addSnapshot(const SocketSnapshot &snapshot);
    void addConnectionEvents(const ConnectionEvents &events);
    void addMarker(const TimelineMarker &marker);

Q_SIGNALS:
    void progress(const TcpLens::RecordingStatistics &statistics);
    void failed(const QString &message);

private:
    RecordingWriter(QString path, Options options);

    QString m_path;
    WorkerThread<RecordingWriterWorker> m_worker;
    RecordingStatistics m_statistics;
    bool m_finished = false;
};

} // namespace TcpLens
