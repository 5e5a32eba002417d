// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "socketownerresolver.h"

#include "proc/proclogging.h"

#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>

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

} // namespace

SocketOwnerResolver::SocketOwnerResolver(QString procRoot, int fullRescanIntervalMs)
    : m_procRoot(std::move(procRoot))
    , m_fullRescanIntervalMs(fullRescanIntervalMs)
{
}

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
    struct stat status{};
    const QByteArray path = QFile::encodeName(m_procRoot) + '/' + QByteArray::number(pid) + "/fd";
    return ::stat(path.constData(), &status) == 0 ? qint64(status.st_size) : -1;
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

void SocketOwnerResolver::readProcess(qint32 pid)
{
    forgetProcess(pid);
    ++m_statistics.processesRead;
    Process process;
    process.owner.pid = pid;
    const QByteArray base = QFile::encodeName(m_procRoot) + '/' + QByteArray::number(pid);
    struct stat status{};
    if (::stat(base.constData(), &status) < 0)
        return; // exited meanwhile
    process.owner.uid = status.st_uid;
    process.owner.user = userName(status.st_uid);
    {
        QFile comm(QFile::decodeName(base + "/comm"));
        if (comm.open(QIODevice::ReadOnly))
            process.owner.command = QString::fromLocal8Bit(comm.readAll().trimmed());
    }
    const QByteArray fdPath = base + "/fd";
    const int dirFd = ::open(fdPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        // ENOENT: it exited meanwhile; next poll's listing forgets it.
        if (errno != EACCES && errno != EPERM)
            return;
        // EACCES: another user's process. Remembered, so that we do not try again every poll.
        process.readable = false;
        m_processes.insert(pid, process);
        return;
    }
    process.fdCount = fdCount(pid);
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return;
    }
    std::array<char, 64> link;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        const auto length = ::readlinkat(dirFd, entry->d_name, link.data(), link.size());
        if (length <= 0)
            continue;
        if (const quint32 inode = socketInodeFromLink(std::string_view(link.data(), std::size_t(length)))) {
            process.inodes.append(inode);
            // A socket shared after fork() belongs to several processes; the first one found stays.
            m_ownerPidByInode.insert(inode, m_ownerPidByInode.value(inode, pid));
        }
    }
    ::closedir(dir);
    m_processes.insert(pid, process);
}

QHash<quint32, SocketOwner> SocketOwnerResolver::resolve(const std::vector<SocketRecord> &sockets)
{
    m_statistics.processesRead = 0;
    // No socket a file refers to (an empty namespace, only timewait or request sockets): nothing can
    // have an owner, and listing /proc, with every new process's fd folder, would be the whole cost.
    if (std::none_of(sockets.cbegin(), sockets.cend(), [](const SocketRecord &socket) { return socket.inode != 0; }))
        return {};
    const auto unknownInodes = [&] {
        QList<const SocketRecord *> unknown;
        for (const auto &socket : sockets) {
            if (socket.inode != 0 && !m_ownerPidByInode.contains(socket.inode))
                unknown.append(&socket);
        }
        return unknown;
    };

    // Processes that ended take their sockets with them; new ones are read once.
    const QList<qint32> pids = listProcesses();
    const QSet<qint32> alive(pids.cbegin(), pids.cend());
    for (const qint32 pid : m_processes.keys()) {
        if (!alive.contains(pid))
            forgetProcess(pid);
    }
    for (const qint32 pid : pids) {
        if (!m_processes.contains(pid))
            readProcess(pid);
    }

    QList<qint32> changed;
    auto unknown = unknownInodes();
    if (!unknown.isEmpty()) {
        // One stat() per process tells which ones opened or closed files since we read them.
        for (auto it = m_processes.cbegin(); it != m_processes.cend(); ++it) {
            if (it->readable && (it->fdCount < 0 || fdCount(it.key()) != it->fdCount))
                changed.append(it.key());
        }
        for (const qint32 pid : std::as_const(changed))
            readProcess(pid);
        unknown = unknownInodes();
    }
    if (!unknown.isEmpty() && (!m_sinceFullRescan.isValid() || m_sinceFullRescan.hasExpired(m_fullRescanIntervalMs))) {
        ++m_statistics.fullRescans;
        m_sinceFullRescan.start();
        for (const qint32 pid : m_processes.keys()) {
            if (m_processes.value(pid).readable)
                readProcess(pid);
        }
    }

    // At the first poll, a socket missed while some process cannot be read most likely belongs to
    // it: it was there before us, not in a race with us.
    bool unreadable = false;
    for (const Process &process : std::as_const(m_processes))
        unreadable |= !process.readable;
    const bool assumeHidden = !m_resolvedBefore && unreadable;
    m_resolvedBefore = true;

    QHash<quint32, SocketOwner> owners;
    QHash<quint32, int> missed;
    m_notFoundYet.clear();
    for (const auto &socket : sockets) {
        if (socket.inode == 0)
            continue;
        if (const auto pid = m_ownerPidByInode.constFind(socket.inode); pid != m_ownerPidByInode.cend()) {
            owners.insert(socket.inode, m_processes.value(*pid).owner);
            continue;
        }
        const int since = m_missedAtRescan.value(socket.inode, assumeHidden ? -1 : m_statistics.fullRescans);
        missed.insert(socket.inode, since);
        if (since == m_statistics.fullRescans)
            m_notFoundYet.insert(socket.inode);
    }
    m_missedAtRescan = std::move(missed);
    qCDebug(lcProc) << "owners:" << owners.size() << "found," << m_statistics.processesRead << "processes read";
    return owners;
}

} // namespace TcpLens
