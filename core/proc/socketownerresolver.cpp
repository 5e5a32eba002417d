// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "socketownerresolver.h"

#include "model/usablecpus.h"
#include "proc/proclogging.h"

#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <thread>
#include <utility>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// "socket:[12345]" -> 12345; anything else -> 0.
quint32 socketInodeFromLink(std::string_view link)
{
    constexpr std::string_view Prefix = "socket:[";
    if (link.size() < Prefix.size() + 2 || link.substr(0, Prefix.size()) != Prefix || link.back() != ']')
        return 0;
    quint32 inode = 0;
    const auto digits = link.substr(Prefix.size(), link.size() - Prefix.size() - 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), inode);
    return error == std::errc() && end == digits.data() + digits.size() ? inode : 0;
}

bool isPid(const char *name, qint32 &pid)
{
    const auto length = std::strlen(name);
    const auto [end, error] = std::from_chars(name, name + length, pid);
    return error == std::errc() && end == name + length && pid > 0;
}

QByteArray processPath(const QByteArray &procRoot, qint32 pid)
{
    return procRoot + '/' + QByteArray::number(pid);
}

// st_size of /proc/PID/fd: its number of open files (Linux 6.2+, proc_fd_getattr()); -1 without.
qint64 fdCountOf(const QByteArray &processFolder)
{
    struct stat status{};
    const QByteArray path = processFolder + "/fd";
    return ::stat(path.constData(), &status) == 0 ? qint64(status.st_size) : -1;
}

// Fewer processes than this are read on the calling thread: threads would cost more than they save.
constexpr qsizetype MinProcessesForThreads = 16;
// readlink() on /proc scales with CPUs; more threads than this only wait for each other.
constexpr int MaxReaderThreads = 4;

int readerThreads(qsizetype processes)
{
    return processes < MinProcessesForThreads ? 1 : std::min(usableCpus(), MaxReaderThreads);
}

} // namespace

SocketOwnerResolver::SocketOwnerResolver(QString procRoot, int fullRescanIntervalMs)
    : m_procRoot(std::move(procRoot))
    , m_fullRescanIntervalMs(fullRescanIntervalMs)
{
}

// A first read still running is waited for by its future's destructor (std::async).
SocketOwnerResolver::~SocketOwnerResolver() = default;

QList<qint32> SocketOwnerResolver::listProcesses() const
{
    QList<qint32> pids;
    DIR *dir = ::opendir(QFile::encodeName(m_procRoot).constData());
    if (!dir)
        return pids;
    while (const dirent *entry = ::readdir(dir)) {
        qint32 pid = 0;
        if (isPid(entry->d_name, pid))
            pids.append(pid);
    }
    ::closedir(dir);
    return pids;
}

qint64 SocketOwnerResolver::fdCount(qint32 pid) const
{
    return fdCountOf(processPath(QFile::encodeName(m_procRoot), pid));
}

QString SocketOwnerResolver::userName(quint32 uid)
{
    if (const auto it = m_userNames.constFind(uid); it != m_userNames.cend())
        return *it;
    passwd entry{};
    passwd *found = nullptr;
    std::array<char, 4096> buffer;
    QString name = QString::number(uid);
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found)
        name = QString::fromLocal8Bit(found->pw_name);
    m_userNames.insert(uid, name);
    return name;
}

void SocketOwnerResolver::forgetProcess(qint32 pid)
{
    const auto it = m_processes.constFind(pid);
    if (it == m_processes.cend())
        return;
    for (const quint32 inode : it->inodes) {
        if (m_ownerPidByInode.value(inode) == pid)
            m_ownerPidByInode.remove(inode);
    }
    m_processes.erase(it);
}

std::optional<SocketOwnerResolver::Process> SocketOwnerResolver::readProcessFiles(
    const QByteArray &procRoot, qint32 pid)
{
    Process process;
    process.owner.pid = pid;
    const QByteArray base = processPath(procRoot, pid);
    struct stat status{};
    if (::stat(base.constData(), &status) < 0)
        return std::nullopt; // exited meanwhile
    process.owner.uid = status.st_uid;
    const QByteArray commPath = base + "/comm";
    if (const int comm = ::open(commPath.constData(), O_RDONLY | O_CLOEXEC); comm >= 0) {
        std::array<char, 64> name; // TASK_COMM_LEN is 16, with the newline
        const auto length = ::read(comm, name.data(), name.size());
        ::close(comm);
        if (length > 0)
            process.owner.command = QString::fromLocal8Bit(QByteArrayView(name.data(), length).trimmed());
    }
    const QByteArray fdPath = base + "/fd";
    const int dirFd = ::open(fdPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        // ENOENT: it exited meanwhile; next poll's listing forgets it.
        if (errno != EACCES && errno != EPERM)
            return std::nullopt;
        // EACCES: another user's process. Remembered, so that we do not try again every poll.
        process.readable = false;
        return process;
    }
    process.fdCount = fdCountOf(base);
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return std::nullopt;
    }
    std::array<char, 64> link;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        const auto length = ::readlinkat(dirFd, entry->d_name, link.data(), link.size());
        if (length <= 0)
            continue;
        if (const quint32 inode = socketInodeFromLink(std::string_view(link.data(), std::size_t(length))))
            process.inodes.append(inode);
    }
    ::closedir(dir);
    return process;
}

std::vector<std::optional<SocketOwnerResolver::Process>> SocketOwnerResolver::readProcessesFiles(
    const QByteArray &procRoot, const QList<qint32> &pids, const std::atomic<bool> *stop)
{
    const auto stopped = [stop] {
        return stop && stop->load(std::memory_order_relaxed);
    };
    std::vector<std::optional<Process>> read(std::size_t(pids.size()));
    const int threads = readerThreads(pids.size());
    if (threads == 1) {
        for (qsizetype i = 0; i < pids.size() && !stopped(); ++i)
            read[std::size_t(i)] = readProcessFiles(procRoot, pids.at(i));
        return read;
    }
    // The most open files first, so that the threads run out of work at about the same time (one
    // server holding 18,000 sockets read last would leave the other threads waiting for it).
    std::vector<std::pair<qint64, qsizetype>> order;
    order.reserve(std::size_t(pids.size()));
    for (qsizetype i = 0; i < pids.size(); ++i)
        order.emplace_back(fdCountOf(processPath(procRoot, pids.at(i))), i);
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::atomic<std::size_t> next = 0;
    const auto work = [&] {
        for (std::size_t k = next++; k < order.size() && !stopped(); k = next++) {
            const qsizetype i = order[k].second;
            read[std::size_t(i)] = readProcessFiles(procRoot, pids.at(i));
        }
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back(work);
    work();
    for (std::thread &helper : helpers)
        helper.join();
    return read;
}

void SocketOwnerResolver::adoptProcesses(const QList<qint32> &pids, std::vector<std::optional<Process>> &&read)
{
    // The first read finds 100,000 and more inodes: grown once, not by doubling.
    qsizetype inodes = m_ownerPidByInode.size();
    for (const std::optional<Process> &process : read)
        inodes += process ? process->inodes.size() : 0;
    m_ownerPidByInode.reserve(inodes);
    for (qsizetype i = 0; i < pids.size(); ++i) {
        const qint32 pid = pids.at(i);
        ++m_statistics.processesRead;
        forgetProcess(pid);
        std::optional<Process> &process = read[std::size_t(i)];
        if (!process)
            continue;
        process->owner.user = userName(process->owner.uid);
        // A socket shared after fork() belongs to several processes; the first one found stays.
        for (const quint32 inode : std::as_const(process->inodes)) {
            qint32 &owner = m_ownerPidByInode[inode]; // 0, no pid, when new
            if (owner == 0)
                owner = pid;
        }
        // Kept until the process is read again: as long as it is, not as long as it grew (a list
        // that doubled to 131,072 for 100,000 inodes was 0.5 MB of nothing, docs/benchmarks.md).
        process->inodes.squeeze();
        m_processes.insert(pid, std::move(*process));
    }
}

void SocketOwnerResolver::readProcesses(const QList<qint32> &pids)
{
    adoptProcesses(pids, readProcessesFiles(QFile::encodeName(m_procRoot), pids));
}

void SocketOwnerResolver::startFirstRead()
{
    if (m_resolvedBefore || m_firstReadStarted)
        return;
    m_firstReadStarted = true;
    m_firstReadPids = listProcesses();
    m_firstRead = std::async(std::launch::async,
        [procRoot = QFile::encodeName(m_procRoot), pids = m_firstReadPids, stop = &m_stopFirstRead] {
            return readProcessesFiles(procRoot, pids, stop);
        });
}

SocketOwners SocketOwnerResolver::resolve(const std::vector<SocketRecord> &sockets)
{
    m_statistics.processesRead = 0;
    // No socket a file refers to (an empty namespace, only timewait or request sockets): nothing can
    // have an owner, and listing /proc, with every new process's fd folder, would be the whole cost.
    if (std::none_of(sockets.cbegin(), sockets.cend(), [](const SocketRecord &socket) { return socket.inode != 0; })) {
        // A first read begun for the dump: stopped, and what it read dropped; the first resolve()
        // with sockets reads every process.
        if (m_firstRead.valid()) {
            m_stopFirstRead = true;
            m_firstRead.get();
            m_firstReadPids.clear();
        }
        return {};
    }
    const auto unknownInodes = [&] {
        QList<const SocketRecord *> unknown;
        for (const auto &socket : sockets) {
            if (socket.inode != 0 && !m_ownerPidByInode.contains(socket.inode))
                unknown.append(&socket);
        }
        return unknown;
    };

    if (m_firstRead.valid())
        adoptProcesses(std::exchange(m_firstReadPids, {}), m_firstRead.get());

    // Processes that ended take their sockets with them; new ones are read once (after a first read
    // that ran during the dump: the few that started meanwhile).
    const QList<qint32> pids = listProcesses();
    const QSet<qint32> alive(pids.cbegin(), pids.cend());
    for (const qint32 pid : m_processes.keys()) {
        if (!alive.contains(pid))
            forgetProcess(pid);
    }
    QList<qint32> fresh;
    for (const qint32 pid : pids) {
        if (!m_processes.contains(pid))
            fresh.append(pid);
    }
    readProcesses(fresh);
    // The first resolve() has just read every process: a full read, so the next one is due only
    // after the interval (reading everything twice in a row would double a one-shot snapshot's cost).
    if (!m_resolvedBefore)
        m_sinceFullRescan.start();

    QList<qint32> changed;
    auto unknown = unknownInodes();
    if (!unknown.isEmpty()) {
        // One stat() per process tells which ones opened or closed files since we read them. Not
        // ours: its count included the folders the reading threads had open at that moment.
        const qint32 self = qint32(::getpid());
        for (auto it = m_processes.cbegin(); it != m_processes.cend(); ++it) {
            if (it->readable && (it->fdCount < 0 || it.key() == self || fdCount(it.key()) != it->fdCount))
                changed.append(it.key());
        }
        readProcesses(changed);
        unknown = unknownInodes();
    }
    if (!unknown.isEmpty() && (!m_sinceFullRescan.isValid() || m_sinceFullRescan.hasExpired(m_fullRescanIntervalMs))) {
        ++m_statistics.fullRescans;
        m_sinceFullRescan.start();
        QList<qint32> readable;
        for (auto it = m_processes.cbegin(); it != m_processes.cend(); ++it) {
            if (it->readable)
                readable.append(it.key());
        }
        readProcesses(readable);
        unknown = unknownInodes();
    }

    // At the first poll, a socket missed while some process cannot be read most likely belongs to
    // it: it was there before us, not in a race with us.
    bool unreadable = false;
    for (const Process &process : std::as_const(m_processes))
        unreadable |= !process.readable;
    const bool assumeHidden = !m_resolvedBefore && unreadable;
    m_resolvedBefore = true;

    QHash<quint32, int> missed;
    m_notFoundYet.clear();
    for (const SocketRecord *socket : std::as_const(unknown)) {
        const int since = m_missedAtRescan.value(socket->inode, assumeHidden ? -1 : m_statistics.fullRescans);
        missed.insert(socket->inode, since);
        if (since == m_statistics.fullRescans)
            m_notFoundYet.insert(socket->inode);
    }
    m_missedAtRescan = std::move(missed);

    // The inode table as it stands, shared rather than copied: the next read that changes it makes
    // its own copy.
    SocketOwners owners;
    owners.pidByInode = m_ownerPidByInode;
    for (auto it = m_processes.cbegin(); it != m_processes.cend(); ++it) {
        if (!it->inodes.isEmpty())
            owners.byPid.insert(it.key(), it->owner);
    }
    qCDebug(lcProc) << "owners:" << unknown.size() << "sockets without," << m_statistics.processesRead
                    << "processes read";
    return owners;
}

} // namespace TcpLens
