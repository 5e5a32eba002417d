// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "model/timelinemarker.h"
#include "proc/countersampler.h"
#include "record/recordedrow.h"
#include "record/recordingstatistics.h"
#include "sysctl/sysctlchange.h"
#include "tracking/connectionevent.h"
#include "tracking/statechangeevent.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <memory>

namespace TcpLens {

// RecordingWriter's thread: encodes what it is handed (a delta per snapshot, a key frame every
// keyFrameInterval snapshots or when a delta would be large) and inserts it into the recording in
// a transaction committed every commitIntervalMs, so a killed recorder loses at most that much.
// Encoding 120,000 sockets and SQLite's writes never hold up the thread that collects or draws.
class RecordingWriterWorker : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int keyFrameInterval = 60; // snapshots between key frames: a seek decodes at most this many
        int commitIntervalMs = 500; // SIGKILL loses at most this much, plus one commit
    };

    RecordingWriterWorker(QString path, Options options);
    ~RecordingWriterWorker() override;

public Q_SLOTS:
    void start();
    void addSnapshot(const TcpLens::SocketSnapshot &snapshot);
    void addDestroyed(const TcpLens::DestroyedSockets &destroyed);
    void addStateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    void addConnectionEvents(const TcpLens::ConnectionEvents &events);
    void addListenerBatch(const TcpLens::ListenerSampleBatch &batch);
    void addCounters(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void addSysctlChange(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    void addSysctlReading(qint64 monotonicNs, const QHash<QString, QString> &values);
    void addMarker(const TcpLens::TimelineMarker &marker);
    void addExactMode(bool active, const QString &status);
    void addExactEventsLost(qint64 count);
    // Commits what is pending and closes the file; nothing is written after it.
    void finish();

Q_SIGNALS:
    // After each commit.
    void progress(const TcpLens::RecordingStatistics &statistics);
    void failed(const QString &message);

private:
    void insert(RecordKind kind, qint64 timeNs, const QByteArray &data);
    void commit();
    void fail(const QString &message);

    QString m_path;
    Options m_options;
    QString m_connectionName;
    std::unique_ptr<QTimer> m_commitTimer;
    bool m_open = false;
    bool m_inTransaction = false;
    qint64 m_sequence = 0;
    SocketSnapshot m_previous;
    qint64 m_keySequence = 0;
    int m_sinceKeyFrame = 0;
    RecordingStatistics m_statistics;
};

} // namespace TcpLens
