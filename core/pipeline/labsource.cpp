// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labsource.h"

#include "model/monotonicclock.h"
#include "pipeline/helperprogram.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr auto HelperName = "tcplens-lab";
// The descriptor the helper's broker listens on (docs/lab.md).
constexpr int BrokerFd = 3;
} // namespace

LabSource::LabSource(Options options, QObject *parent)
    : ConnectionSource(parent)
    , m_options(std::move(options))
{
    m_helper.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_helper, &QProcess::readyReadStandardOutput, this, &LabSource::readEvents);
    connect(&m_helper, &QProcess::readyReadStandardError, this, [this] {
        m_stderrTail += QString::fromLocal8Bit(m_helper.readAllStandardError());
        m_stderrTail = m_stderrTail.right(2000);
    });
    connect(&m_helper, &QProcess::finished, this, &LabSource::helperEnded);
    connect(&m_helper, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(tr("Cannot start the lab's helper %1: %2").arg(m_helper.program(), m_helper.errorString()));
    });
}

LabSource::~LabSource()
{
    // The watchers first: their threads ask the helper for sockets until they stop.
    m_inner.reset();
    m_broker.reset();
    m_quitting = true;
    if (m_helper.state() != QProcess::NotRunning) {
        m_helper.write(R"({"cmd":"quit"})"
                       "\n");
        m_helper.closeWriteChannel();
        // Reset closes the lab's sockets and puts its sysctls back; the namespace dies with the helper.
        if (!m_helper.waitForFinished(3000)) {
            m_helper.kill();
            m_helper.waitForFinished(1000);
        }
    }
}

QString LabSource::findHelper()
{
    return findHelperProgram(QLatin1StringView(HelperName), QFile::decodeName(TCPLENS_LAB_HELPER_INSTALLED));
}

void LabSource::passBrokerSocket(QProcess &helper, int childEnd)
{
    helper.setChildProcessModifier([childEnd] {
        // dup2() leaves the copy without FD_CLOEXEC; if it already is fd 3, clear the flag instead.
        if (childEnd == BrokerFd)
            ::fcntl(BrokerFd, F_SETFD, 0);
        else
            ::dup2(childEnd, BrokerFd);
    });
}

SourceDescription LabSource::description() const
{
    SourceDescription description;
    description.kind = SourceDescription::Kind::Lab;
    description.host = QSysInfo::machineHostName();
    description.netns = m_netns;
    description.kernel = QSysInfo::kernelVersion();
    const QString title = m_scenario.value("title"_L1).toString();
    description.title = title.isEmpty() ? m_options.scenarioTitle : title;
    if (description.title.isEmpty())
        description.title = m_options.scenario;
    return description;
}

SourceCapabilities LabSource::capabilities() const
{
    SourceCapabilities capabilities;
    capabilities.live = true;
    capabilities.owners = true;
    // The helper writes the lab's sysctls: it is root of the namespace's own user namespace.
    capabilities.sysctlWrites = true;
    // The tracepoint needs CAP_PERFMON, which the user namespace does not give: perf_event_open()
    // checks the capability in the initial user namespace (perfmon_capable()).
    capabilities.exactTransitions = ::geteuid() == 0;
    return capabilities;
}

void LabSource::start()
{
    const QString program = m_options.helperProgram.isEmpty() ? findHelper() : m_options.helperProgram;
    if (program.isEmpty()) {
        Q_EMIT failed(tr("The lab needs %1, which is neither beside TCP Lens nor installed in %2.")
                .arg(QLatin1StringView(HelperName), QFileInfo(QFile::decodeName(TCPLENS_LAB_HELPER_INSTALLED)).path()));
        return;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
        Q_EMIT failed(tr("Cannot make the lab's descriptor channel: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    UniqueFd ours(pair[0]);
    UniqueFd theirs(pair[1]);
    passBrokerSocket(m_helper, theirs.get());
    m_helper.setProgram(program);
    m_helper.setArguments({u"serve"_s});
    m_helper.start(QIODevice::ReadWrite);
    if (!m_helper.waitForStarted(5000))
        return; // errorOccurred() said why
    theirs.reset();
    // Kept until the helper says which way the namespace is reached.
    m_brokerSocket = std::move(ours);
}

void LabSource::becomeReady(const QJsonObject &ready)
{
    const qint64 pid = ready.value("pid"_L1).toInteger();
    m_userNamespace = ready.value("userNamespace"_L1).toBool();
    m_netns = u"/proc/%1/ns/net"_s.arg(pid);
    LocalKernelSource::Options watch = m_options.watch;
    watch.collector.netns = m_netns;
    if (m_userNamespace) {
        m_broker = std::make_shared<DescriptorBroker>(std::move(m_brokerSocket), pid);
        watch.collector.broker = m_broker;
    }
    m_brokerSocket.reset();
    m_inner = std::make_unique<LocalKernelSource>(watch);
    LocalKernelSource *inner = m_inner.get();
    connect(inner, &ConnectionSource::snapshotReady, this, &ConnectionSource::snapshotReady);
    connect(inner, &ConnectionSource::socketsDestroyed, this, &ConnectionSource::socketsDestroyed);
    connect(inner, &ConnectionSource::stateChanges, this, &ConnectionSource::stateChanges);
    connect(inner, &ConnectionSource::exactEventsLost, this, &ConnectionSource::exactEventsLost);
    connect(inner, &ConnectionSource::pacingChanged, this, &ConnectionSource::pacingChanged);
    connect(inner, &ConnectionSource::listenersSampled, this, &ConnectionSource::listenersSampled);
    connect(inner, &ConnectionSource::listenerHistoryReady, this, &ConnectionSource::listenerHistoryReady);
    connect(inner, &ConnectionSource::countersSampled, this, &ConnectionSource::countersSampled);
    connect(inner, &ConnectionSource::sysctlChanged, this, &ConnectionSource::sysctlChanged);
    connect(inner, &ConnectionSource::sysctlsRead, this, &ConnectionSource::sysctlsRead);
    connect(inner, &ConnectionSource::failed, this, &ConnectionSource::failed);
    connect(inner, &ConnectionSource::exactModeChanged, this, [this](bool active, const QString &status) {
        Q_EMIT exactModeChanged(active,
            active || !m_userNamespace
                ? status
                : tr("Exact mode is unavailable in a lab run as an ordinary user: the tracepoint needs "
                     "CAP_PERFMON. Polling instead."));
    });
    inner->start();
    if (m_paused)
        inner->setPaused(true);
    const bool isFile = m_options.scenario.endsWith(".json"_L1) || m_options.scenario.contains(u'/');
    send({{u"cmd"_s, u"load"_s}, {isFile ? u"path"_s : u"name"_s, m_options.scenario}});
}

void LabSource::setPollIntervalMs(int intervalMs)
{
    m_options.watch.collector.intervalMs = intervalMs;
    if (m_inner)
        m_inner->setPollIntervalMs(intervalMs);
}

void LabSource::setPaused(bool paused)
{
    m_paused = paused;
    if (m_inner)
        m_inner->setPaused(paused);
}

void LabSource::pollNow()
{
    if (m_inner)
        m_inner->pollNow();
}

void LabSource::setListenerWindowNs(qint64 windowNs)
{
    m_options.watch.listenerWindowNs = windowNs;
    if (m_inner)
        m_inner->setListenerWindowNs(windowNs);
}

void LabSource::setListenerIntervalMs(int intervalMs)
{
    m_options.watch.listenerIntervalMs = intervalMs;
    if (m_inner)
        m_inner->setListenerIntervalMs(intervalMs);
}

void LabSource::setSocketDetailsWanted(bool wanted)
{
    m_options.watch.collector.snapshot.keepDetails = wanted;
    if (m_inner)
        m_inner->setSocketDetailsWanted(wanted);
}

void LabSource::requestListenerHistory(quint64 cookie)
{
    if (m_inner)
        m_inner->requestListenerHistory(cookie);
}

void LabSource::play()
{
    send({{u"cmd"_s, u"play"_s}});
}

void LabSource::pause()
{
    send({{u"cmd"_s, u"pause"_s}});
}

void LabSource::step()
{
    send({{u"cmd"_s, u"step"_s}});
}

void LabSource::reset()
{
    send({{u"cmd"_s, u"reset"_s}});
}

void LabSource::writeSysctl(const QString &key, const QString &value)
{
    send({{u"cmd"_s, u"sysctl"_s}, {u"key"_s, key}, {u"value"_s, value}});
}

void LabSource::send(const QJsonObject &command)
{
    if (m_helper.state() != QProcess::Running)
        return;
    m_helper.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
}

void LabSource::readEvents()
{
    m_pending += m_helper.readAllStandardOutput();
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(end);
        m_pending.remove(0, end + 1);
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject()) {
            Q_EMIT failed(
                tr("The lab's helper sent something that is not an event: %1").arg(QString::fromUtf8(line.left(120))));
            continue;
        }
        handle(document.object());
    }
}

void LabSource::handle(const QJsonObject &event)
{
    const QString kind = event.value("event"_L1).toString();
    if (kind == "ready"_L1) {
        becomeReady(event);
    } else if (kind == "loaded"_L1) {
        m_scenario = event.value("scenario"_L1).toObject();
        Q_EMIT scenarioLoaded(m_scenario);
        if (std::exchange(m_options.playWhenLoaded, false))
            play();
    } else if (kind == "step"_L1) {
        const int index = event.value("index"_L1).toInt();
        const QString title = event.value("title"_L1).toString();
        const QString narration = event.value("narration"_L1).toString();
        Q_EMIT stepStarted(index, title, narration);
        TimelineMarker marker;
        const qint64 at = event.value("monotonicNs"_L1).toInteger();
        marker.monotonicNs = at > 0 ? at : MonotonicClock::nowNs();
        marker.label = tr("Step %1: %2").arg(index + 1).arg(title);
        marker.detail = narration;
        marker.kind = TimelineMarker::Kind::LabStep;
        Q_EMIT markerAdded(marker);
    } else if (kind == "expectation"_L1) {
        Q_EMIT expectationReported(event);
    } else if (kind == "state"_L1) {
        Q_EMIT runStateChanged(
            event.value("playing"_L1).toBool(), event.value("step"_L1).toInt(), event.value("finished"_L1).toBool());
    } else if (kind == "finished"_L1) {
        Q_EMIT runFinished(
            event.value("passed"_L1).toBool(), event.value("failed"_L1).toInt(), event.value("skipped"_L1).toInt());
    } else if (kind == "sysctl"_L1) {
        const QString key = event.value("key"_L1).toString();
        const QString value = event.value("value"_L1).toString();
        const bool ok = event.value("ok"_L1).toBool();
        Q_EMIT sysctlWritten(key, value, ok, event.value("error"_L1).toString());
        if (ok) {
            SysctlChange change;
            change.key = key;
            change.netns = m_netns;
            change.oldValue = event.value("old"_L1).toString();
            change.newValue = value;
            change.time = QDateTime::currentDateTime();
            change.by = tr("the lab");
            Q_EMIT sysctlChanged(change, MonotonicClock::nowNs());
        }
    } else if (kind == "mark"_L1) {
        TimelineMarker marker;
        marker.monotonicNs = MonotonicClock::nowNs();
        marker.label = event.value("text"_L1).toString();
        marker.detail = tr("A mark of the lab's scenario");
        marker.kind = TimelineMarker::Kind::LabStep;
        Q_EMIT markerAdded(marker);
    } else if (kind == "error"_L1) {
        Q_EMIT failed(event.value("message"_L1).toString());
    }
}

void LabSource::helperEnded()
{
    if (m_quitting)
        return;
    const QString tail = m_stderrTail.trimmed().section(u'\n', -1);
    Q_EMIT failed(tail.isEmpty() ? tr("The lab's helper ended (exit status %1).").arg(m_helper.exitCode())
                                 : tr("The lab's helper ended: %1").arg(tail));
}

} // namespace TcpLens
