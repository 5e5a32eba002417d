// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "namespacethread.h"

#include "collect/networknamespace.h"

#include <QCoreApplication>

#include <sched.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace TcpLens {

namespace {

std::expected<void, QString> runOnThread(
    const std::function<std::expected<void, QString>()> &enter, const std::function<void()> &work)
{
    std::expected<void, QString> outcome;
    std::thread thread([&] {
        outcome = enter();
        if (outcome)
            work();
    });
    thread.join();
    return outcome;
}

} // namespace

std::expected<void, QString> NamespaceThread::run(const QString &netnsPath, const std::function<void()> &work)
{
    return runOnThread(
        [&]() -> std::expected<void, QString> {
            if (netnsPath.isEmpty())
                return {};
            auto entered = NetworkNamespace::enter(netnsPath);
            if (!entered)
                return std::unexpected(entered.error());
            return {};
        },
        work);
}

std::expected<void, QString> NamespaceThread::runInFreshNamespace(const std::function<void()> &work)
{
    return runOnThread(
        []() -> std::expected<void, QString> {
            // CLONE_NEWNET alone may be unshared by one thread of a multi-threaded process.
            if (::unshare(CLONE_NEWNET) < 0) {
                const int error = errno;
                return std::unexpected(
                    QCoreApplication::translate("NamespaceThread", "cannot create a network namespace: %1%2")
                        .arg(QString::fromLocal8Bit(std::strerror(error)),
                            error == EPERM ? QCoreApplication::translate("NamespaceThread", " (needs CAP_SYS_ADMIN)")
                                           : QString()));
            }
            return {};
        },
        work);
}

} // namespace TcpLens
