// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/workerthread.h"
#include "pipeline/connectionsource.h"
#include "record/recordinginfo.h"
#include "record/recordingplayer.h"

#include <expected>
#include <memory>

namespace TcpLens {

// A recording (tcplens record, RecordingWriter) played back through the same pipeline as a live
// source: the snapshots, destroy notices, exact transitions, listener samples, counters, sysctls and
// markers it holds, in the order they were recorded and at their recorded pace (times the speed).
// The tracker is deterministic, so LiveConnections makes the same connection events of them as it
// did live. No privilege and no kernel needed; nothing here polls (capabilities().live is false).
//
// The GUI drives it with setPaused(), setSpeed(), seek(), stepToNextTransition(), jumpToNextMarker()
// and shows positionChanged(). A seek backwards makes the tracker see time go back: for a clean
// state, give LiveConnections a new RecordingSource with Options::startNs (SourceChange::Fresh).
class RecordingSource : public ConnectionSource
{
    Q_OBJECT
public:
    using Options = RecordingPlayer::Options;

    // Checks the file here (RecordingReader::open(): every problem in one sentence) and reads its
    // description; the rows are read in the player's thread once started.
    static std::expected<std::unique_ptr<RecordingSource>, QString> open(
        const QString &path, Options options = {}, QObject *parent = nullptr);
    ~RecordingSource() override;

    const RecordingInfo &info() const { return m_info; }
    // Where the player's thread is (never the caller's).
    const QThread *playerThread() const { return m_player.thread(); }

    SourceDescription description() const override;
    SourceCapabilities capabilities() const override;
    void start() override;
    void setPollIntervalMs(int) override { }
    void setPaused(bool paused) override;
    void pollNow() override { }
    void setListenerWindowNs(qint64 windowNs) override;
    void setListenerIntervalMs(int) override { }
    void requestListenerHistory(quint64 cookie) override;
    // The position played (positionChanged()).
    qint64 nowNs() const override { return m_positionNs; }

    // 1/20 to 20 times the recorded pace.
    void setSpeed(double speed);
    // CLOCK_MONOTONIC time of the recording (info().firstNs .. info().lastNs).
    void seek(qint64 timeNs);
    void stepToNextTransition();
    void jumpToNextMarker();

Q_SIGNALS:
    void positionChanged(qint64 timeNs, bool paused);
    // Every row has been played.
    void finished();

private:
    RecordingSource(const QString &path, const RecordingInfo &info, Options options, QObject *parent);

    RecordingInfo m_info;
    qint64 m_positionNs = 0;
    WorkerThread<RecordingPlayer> m_player;
};

} // namespace TcpLens
