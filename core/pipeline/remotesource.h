// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/workerthread.h"
#include "pipeline/connectionsource.h"
#include "remote/agentconnection.h"

#include <optional>

namespace TcpLens {

// Another host's kernel, through `tcplens agent` over ssh (docs/agent-protocol.md): everything the
// agent's LocalKernelSource reports there arrives here as the same signals, so LiveConnections and
// every view treat it like this machine's. The ssh session and the decoding run in a thread of their
// own (AgentConnection). Polls there (capabilities().live); never writes a remote sysctl.
//
// When the session ends (ssh fails, the agent stops, the stream is damaged) failed() says why in one
// sentence and disconnected() follows; what was seen stays in the views. To reconnect, give
// LiveConnections a new RemoteSource with the same options() and SourceChange::SameKernel: the new
// agent's generations start again at 1 (TrackingWorker::restartGenerations()), the connections followed
// so far go on.
class RemoteSource : public ConnectionSource
{
    Q_OBJECT
public:
    using Options = AgentConnection::Options;

    // "[user@]host[:port]" as --remote and the dialog take it; nothing for an empty host or a port
    // that is no number from 1 to 65535. An IPv6 address goes in brackets: "[::1]:2222".
    static std::optional<Options> parseDestination(const QString &text);

    explicit RemoteSource(Options options, QObject *parent = nullptr);
    ~RemoteSource() override;

    const Options &options() const { return m_options; }
    // Where the ssh session is read (never the caller's thread).
    const QThread *sessionThread() const { return m_session.thread(); }
    // The agent's header has arrived for the current session.
    bool isConnected() const { return m_connected; }

    SourceDescription description() const override;
    SourceCapabilities capabilities() const override;
    void start() override;
    void setPollIntervalMs(int intervalMs) override;
    void setPaused(bool paused) override;
    void pollNow() override;
    void setListenerWindowNs(qint64 windowNs) override;
    void setListenerIntervalMs(int intervalMs) override;
    void requestListenerHistory(quint64 cookie) override;

Q_SIGNALS:
    // The agent answered: description() now names its host and kernel.
    void connected();
    // The session ended; failed() came just before with the reason.
    void disconnected();

private:
    Options m_options;
    std::optional<AgentProtocol::Header> m_header;
    bool m_connected = false;
    WorkerThread<AgentConnection> m_session;
};

} // namespace TcpLens
