// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>
#include <functional>

namespace TcpLens {

// Runs work on a short-lived thread inside a network namespace. /proc/sys/net shows the namespace of
// the task that reads it (net_ctl_header_lookup() uses current->nsproxy), so a thread that moved
// into a namespace reads and writes that namespace's sysctls while the rest of the process stays.
class NamespaceThread
{
public:
    // `netnsPath` empty: the calling thread's own namespace (still on a separate thread).
    static std::expected<void, QString> run(const QString &netnsPath, const std::function<void()> &work);
    // In a namespace created for this call (unshare(CLONE_NEWNET), needs CAP_SYS_ADMIN); the kernel
    // frees it when the thread ends.
    static std::expected<void, QString> runInFreshNamespace(const std::function<void()> &work);
};

} // namespace TcpLens
