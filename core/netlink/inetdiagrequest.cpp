// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "inetdiagrequest.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>

#include <cstring>

namespace TcpLens {

QByteArray buildInetDiagDumpRequest(const InetDiagQuery &query, quint32 sequence)
{
    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = sequence;
    message.request.sdiag_family = query.family;
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = query.stateMask;
    // idiag_ext holds the first 8 extensions as bits of (1 << (INET_DIAG_X - 1)).
    if (query.withTcpInfo)
        message.request.idiag_ext |= (1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_CONG - 1));
    if (query.withMemory)
        message.request.idiag_ext |= (1 << (INET_DIAG_SKMEMINFO - 1));
    message.request.idiag_ext |= (1 << (INET_DIAG_TOS - 1)) | (1 << (INET_DIAG_TCLASS - 1));
    QByteArray bytes(sizeof message, Qt::Uninitialized);
    std::memcpy(bytes.data(), &message, sizeof message);
    return bytes;
}

} // namespace TcpLens
