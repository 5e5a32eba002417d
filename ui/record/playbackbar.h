// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "record/recordinginfo.h"

#include <QToolBar>

#include <expected>

class QComboBox;
class QLabel;
class QSlider;
class QTimer;

namespace TcpLens {

class LiveConnections;
class RecordingSource;

// The controls of a recording played in the window: play and pause, a time slider to scrub, the
// speed (1/20x to 20x), a step to the next transition and a jump to the next marker. It opens the
// recording as the source of the window's LiveConnections, so every view shows it as it shows a
// live kernel, and hides itself when another source takes over.
//
// Scrubbing starts a fresh source at the chosen time (LiveConnections::SourceChange::Fresh): the
// tracker cannot take time going back, and a jump forward would show the sockets that closed in
// between as closing for one more snapshot, which a paused replay would keep on screen. The views
// show that moment's sockets and nothing else; stepping and playing go on from there.
class PlaybackBar : public QToolBar
{
    Q_OBJECT
public:
    explicit PlaybackBar(LiveConnections *connections, QWidget *parent = nullptr);
    ~PlaybackBar() override;

    // Plays the recording at `path` from its start; the error says what is wrong with the file.
    std::expected<void, QString> open(const QString &path);
    // The recording shown, while its source is the window's.
    bool isActive() const;
    const RecordingInfo &info() const { return m_info; }
    // The recorded CLOCK_MONOTONIC time shown now.
    qint64 position() const { return m_positionNs; }
    bool isPaused() const { return m_paused; }
    double speed() const;

    // Shows the recording as it was at `timeNs` (clamped to the recording), then goes on as it was
    // going (playing or paused).
    void seek(qint64 timeNs);
    void setPaused(bool paused);
    void togglePaused();
    // The index into speeds(): 1/20x to 20x.
    void setSpeedIndex(int index);
    static const QList<double> &speeds();
    void stepToNextTransition();
    void jumpToNextMarker();

Q_SIGNALS:
    void positionChanged(qint64 timeNs);
    // "Back to Live": the user wants this machine's kernel again.
    void leaveRequested();
    // The file could not be read again (for a seek back or a replay): one sentence.
    void failed(const QString &message);

private:
    RecordingSource *source() const;
    // A fresh source for the same file, starting at `startNs` (0: the beginning).
    std::expected<void, QString> startSource(qint64 startNs);
    void showPosition(qint64 timeNs, bool paused);
    void sliderMoved(int valueMs);
    void seekToSlider();
    void updatePlayAction();
    QString timeText(qint64 timeNs) const;

    LiveConnections *m_connections;
    RecordingInfo m_info;
    RecordingSource *m_source = nullptr; // owned by m_connections while it is its source
    qint64 m_positionNs = 0;
    bool m_paused = false;
    bool m_finished = false;
    QAction *m_playAction;
    QAction *m_stepAction;
    QAction *m_markerAction;
    QAction *m_leaveAction;
    QSlider *m_slider;
    QLabel *m_timeLabel;
    QComboBox *m_speed;
    // Keyboard and clicks on the slider's groove move it by steps: one seek once they stop.
    QTimer *m_seekDelay;
};

} // namespace TcpLens
