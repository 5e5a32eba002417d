// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QObject>
#include <QString>

#include <expected>
#include <memory>

class QAction;
class QLabel;
class QTimer;
class QWidget;

namespace TcpLens {

class LiveConnections;
class RecordingWriter;

// File -> Record: records what the window's source reports (RecordingWriter, the same file as
// `tcplens record` makes) until the user stops, the window closes, or another source takes over
// (a recording holds one machine's kernel, or one lab). The status bar's indicator shows that it
// runs, for how long and how big the file is.
class RecordController : public QObject
{
    Q_OBJECT
public:
    RecordController(LiveConnections *connections, QWidget *window);
    ~RecordController() override;

    // Checkable: on asks for a file and starts, off stops.
    QAction *action() const { return m_action; }
    // For the status bar; hidden while nothing is recorded.
    QLabel *indicator() const { return m_indicator; }
    bool isRecording() const { return m_writer != nullptr; }
    QString path() const;

    // Starts recording into `path` (which must not exist).
    std::expected<void, QString> start(const QString &path);
    // Writes what is pending and closes the file.
    void stop();
    // A name for a new recording: the host and the time, in the user's documents folder.
    static QString suggestedPath(const QString &host);

Q_SIGNALS:
    // Recording began or ended; `message` says where it went, or why it stopped.
    void recordingChanged(bool recording, const QString &message);

private:
    void chooseFileAndStart();
    void stopBecause(const QString &reason);
    void updateIndicator();

    LiveConnections *m_connections;
    QWidget *m_window;
    QAction *m_action;
    QLabel *m_indicator;
    QTimer *m_clock;
    std::unique_ptr<RecordingWriter> m_writer;
    qint64 m_startedNs = 0;
};

} // namespace TcpLens
