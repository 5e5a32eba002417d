// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "agentconnection.h"

#include "model/monotonicclock.h"
#include "pipeline/connectionsource.h"
#include "remote/remotelogging.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace TcpLens {

using namespace Qt::StringLiterals;
using AgentProtocol::FrameType;

namespace {

// ssh exits with 255 when it failed itself (ssh(1), EXIT STATUS); a shell's 127 is "command not found".
constexpr int SshFailed = 255;
constexpr int CommandNotFound = 127;
constexpr qsizetype KeptErrorBytes = 4096;

template<typename... Handlers>
struct Overloaded : Handlers...
{
    using Handlers::operator()...;
};

// ssh hands the remote command to the remote user's shell as one string: every word is quoted.
QString shellQuoted(const QString &word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QStringList fromEnvironment(const char *name, const QStringList &fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.trimmed().isEmpty() ? fallback : QProcess::splitCommand(value);
}

} // namespace

AgentConnection::AgentConnection(Options options, ConnectionSource *relay)
    : m_options(std::move(options))
    , m_relay(relay)
{
    qRegisterMetaType<TcpLens::AgentProtocol::Header>();
}

AgentConnection::~AgentConnection()
{
    m_ended = true; // no failed() for a session we end ourselves
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QStringList AgentConnection::commandLine(const Options &options)
{
    QStringList command =
        fromEnvironment("TCPLENS_SSH", options.sshCommand.isEmpty() ? QStringList{u"ssh"_s} : options.sshCommand);
    // Never a password prompt: there is no terminal, and a hung session tells nobody why.
    command << u"-o"_s << u"BatchMode=yes"_s;
    if (options.port > 0)
        command << u"-p"_s << QString::number(options.port);
    command << u"--"_s << options.destination;
    QStringList remote = fromEnvironment("TCPLENS_REMOTE_AGENT",
        options.agentCommand.isEmpty() ? QStringList{u"tcplens"_s, u"agent"_s} : options.agentCommand);
    remote << u"--interval"_s << QString::number(options.intervalMs);
    if (!options.netns.isEmpty())
        remote << u"--netns"_s << options.netns;
    if (options.exact)
        remote << u"--exact"_s;
    QStringList quoted;
    for (const QString &word : std::as_const(remote))
        quoted << shellQuoted(word);
    command << quoted.join(u' ');
    return command;
}

QString AgentConnection::hostName() const
{
    const qsizetype at = m_options.destination.lastIndexOf(u'@');
    return at < 0 ? m_options.destination : m_options.destination.mid(at + 1);
}

void AgentConnection::start()
{
    if (m_process)
        return;
    m_ended = false;
    const QStringList command = commandLine(m_options);
    qCDebug(lcRemote) << "starting" << command;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(command.first());
    m_process->setArguments(command.mid(1));
    connect(m_process.get(), &QProcess::readyReadStandardOutput, this, &AgentConnection::readStream);
    connect(m_process.get(), &QProcess::readyReadStandardError, this, &AgentConnection::readErrors);
    connect(m_process.get(), &QProcess::finished, this, &AgentConnection::finished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &AgentConnection::processError);
    m_process->start(QIODevice::ReadWrite);
    if (m_paused)
        send({FrameType::SetPaused, 1});
    if (m_listenerIntervalMs > 0)
        send({FrameType::SetListenerInterval, m_listenerIntervalMs});
    if (m_listenerWindowNs > 0)
        send({FrameType::SetListenerWindow, m_listenerWindowNs});
}

void AgentConnection::send(const AgentProtocol::Command &command)
{
    if (m_process && !m_ended)
        m_process->write(AgentProtocol::encodeCommand(command));
}

void AgentConnection::setPollIntervalMs(int intervalMs)
{
    m_options.intervalMs = intervalMs;
    send({FrameType::SetPollInterval, intervalMs});
}

void AgentConnection::setPaused(bool paused)
{
    m_paused = paused;
    send({FrameType::SetPaused, paused ? 1 : 0});
}

void AgentConnection::pollNow()
{
    send({FrameType::PollNow, 0});
}

void AgentConnection::setListenerWindowNs(qint64 windowNs)
{
    m_listenerWindowNs = windowNs;
    send({FrameType::SetListenerWindow, windowNs});
}

void AgentConnection::setListenerIntervalMs(int intervalMs)
{
    m_listenerIntervalMs = intervalMs;
    send({FrameType::SetListenerInterval, intervalMs});
}

void AgentConnection::requestListenerHistory(quint64 cookie)
{
    send({FrameType::RequestListenerHistory, qint64(cookie)});
}

void AgentConnection::readStream()
{
    if (!m_process || m_ended)
        return;
    m_decoder.append(m_process->readAllStandardOutput());
    for (;;) {
        auto message = m_decoder.next();
        if (!message) {
            endSession(QCoreApplication::translate("RemoteSource", "The stream from %1 is damaged: %2.")
                    .arg(hostName(), message.error()));
            return;
        }
        // next() decodes the header before the first frame: say who is there once, before any data.
        if (m_decoder.header() && !std::exchange(m_announced, true))
            Q_EMIT connected(*m_decoder.header());
        if (!*message)
            return;
        std::visit(Overloaded{
                       [this](const SocketSnapshot &value) { Q_EMIT m_relay->snapshotReady(value); },
                       [this](const DestroyedSockets &value) { Q_EMIT m_relay->socketsDestroyed(value); },
                       [this](const QList<StateChangeEvent> &value) { Q_EMIT m_relay->stateChanges(value); },
                       [this](const ExactModeSample &value) {
                           if (value.lostEvents > 0)
                               Q_EMIT m_relay->exactEventsLost(value.lostEvents);
                           else
                               Q_EMIT m_relay->exactModeChanged(value.active, value.status);
                       },
                       [this](const AgentProtocol::Pacing &value) {
                           Q_EMIT m_relay->pacingChanged(value.effectiveMs, value.backedOff, value.lastDumpNs);
                       },
                       [this](const ListenerSampleBatch &value) { Q_EMIT m_relay->listenersSampled(value); },
                       [this](const AgentProtocol::ListenerHistory &value) {
                           Q_EMIT m_relay->listenerHistoryReady(value.cookie, value.samples);
                       },
                       [this](const CounterSample &value) {
                           Q_EMIT m_relay->countersSampled(value.monotonicNs, value.changes);
                       },
                       [this](const SysctlChangeSample &value) {
                           Q_EMIT m_relay->sysctlChanged(value.change, value.monotonicNs);
                       },
                       [this](const SysctlReadingSample &value) {
                           Q_EMIT m_relay->sysctlsRead(value.monotonicNs, value.values);
                       },
                       [this](const TimelineMarker &value) { Q_EMIT m_relay->markerAdded(value); },
                       [this](const AgentFailure &value) {
                           Q_EMIT m_relay->failed(
                               QCoreApplication::translate("RemoteSource", "On %1: %2").arg(hostName(), value.message));
                       },
                   },
            **message);
    }
}

void AgentConnection::readErrors()
{
    if (!m_process)
        return;
    m_errors.append(m_process->readAllStandardError());
    if (m_errors.size() > KeptErrorBytes)
        m_errors = m_errors.right(KeptErrorBytes);
}

QString AgentConnection::lastErrorLine() const
{
    const QList<QByteArray> lines = m_errors.trimmed().split('\n');
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        const QString text = QString::fromLocal8Bit(*line).trimmed();
        if (!text.isEmpty())
            return text;
    }
    return {};
}

void AgentConnection::finished(int exitCode, QProcess::ExitStatus status)
{
    if (m_ended)
        return;
    // The last frames (a failure the agent reported before it ended) count too.
    readStream();
    if (m_ended)
        return;
    readErrors();
    const QString host = hostName();
    const QString errorLine = lastErrorLine();
    const QString tryThis = QCoreApplication::translate("RemoteSource", "check that you can run `ssh %1 tcplens agent`")
                                .arg(m_options.destination);
    QString message;
    if (!m_decoder.header() && status == QProcess::NormalExit && exitCode == SshFailed) {
        message =
            QCoreApplication::translate("RemoteSource", "ssh to %1 failed: %2 — %3")
                .arg(host,
                    errorLine.isEmpty() ? QCoreApplication::translate("RemoteSource", "no reason given") : errorLine,
                    tryThis);
    } else if (!m_decoder.header() && status == QProcess::NormalExit && exitCode == CommandNotFound) {
        message = QCoreApplication::translate(
            "RemoteSource", "%1 has no tcplens where ssh looks (%2) — install TCP Lens there, or %3")
                      .arg(host, errorLine, tryThis);
    } else if (!m_decoder.header()) {
        message =
            QCoreApplication::translate("RemoteSource", "The agent on %1 ended before it said anything (%2) — %3")
                .arg(host,
                    errorLine.isEmpty() ? QCoreApplication::translate("RemoteSource", "exit status %1").arg(exitCode)
                                        : errorLine,
                    tryThis);
    } else {
        message =
            QCoreApplication::translate("RemoteSource", "The connection to %1 ended (%2); what was seen is kept.")
                .arg(host,
                    errorLine.isEmpty() ? QCoreApplication::translate("RemoteSource", "exit status %1").arg(exitCode)
                                        : errorLine);
    }
    endSession(message);
}

void AgentConnection::processError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_ended)
        return;
    endSession(QCoreApplication::translate("RemoteSource", "Cannot start %1: %2 (is the OpenSSH client installed?)")
            .arg(m_process->program(), m_process->errorString()));
}

void AgentConnection::endSession(const QString &message)
{
    if (std::exchange(m_ended, true))
        return;
    qCInfo(lcRemote) << "session ended:" << message;
    if (m_process) {
        m_process->disconnect(this);
        // Deleted once it has ended: this may run inside one of its signals, and a QProcess
        // destroyed while its child runs leaves a zombie and a warning.
        QProcess *process = m_process.release();
        process->setParent(this);
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
        if (process->state() == QProcess::NotRunning)
            process->deleteLater();
        else
            process->kill();
    }
    Q_EMIT m_relay->failed(message);
    Q_EMIT disconnected();
}

} // namespace TcpLens
