// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>

namespace TcpLens {

// A network namespace named by a file: /proc/PID/ns/net, /run/netns/NAME, or empty for "ours".
class NetworkNamespace
{
public:
    // "lab" is taken as /run/netns/lab, as `ip netns` names them.
    static QString resolvePath(const QString &nameOrPath);
    // The namespace's identity (the inode of its nsfs file), comparable across paths.
    static std::expected<quint64, QString> inodeOf(const QString &path);
    // The calling thread's namespace.
    static quint64 currentInode();
    // Moves the calling thread into the namespace at `path` (setns(CLONE_NEWNET)). Sockets opened by
    // this thread afterwards see that namespace; other threads are not affected.
    static std::expected<quint64, QString> enter(const QString &path);
};

} // namespace TcpLens
