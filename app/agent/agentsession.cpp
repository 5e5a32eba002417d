// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "agentsession.h"

#include "model/monotonicclock.h"

#include <QSocketNotifier>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace TcpLens {

using namespace Qt::StringLiterals;
using AgentProtocol::FrameType;

namespace {

// A command is a type byte and at most a number: anything longer is no TCP Lens speaking.
constexpr quint32 MaximumCommandBytes = 64;

} // namespace

AgentSession::AgentSession(LocalKernelSource::Options options, int inputFd, int outputFd, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_commands(MaximumCommandBytes)
    , m_inputFd(inputFd)
    , m_outputFd(outputFd)
{
}

AgentSession::~AgentSession() = default;

void AgentSession::start()
{
    m_source = std::make_unique<LocalKernelSource>(m_options);
    AgentProtocol::Header header;
    header.host = QSysInfo::machineHostName();
    header.kernel = QSysInfo::kernelVersion();
    header.netns = m_options.collector.netns;
    header.capabilities = m_source->capabilities();
    header.intervalMs = m_options.collector.intervalMs;
    header.monotonicNs = MonotonicClock::nowNs();
    write(m_encoder.header(header));

    // Queued from the source's threads into this one, in the order each thread reported them.
    LocalKernelSource *source = m_source.get();
    connect(source, &ConnectionSource::snapshotReady, this, [this](const SocketSnapshot &value) { send(value); });
    connect(source, &ConnectionSource::socketsDestroyed, this, [this](const DestroyedSockets &value) { send(value); });
    connect(
        source, &ConnectionSource::stateChanges, this, [this](const QList<StateChangeEvent> &value) { send(value); });
    connect(source, &ConnectionSource::exactModeChanged, this, [this](bool active, const QString &status) {
        send(ExactModeSample{.active = active, .status = status, .lostEvents = 0});
    });
    connect(source, &ConnectionSource::exactEventsLost, this,
        [this](qint64 count) { send(ExactModeSample{.active = true, .status = QString(), .lostEvents = count}); });
    connect(source, &ConnectionSource::pacingChanged, this, [this](int effectiveMs, bool backedOff, qint64 lastDumpNs) {
        send(AgentProtocol::Pacing{.effectiveMs = effectiveMs, .backedOff = backedOff, .lastDumpNs = lastDumpNs});
    });
    connect(
        source, &ConnectionSource::listenersSampled, this, [this](const ListenerSampleBatch &value) { send(value); });
    connect(source, &ConnectionSource::listenerHistoryReady, this,
        [this](quint64 cookie, const QList<ListenerSample> &samples) {
            send(AgentProtocol::ListenerHistory{.cookie = cookie, .samples = samples});
        });
    connect(source, &ConnectionSource::countersSampled, this,
        [this](qint64 monotonicNs, const QList<CounterChange> &changes) {
            send(CounterSample{.monotonicNs = monotonicNs, .changes = changes});
        });
    connect(source, &ConnectionSource::sysctlChanged, this, [this](const SysctlChange &change, qint64 monotonicNs) {
        send(SysctlChangeSample{.change = change, .monotonicNs = monotonicNs});
    });
    connect(source, &ConnectionSource::sysctlsRead, this,
        [this](qint64 monotonicNs, const QHash<QString, QString> &values) {
            send(SysctlReadingSample{.monotonicNs = monotonicNs, .values = values});
        });
    connect(source, &ConnectionSource::markerAdded, this, [this](const TimelineMarker &value) { send(value); });
    connect(source, &ConnectionSource::failed, this, [this](const QString &message) { send(AgentFailure{message}); });

    m_input = std::make_unique<QSocketNotifier>(m_inputFd, QSocketNotifier::Read);
    connect(m_input.get(), &QSocketNotifier::activated, this, &AgentSession::readCommands);
    m_source->start();
}

void AgentSession::send(const AgentMessage &message)
{
    if (!m_broken)
        write(m_encoder.message(message));
}

void AgentSession::write(const QByteArray &bytes)
{
    // Blocking: a slow ssh channel slows the agent down instead of piling frames up in memory.
    qsizetype written = 0;
    while (!m_broken && written < bytes.size()) {
        const ssize_t n = ::write(m_outputFd, bytes.constData() + written, std::size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_broken = true;
            Q_EMIT finished(u"cannot write the stream: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
            return;
        }
        written += n;
    }
}

void AgentSession::readCommands()
{
    char buffer[4096];
    const ssize_t n = ::read(m_inputFd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        // The ssh session closed our stdin: nobody reads what we write any more.
        m_input->setEnabled(false);
        Q_EMIT finished(n == 0 ? u"stdin closed"_s : QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_commands.append(QByteArrayView(buffer, n));
    for (;;) {
        auto frame = m_commands.next();
        if (!frame) {
            m_input->setEnabled(false);
            Q_EMIT finished(frame.error());
            return;
        }
        if (!*frame)
            return;
        auto command = AgentProtocol::decodeCommand(FrameType((*frame)->type), (*frame)->blob);
        // A command of a newer TCP Lens, or a bad value: ignored, as the protocol says.
        if (command)
            apply(*command);
    }
}

void AgentSession::apply(const AgentProtocol::Command &command)
{
    switch (command.type) {
    case FrameType::SetPollInterval:
        m_source->setPollIntervalMs(int(command.value));
        break;
    case FrameType::SetPaused:
        m_source->setPaused(command.value != 0);
        break;
    case FrameType::PollNow:
        m_source->pollNow();
        break;
    case FrameType::SetListenerInterval:
        m_source->setListenerIntervalMs(int(command.value));
        break;
    case FrameType::SetListenerWindow:
        m_source->setListenerWindowNs(command.value);
        break;
    case FrameType::RequestListenerHistory:
        m_source->requestListenerHistory(quint64(command.value));
        break;
    default:
        break;
    }
}

} // namespace TcpLens
