// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/monotonicclock.h"
#include "remote/agentprotocol.h"
#include "remote/agentstreamdecoder.h"

#include <QObject>
#include <QProcess>
#include <QStringList>

#include <memory>

namespace TcpLens {

class ConnectionSource;

// One ssh session to a host's `tcplens agent` (docs/agent-protocol.md), in RemoteSource's worker
// thread: starts `ssh -o BatchMode=yes [-p PORT] [user@]host tcplens agent ...`, decodes what the agent
// writes as it arrives and re-emits it as the signals of `relay` (a ConnectionSource in another
// thread: Qt queues them), writes commands to its stdin. When the session ends for any reason it
// emits one failed() a person can act on and keeps nothing running.
class AgentConnection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString destination; // "host" or "user@host", as ssh takes it
        int port = 0; // 0: ssh's default (its config's)
        // The ssh program and options before BatchMode's; empty: "ssh". TCPLENS_SSH overrides it
        // (tests: "ssh -F none -i KEY -o StrictHostKeyChecking=no").
        QStringList sshCommand;
        // What ssh runs there, before the agent's options; empty: "tcplens agent".
        // TCPLENS_REMOTE_AGENT overrides it (tests: the build tree's absolute path).
        QStringList agentCommand;
        QString netns; // --netns on the remote host
        int intervalMs = 1000;
        bool exact = false;
    };

    AgentConnection(Options options, ConnectionSource *relay);
    ~AgentConnection() override;

    // The full command line that connectToAgent() runs, program first.
    static QStringList commandLine(const Options &options);

    // Starts the session, once.
    void start();
    void setPollIntervalMs(int intervalMs);
    void setPaused(bool paused);
    void pollNow();
    void setListenerWindowNs(qint64 windowNs);
    void setListenerIntervalMs(int intervalMs);
    void requestListenerHistory(quint64 cookie);

Q_SIGNALS:
    // The agent's header arrived: who and what is on the other side.
    void connected(const TcpLens::AgentProtocol::Header &header);
    // The session ended (failed() said why).
    void disconnected();

private:
    void readStream();
    void readErrors();
    void finished(int exitCode, QProcess::ExitStatus status);
    void processError(QProcess::ProcessError error);
    void endSession(const QString &message);
    void send(const AgentProtocol::Command &command);
    QString hostName() const;
    QString lastErrorLine() const;

    Options m_options;
    ConnectionSource *m_relay;
    std::unique_ptr<QProcess> m_process;
    AgentStreamDecoder m_decoder{&MonotonicClock::nowNs};
    QByteArray m_errors; // the tail of ssh's and the agent's stderr, for the failure's sentence
    bool m_ended = true;
    bool m_announced = false; // connected() was emitted for this session
    // Sent again to every new session: what the views asked for last.
    bool m_paused = false;
    int m_listenerIntervalMs = 0;
    qint64 m_listenerWindowNs = 0;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::AgentProtocol::Header)
