// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/descriptorbroker.h"
#include "netlink/netlinksocket.h"

#include <QString>

#include <expected>
#include <memory>

namespace TcpLens {

// How a worker thread reaches the network namespace it watches: by entering it (setns()), or, for a
// namespace this process may not enter, through the DescriptorBroker of a process inside it.
struct NamespaceAccess
{
    QString netns; // empty: ours; else /proc/PID/ns/net, /run/netns/NAME or NAME
    std::shared_ptr<DescriptorBroker> broker;

    // Call first in the worker's own thread: it enters the namespace where that is the way, and
    // returns how to open netlink sockets there (an empty maker opens them in this thread).
    std::expected<NetlinkSocket::Maker, QString> enterThisThread() const;
    // The namespace's /proc/net: this thread's after enterThisThread(), or the broker's process's.
    QString procNetDir() const;
    // Its path (/proc/PID/ns/net, /run/netns/NAME), or empty for ours.
    QString path() const;
};

} // namespace TcpLens
