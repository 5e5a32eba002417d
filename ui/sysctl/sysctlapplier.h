// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/descriptorbroker.h"

#include "sysctlwriteroute.h"

#include "sysctl/sysctlchange.h"
#include "sysctl/sysctlentry.h"
#include "sysctl/sysctlvalue.h"

#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>

namespace TcpLens {

// Writes sysctl values where the window looks, one request at a time: itself (SysctlWriter) in a
// namespace this process may write, otherwise through tcplens-sysctl-helper started by pkexec, which
// asks polkit (org.tcplens.TcpLens.sysctl-write). Global keys only on the host. Every outcome comes
// back as written() or failed() with the cause in words; nothing here blocks on a password prompt.
class SysctlApplier : public QObject
{
    Q_OBJECT
public:
    explicit SysctlApplier(QObject *parent = nullptr);
    ~SysctlApplier() override;

    // The namespace the window watches (as the user named it; empty: TCP Lens's own, the host's)
    // and whether its source says this process may write its sysctls.
    // `broker`: the namespace is a lab's, reached through the process inside it.
    void setTarget(const QString &netns, bool sysctlWrites, std::shared_ptr<DescriptorBroker> broker = {});
    QString targetNetns() const { return m_netns; }

    // How a value of `entry` would reach `netns` (default: the target).
    SysctlWriteRoute routeFor(const SysctlEntry &entry) const;
    SysctlWriteRoute routeFor(const SysctlEntry &entry, const QString &netns) const;

    // Queues a write of a validated value into the target namespace.
    void write(const SysctlEntry &entry, const SysctlValue &value);
    // Queues a write of `change.oldValue` back into `change.netns`; reported with `journalIndex`.
    void revert(const SysctlEntry &entry, const SysctlChange &change, qsizetype journalIndex);

    bool isBusy() const { return m_busy; }
    // Whether the request running now waits for polkit (a password prompt may be open).
    bool isWaitingForAuthorization() const { return m_process != nullptr; }

    // The helper next to this program (a build tree), else the installed one; empty when neither.
    static QString defaultHelperPath();
    void setHelperPath(const QString &path) { m_helperPath = path; }
    QString helperPath() const { return m_helperPath; }
    // The program that starts the helper with privileges: "pkexec" by default; empty starts the
    // helper directly (when this process is root already, and for tests).
    void setAuthorizationProgram(const QString &program) { m_authorizationProgram = program; }
    QString authorizationProgram() const { return m_authorizationProgram; }

    // What a failed helper run means for a user, from pkexec's and the helper's exit status. Pure.
    static QString helperFailure(int exitCode, const QString &key, const QString &helperMessage);
    // Who this process runs for, for the journal.
    static QString userName();

Q_SIGNALS:
    // A value was written; `journalIndex` is the reverted change's index, or -1 for a new change.
    void written(const TcpLens::SysctlChange &change, qsizetype journalIndex);
    void failed(const QString &key, const QString &message, qsizetype journalIndex);
    void busyChanged(bool busy);
    // A request went to the helper (polkit may be asking for a password) or came back.
    void waitingForAuthorizationChanged(bool waiting);
    // The queue ran empty.
    void idle();

private:
    struct Request
    {
        SysctlEntry entry;
        SysctlValue value;
        QString netns; // resolved path; empty: TCP Lens's own
        qsizetype journalIndex = -1;
    };

    bool mayWriteDirectly(const SysctlEntry &entry, const QString &netns) const;
    void enqueue(Request request);
    void next();
    void scheduleNext();
    void runDirect(const Request &request);
    void runHelper(const Request &request);
    void helperFinished(int exitCode, QProcess::ExitStatus status);
    void setBusy(bool busy);

    QString m_netns;
    bool m_sysctlWrites = false;
    std::shared_ptr<DescriptorBroker> m_broker;
    QString m_helperPath;
    QString m_authorizationProgram;
    QList<Request> m_queue;
    Request m_running;
    QProcess *m_process = nullptr;
    bool m_busy = false;
    bool m_scheduled = false;
};

} // namespace TcpLens
