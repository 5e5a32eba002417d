// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "namespaceaccess.h"

#include "collect/networknamespace.h"

using namespace Qt::StringLiterals;

namespace TcpLens {

std::expected<NetlinkSocket::Maker, QString> NamespaceAccess::enterThisThread() const
{
    if (broker) {
        return [broker = broker]() -> std::expected<UniqueFd, NetlinkSocket::Error> {
            auto socket = broker->netlinkSocket();
            if (!socket)
                return std::unexpected(NetlinkSocket::Error{0, socket.error()});
            return std::move(*socket);
        };
    }
    if (!netns.isEmpty()) {
        if (auto entered = NetworkNamespace::enter(netns); !entered)
            return std::unexpected(entered.error());
    }
    return NetlinkSocket::Maker();
}

QString NamespaceAccess::procNetDir() const
{
    // thread-self, not self: /proc/self/net is the namespace of the main thread, not of a thread
    // that entered another one.
    return broker ? u"/proc/%1/net"_s.arg(broker->pid()) : u"/proc/thread-self/net"_s;
}

QString NamespaceAccess::path() const
{
    return NetworkNamespace::resolvePath(netns);
}

} // namespace TcpLens
