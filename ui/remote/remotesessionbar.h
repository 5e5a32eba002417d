// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/remotesource.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace TcpLens {

class LiveConnections;

// The status bar's part for a remote host: gives LiveConnections a RemoteSource, and when its ssh
// session ends shows why with a "Reconnect" button, which starts a new session of the same host
// (SourceChange::SameKernel: the connections seen so far stay). Hidden while all is well.
class RemoteSessionBar : public QWidget
{
    Q_OBJECT
public:
    RemoteSessionBar(LiveConnections *connections, QWidget *parent = nullptr);

    // Watches the host `options` name instead of whatever was watched (SourceChange::Fresh).
    void connectTo(const RemoteSource::Options &options);
    // A new session of the host watched last.
    void reconnect();
    // A new session with exact mode on or off (the preferences changed).
    void restart(bool exact);
    QPushButton *reconnectButton() const { return m_reconnect; }

Q_SIGNALS:
    // The agent answered: the description names its host and kernel now.
    void connected();

private:
    void attach(std::unique_ptr<RemoteSource> source, bool sameKernel);
    void sessionEnded(const QString &message);

    LiveConnections *m_connections;
    std::optional<RemoteSource::Options> m_options;
    QLabel *m_message = nullptr;
    QPushButton *m_reconnect = nullptr;
    QString m_lastFailure;
};

} // namespace TcpLens
