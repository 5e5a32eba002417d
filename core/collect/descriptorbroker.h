// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "netlink/uniquefd.h"

#include <QString>

#include <expected>
#include <mutex>

namespace TcpLens {

// Asks a process inside a network namespace for descriptors it opened there (docs/lab.md, "serve
// protocol"). An ordinary user cannot setns() into a namespace owned by another user namespace
// (netns_install() wants CAP_SYS_ADMIN in the caller's own user namespace too), but what was opened
// inside keeps the namespace: netlink_create() takes the creating task's net, and an open /proc/sys
// file keeps the table of the namespace it was looked up in. Thread-safe: the collector's and the
// sampler's threads ask through one socket, one question at a time.
class DescriptorBroker
{
public:
    // `socket` is our end of an AF_UNIX SOCK_SEQPACKET pair; `pid` the process at the other end,
    // whose /proc/PID/net shows the namespace's counters.
    DescriptorBroker(UniqueFd socket, qint64 pid);

    qint64 pid() const { return m_pid; }
    // A new, unbound NETLINK_SOCK_DIAG socket of the namespace.
    std::expected<UniqueFd, QString> netlinkSocket();
    // /proc/sys/`relativePath` of the namespace, read-write where the key is writable there.
    std::expected<UniqueFd, QString> sysctlFile(const QString &relativePath);

private:
    std::expected<UniqueFd, QString> ask(char request, const QByteArray &argument);

    std::mutex m_mutex;
    UniqueFd m_socket;
    qint64 m_pid = 0;
};

} // namespace TcpLens
