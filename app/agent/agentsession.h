// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/localkernelsource.h"
#include "remote/agentstreamencoder.h"
#include "remote/framereader.h"

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace TcpLens {

// `tcplens agent`: this machine's LocalKernelSource as the agent stream (docs/agent-protocol.md) on
// one file descriptor (stdout, ssh's channel), commands read from another (stdin). Ends the event loop
// when stdin reaches its end (the ssh session is gone) or stdout cannot be written any more.
class AgentSession : public QObject
{
    Q_OBJECT
public:
    AgentSession(LocalKernelSource::Options options, int inputFd, int outputFd, QObject *parent = nullptr);
    ~AgentSession() override;

    // Writes the header and starts the source.
    void start();

Q_SIGNALS:
    // The peer is gone (stdin ended, stdout broken) or sent what no TCP Lens sends: the session is over.
    void finished(const QString &reason);

private:
    void send(const AgentMessage &message);
    void write(const QByteArray &bytes);
    void readCommands();
    void apply(const AgentProtocol::Command &command);

    LocalKernelSource::Options m_options;
    std::unique_ptr<LocalKernelSource> m_source;
    AgentStreamEncoder m_encoder;
    FrameReader m_commands;
    int m_inputFd;
    int m_outputFd;
    std::unique_ptr<QSocketNotifier> m_input;
    bool m_broken = false;
};

} // namespace TcpLens
