// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace TcpLens {

// What a dump asks the kernel for.
struct InetDiagQuery
{
    quint8 family = 0; // AF_INET or AF_INET6
    quint32 stateMask = 0; // bits of 1 << TcpState
    bool withTcpInfo = true; // INET_DIAG_INFO, INET_DIAG_CONG
    bool withMemory = true; // INET_DIAG_SKMEMINFO
};

// The SOCK_DIAG_BY_FAMILY dump request (nlmsghdr + inet_diag_req_v2) for `query`. Pure.
QByteArray buildInetDiagDumpRequest(const InetDiagQuery &query, quint32 sequence);

} // namespace TcpLens
