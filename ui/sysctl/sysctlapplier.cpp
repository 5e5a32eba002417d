// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlapplier.h"

#include "pipeline/helperprogram.h"

#include "collect/networknamespace.h"
#include "sysctl/sysctlwriter.h"
#include "uilogging.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

constexpr auto HelperName = "tcplens-sysctl-helper";

// The kernel's text back into a value, without judging it: a revert writes what the kernel held.
SysctlValue rawValue(const SysctlEntry &entry, const QString &text)
{
    SysctlValue value;
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    if (entry.type == SysctlType::Choice || entry.type == SysctlType::List) {
        value.names = parts;
        return value;
    }
    for (const QString &part : parts)
        value.numbers.append(part.toLongLong());
    return value;
}

QString nameOfUser(uid_t uid)
{
    // getpwuid_r: the GUI thread is not the only one that may look users up (owner resolution).
    passwd entry{};
    passwd *found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return QString::fromLocal8Bit(found->pw_name);
    return QString::number(uid);
}

} // namespace

SysctlApplier::SysctlApplier(QObject *parent)
    : QObject(parent)
    , m_helperPath(defaultHelperPath())
    // Root needs no one's permission; pkexec would only ask polkit to say yes to root.
    , m_authorizationProgram(::geteuid() == 0 ? QString() : u"pkexec"_s)
{
}

SysctlApplier::~SysctlApplier()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString SysctlApplier::defaultHelperPath()
{
    return findHelperProgram(QLatin1StringView(HelperName), QFile::decodeName(TCPLENS_SYSCTL_HELPER_INSTALLED));
}

QString SysctlApplier::userName()
{
    return nameOfUser(::geteuid());
}

void SysctlApplier::setTarget(const QString &netns, bool sysctlWrites, std::shared_ptr<DescriptorBroker> broker)
{
    m_netns = NetworkNamespace::resolvePath(netns);
    m_sysctlWrites = sysctlWrites;
    m_broker = std::move(broker);
}

bool SysctlApplier::mayWriteDirectly(const SysctlEntry &entry, const QString &netns) const
{
    if (entry.scope != SysctlScope::Namespace)
        return false;
    if (netns == m_netns)
        return m_sysctlWrites;
    // A change journaled in another namespace than the one watched now (a revert).
    if (::geteuid() == 0)
        return true;
    return netns.isEmpty() &&
        ::access(QFile::encodeName(u"/proc/sys/"_s + entry.relativePath()).constData(), W_OK) == 0;
}

SysctlWriteRoute SysctlApplier::routeFor(const SysctlEntry &entry) const
{
    return routeFor(entry, m_netns);
}

SysctlWriteRoute SysctlApplier::routeFor(const SysctlEntry &entry, const QString &netns) const
{
    using Kind = SysctlWriteRoute::Kind;
    if (entry.removed)
        return {Kind::None, tr("Removed in Linux %1: there is nothing to write").arg(entry.removedIn)};
    if (entry.readOnly)
        return {Kind::None, tr("Read-only: the kernel fills it in")};
    if (entry.scope == SysctlScope::Global && !netns.isEmpty())
        return {Kind::None,
            tr("Global: one value for the whole kernel, set on the host, not in the namespace %1").arg(netns)};
    if (mayWriteDirectly(entry, netns))
        return {Kind::Direct,
            netns.isEmpty() ? tr("TCP Lens may write it here itself")
                            : tr("TCP Lens may write it in the namespace %1 itself").arg(netns)};
    if (m_helperPath.isEmpty())
        return {Kind::None,
            tr("Needs administrator rights through %1, which is not installed").arg(QLatin1StringView(HelperName))};
    if (!m_authorizationProgram.isEmpty() && QStandardPaths::findExecutable(m_authorizationProgram).isEmpty())
        return {Kind::None,
            tr("Needs administrator rights through %1 (polkit), which is not installed").arg(m_authorizationProgram)};
    return {Kind::Helper,
        tr("Asks for administrator rights (polkit) and writes through %1").arg(QLatin1StringView(HelperName))};
}

void SysctlApplier::write(const SysctlEntry &entry, const SysctlValue &value)
{
    enqueue({entry, value, m_netns, -1});
}

void SysctlApplier::revert(const SysctlEntry &entry, const SysctlChange &change, qsizetype journalIndex)
{
    enqueue({entry, rawValue(entry, change.oldValue), change.netns, journalIndex});
}

void SysctlApplier::enqueue(Request request)
{
    m_queue.append(std::move(request));
    setBusy(true);
    scheduleNext();
}

void SysctlApplier::scheduleNext()
{
    // Always from the event loop: whoever asked for a write hears of it after the call returned,
    // the same way for a direct write as for one that waits for polkit.
    if (std::exchange(m_scheduled, true))
        return;
    QMetaObject::invokeMethod(this, &SysctlApplier::next, Qt::QueuedConnection);
}

void SysctlApplier::next()
{
    m_scheduled = false;
    if (m_process)
        return;
    if (m_queue.isEmpty()) {
        setBusy(false);
        Q_EMIT idle();
        return;
    }
    m_running = m_queue.takeFirst();
    const SysctlWriteRoute route = routeFor(m_running.entry, m_running.netns);
    switch (route.kind) {
    case SysctlWriteRoute::Kind::Direct:
        runDirect(m_running);
        break;
    case SysctlWriteRoute::Kind::Helper:
        runHelper(m_running);
        return; // helperFinished() goes on
    case SysctlWriteRoute::Kind::None:
        Q_EMIT failed(m_running.entry.key, route.reason, m_running.journalIndex);
        break;
    }
    scheduleNext();
}

void SysctlApplier::runDirect(const Request &request)
{
    // The watched lab's namespace through its helper; any other by entering it.
    SysctlWriter writer =
        m_broker && request.netns == m_netns ? SysctlWriter(request.netns, m_broker) : SysctlWriter(request.netns);
    auto change = writer.write(request.entry, request.value);
    if (!change) {
        qCInfo(lcUi) << "sysctl write refused:" << change.error();
        Q_EMIT failed(request.entry.key, change.error(), request.journalIndex);
        return;
    }
    change->by = userName();
    Q_EMIT written(*change, request.journalIndex);
}

void SysctlApplier::runHelper(const Request &request)
{
    // Key and value travel as separate arguments, never through a shell.
    QStringList arguments;
    if (!request.netns.isEmpty())
        arguments << u"--netns"_s << request.netns;
    arguments << request.entry.key << request.value.kernelText();
    QString program = m_helperPath;
    if (!m_authorizationProgram.isEmpty()) {
        arguments.prepend(m_helperPath);
        program = m_authorizationProgram;
    }
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::finished, this, &SysctlApplier::helperFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // the others end in finished()
        const QString message = tr("Cannot start %1: %2").arg(m_process->program(), m_process->errorString());
        m_process->deleteLater();
        m_process = nullptr;
        Q_EMIT waitingForAuthorizationChanged(false);
        Q_EMIT failed(m_running.entry.key, message, m_running.journalIndex);
        scheduleNext();
    });
    qCInfo(lcUi) << "sysctl write through" << program << arguments;
    m_process->start();
    Q_EMIT waitingForAuthorizationChanged(true);
}

void SysctlApplier::helperFinished(int exitCode, QProcess::ExitStatus status)
{
    QProcess *process = std::exchange(m_process, nullptr);
    process->deleteLater();
    Q_EMIT waitingForAuthorizationChanged(false);
    const Request &request = m_running;
    const QString errors = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
    // The helper's own words, without its name in front.
    QString helperMessage = errors.section(u'\n', -1);
    helperMessage.remove(QLatin1StringView(HelperName) + u": "_s);
    if (status != QProcess::NormalExit) {
        Q_EMIT failed(request.entry.key, tr("The privileged helper crashed"), request.journalIndex);
    } else if (exitCode != 0) {
        Q_EMIT failed(
            request.entry.key, helperFailure(exitCode, request.entry.key, helperMessage), request.journalIndex);
    } else {
        const QJsonObject answer = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        SysctlChange change;
        change.key = answer.value(u"key"_s).toString(request.entry.key);
        change.netns = request.netns;
        change.oldValue = answer.value(u"old"_s).toString();
        change.newValue = answer.value(u"new"_s).toString();
        change.time = QDateTime::currentDateTimeUtc();
        const int by = answer.value(u"by"_s).toInt(-1);
        change.by = by >= 0 ? nameOfUser(uid_t(by)) : userName();
        Q_EMIT written(change, request.journalIndex);
    }
    scheduleNext();
}

QString SysctlApplier::helperFailure(int exitCode, const QString &key, const QString &helperMessage)
{
    const QString detail = helperMessage.isEmpty() ? QString() : tr(" (%1)").arg(helperMessage);
    switch (exitCode) {
    // pkexec: 126 when the user dismissed the dialog or polkit said no, 127 when it could not
    // authorise at all (no agent, no policy) or not start the program.
    case 126:
        return tr("Not authorised: the administrator's password was not given, so %1 was not changed").arg(key);
    case 127:
        return tr("Not authorised: polkit refused, or no authentication agent runs, so %1 was not changed").arg(key);
    // tcplens-sysctl-helper's own statuses (app/sysctlhelper/main.cpp).
    case 2:
        return tr("The helper refused to write %1%2").arg(key, detail);
    case 3:
        return tr("Not permitted to write %1%2").arg(key, detail);
    case 4:
        return tr("The kernel refused the value for %1%2").arg(key, detail);
    case 5:
        return tr("%1 does not exist on this kernel%2").arg(key, detail);
    default:
        break;
    }
    return tr("The privileged helper failed with status %1 for %2%3").arg(exitCode).arg(key, detail);
}

void SysctlApplier::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace TcpLens
