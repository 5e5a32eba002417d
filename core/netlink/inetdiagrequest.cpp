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
    // TOS and TCLASS are not asked for: TCLASS also makes the kernel add a cgroup class id to every
    // socket (inet_diag_msg_attrs_fill()), a cost the benchmark measured and nothing here shows.
    if (!query.localPorts) {
        QByteArray bytes(sizeof message, Qt::Uninitialized);
        std::memcpy(bytes.data(), &message, sizeof message);
        return bytes;
    }

    // "first <= sport && sport <= last". Each comparison is an op followed by a second op whose `no`
    // holds the port; `yes` steps to the next comparison, `no` jumps past the end, which rejects
    // (inet_diag_bc_run() accepts only when it lands exactly on the end; valid_port_comparison()).
    const inet_diag_bc_op program[] = {
        {INET_DIAG_BC_S_GE, 8, 20},
        {0, 0, query.localPorts->first},
        {INET_DIAG_BC_S_LE, 8, 12},
        {0, 0, query.localPorts->last},
    };
    nlattr attribute{};
    attribute.nla_type = INET_DIAG_REQ_BYTECODE;
    attribute.nla_len = NLA_HDRLEN + sizeof program;
    message.header.nlmsg_len = NLMSG_ALIGN(sizeof message) + NLA_ALIGN(attribute.nla_len);
    QByteArray bytes(message.header.nlmsg_len, '\0');
    std::memcpy(bytes.data(), &message, sizeof message);
    std::memcpy(bytes.data() + NLMSG_ALIGN(sizeof message), &attribute, sizeof attribute);
    std::memcpy(bytes.data() + NLMSG_ALIGN(sizeof message) + NLA_HDRLEN, program, sizeof program);
    return bytes;
}

} // namespace TcpLens
