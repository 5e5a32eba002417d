// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketowner.h"
#include "model/socketowners.h"
#include "model/socketrecord.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <future>
#include <optional>
#include <vector>

namespace TcpLens {

// Finds which process holds each socket, the way `ss -p` does: every /proc/PID/fd/N that reads
// "socket:[INODE]". Reading another user's fd folder needs ptrace-read rights, so an ordinary user
// sees only its own processes.
//
// Walking all of /proc on every poll would cost more than the dump itself, so the resolver remembers
// each process's sockets and reads again only what can have changed: processes that appeared, and,
// when a socket's owner is unknown, the processes whose number of open files changed (stat() of
// /proc/PID/fd reports it since Linux 6.2, proc_fd_getattr()). What that misses (a socket closed and
// another opened between two polls, older kernels) a full re-read finds, at most once per
// `fullRescanIntervalMs`.
//
// Reading every process costs one readlink() per open file, 4 to 5 us each: 450 ms for the 100,000
// sockets of docs/benchmarks.md, more than the dump and as much as `ss -tani` in all. So many
// processes are read on several threads, and the first walk can run while the caller dumps
// (startFirstRead()).
class SocketOwnerResolver
{
public:
    struct Statistics
    {
        int processesRead = 0; // fd folders read during the last resolve()
        int fullRescans = 0; // how many resolve() calls so far re-read every process
    };

    explicit SocketOwnerResolver(QString procRoot = QStringLiteral("/proc"), int fullRescanIntervalMs = 2000);
    ~SocketOwnerResolver();

    // Starts reading every process in threads of its own, once, if nothing was read yet: the first
    // resolve() then only waits for what is left. Call it before the dump, so that both run at
    // once; the sockets the dump finds are not needed for this part. A resolve() of sockets that no
    // file refers to (an empty namespace) stops it and drops what it read.
    void startFirstRead();
    // Owners of every socket in `sockets` that has an inode and could be found (and of the other
    // sockets the processes read hold).
    SocketOwners resolve(const std::vector<SocketRecord> &sockets);
    // Inodes the last resolve() did not find but has not given up on: no full re-read of /proc has
    // looked for them since they were first missed, so they most likely came or went between the
    // dump and the walk. Once a full re-read misses them too, their process is one we cannot read.
    const QSet<quint32> &notFoundYet() const { return m_notFoundYet; }
    // The name of a user id ("root"), or the number when it has none; cached.
    QString userName(quint32 uid);
    const Statistics &statistics() const { return m_statistics; }

private:
    struct Process
    {
        SocketOwner owner;
        QList<quint32> inodes;
        qint64 fdCount = -1; // st_size of /proc/PID/fd: its number of open files (Linux 6.2+)
        bool readable = true;
    };

    QList<qint32> listProcesses() const;
    qint64 fdCount(qint32 pid) const;
    // One process's command, uid and socket inodes; nothing when it exited meanwhile. Touches no
    // member, so that threads can read several at once.
    static std::optional<Process> readProcessFiles(const QByteArray &procRoot, qint32 pid);
    // readProcessFiles() for each of `pids`, in the same order; on several threads when many. Once
    // *stop is true, the processes not begun are left unread (nothing).
    static std::vector<std::optional<Process>> readProcessesFiles(
        const QByteArray &procRoot, const QList<qint32> &pids, const std::atomic<bool> *stop = nullptr);
    void readProcesses(const QList<qint32> &pids);
    void adoptProcesses(const QList<qint32> &pids, std::vector<std::optional<Process>> &&read);
    void forgetProcess(qint32 pid);

    QString m_procRoot;
    int m_fullRescanIntervalMs;
    QHash<qint32, Process> m_processes;
    QHash<quint32, qint32> m_ownerPidByInode;
    QHash<quint32, QString> m_userNames;
    QElapsedTimer m_sinceFullRescan;
    Statistics m_statistics;
    QHash<quint32, int> m_missedAtRescan; // inode -> fullRescans when it was first missed (-1: given up)
    QSet<quint32> m_notFoundYet;
    bool m_resolvedBefore = false;
    // startFirstRead()'s processes and what its threads will have found; the future last, so that
    // its destructor waits for the threads before the flag they read goes.
    bool m_firstReadStarted = false;
    std::atomic<bool> m_stopFirstRead = false;
    QList<qint32> m_firstReadPids;
    std::future<std::vector<std::optional<Process>>> m_firstRead;
};

} // namespace TcpLens
