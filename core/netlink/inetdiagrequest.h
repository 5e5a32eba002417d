// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace TcpLens {

// A range of local ports, both ends included.
struct PortRange
{
    quint16 first = 0;
    quint16 last = 65535;
};

// What a dump asks the kernel for.
struct InetDiagQuery
{
    quint8 family = 0; // AF_INET or AF_INET6
    quint32 stateMask = 0; // bits of 1 << TcpState
    bool withTcpInfo = true; // INET_DIAG_INFO, INET_DIAG_CONG
    bool withMemory = true; // INET_DIAG_SKMEMINFO
    // Only sockets whose local port lies in this range, by an INET_DIAG_REQ_BYTECODE filter that the
    // kernel runs before it fills a message (inet_diag_bc_sk()). Unset: every socket.
    std::optional<PortRange> localPorts;
};

// The SOCK_DIAG_BY_FAMILY dump request (nlmsghdr + inet_diag_req_v2) for `query`. Pure.
QByteArray buildInetDiagDumpRequest(const InetDiagQuery &query, quint32 sequence);

} // namespace TcpLens
