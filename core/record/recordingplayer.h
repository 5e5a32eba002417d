// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "model/timelinemarker.h"
#include "proc/countersampler.h"
#include "record/recordedrow.h"
#include "record/recordinginfo.h"
#include "sysctl/sysctlchange.h"
#include "tracking/statechangeevent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace TcpLens {

class RecordingReader;

// RecordingSource's thread: reads a recording's rows in order, decodes them and emits them as the
// source that recorded them did, paced by their recorded times (times the speed), so that the same
// pipeline gets the same inputs in the same order. Decoding a key frame of 120,000 sockets takes
// tens of milliseconds: never in the thread of the views.
class RecordingPlayer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        double speed = 1.0; // 1/20 .. 20 times the recorded pace
        bool startPaused = false;
        qint64 startNs = 0; // 0: from the start; else as seek(startNs) before playing
    };
    static constexpr double MinimumSpeed = 1.0 / 20;
    static constexpr double MaximumSpeed = 20;

    RecordingPlayer(QString path, Options options);
    ~RecordingPlayer() override;

public Q_SLOTS:
    void start();
    void setPaused(bool paused);
    void setSpeed(double speed);
    // Emits the whole snapshot in force at `timeNs`, then goes on from there.
    void seek(qint64 timeNs);
    // Emits rows until one that moves a socket or a connection (exact transitions, destroy notices,
    // a snapshot whose sockets or states differ from the one before), then pauses.
    void stepToNextTransition();
    // Seeks to the next marker after the current position and emits it.
    void jumpToNextMarker();
    void setListenerWindowNs(qint64 windowNs) { m_listenerWindowNs = windowNs; }
    void requestListenerHistory(quint64 cookie);

Q_SIGNALS:
    void opened(const TcpLens::RecordingInfo &info);
    void snapshotReady(const TcpLens::SocketSnapshot &snapshot);
    void socketsDestroyed(const TcpLens::DestroyedSockets &destroyed);
    void stateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    void exactModeChanged(bool active, const QString &status);
    void exactEventsLost(qint64 count);
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    void listenerHistoryReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    void sysctlsRead(qint64 monotonicNs, const QHash<QString, QString> &values);
    void markerAdded(const TcpLens::TimelineMarker &marker);
    // The recorded time now shown, at every row emitted and every pause.
    void positionChanged(qint64 timeNs, bool paused);
    // The last row was emitted.
    void finished();
    void failed(const QString &message);

private:
    enum class Emitted : quint8 { Nothing, Row, Transition };

    void play();
    qint64 position() const;
    void anchor(qint64 positionNs);
    const RecordedRow *peek();
    Emitted emitRow(const RecordedRow &row);
    void emitSnapshot(SocketSnapshot::Data &&data, bool transitionCheck, Emitted *emitted);
    void fail(const QString &message);

    QString m_path;
    Options m_options;
    std::unique_ptr<RecordingReader> m_reader;
    QTimer m_timer;
    QList<RecordedRow> m_page;
    qsizetype m_pageIndex = 0;
    qint64 m_nextSequence = 0; // the first row not yet read into m_page
    SocketSnapshot m_current; // the last snapshot decoded, as recorded: the base of the next delta
    quint64 m_lastGeneration = 0; // the last generation emitted
    bool m_paused = false;
    bool m_stepping = false;
    bool m_finished = false;
    bool m_failed = false;
    qint64 m_anchorPositionNs = 0;
    QElapsedTimer m_anchorClock;
    qint64 m_listenerWindowNs = 60'000'000'000;
    QHash<quint64, QList<ListenerSample>> m_listenerHistory;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::RecordingInfo)
