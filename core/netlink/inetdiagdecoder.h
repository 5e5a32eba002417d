// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/detailedsocketrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <expected>
#include <span>
#include <vector>

// Decoding of sock_diag answers: pure functions over bytes, no I/O, so that tests and the fuzzer
// feed them captured or hostile bytes. Nothing here reads outside the span it is given.
namespace TcpLens {

struct DecodeFailure
{
    qsizetype offset = 0; // where in the input the problem was found
    QString message;
};

// Congestion control names seen so far; a socket stores an index (0 = none) instead of a string.
class CongestionNameTable
{
public:
    quint8 indexOf(std::span<const std::byte> name);
    const QList<QByteArray> &names() const { return m_names; }

private:
    QList<QByteArray> m_names{QByteArray()};
};

// Decodes one SOCK_DIAG_BY_FAMILY payload: struct inet_diag_msg and its attributes.
std::expected<DetailedSocketRecord, DecodeFailure> decodeInetDiagMessage(
    std::span<const std::byte> payload, CongestionNameTable &congestion);

// What one datagram of a dump contained, besides the sockets it appended.
struct DumpChunkResult
{
    quint32 messages = 0; // sockets decoded
    bool done = false; // NLMSG_DONE seen: the dump is complete
    bool interrupted = false; // NLM_F_DUMP_INTR: the tables changed meanwhile, the dump may be inconsistent
    int kernelError = 0; // errno the kernel answered with (NLMSG_ERROR or a negative NLMSG_DONE)
};

// Decodes a datagram of netlink messages as recv() returned it, appending sockets to `out`. A
// malformed message (length out of bounds, a payload shorter than its struct, an attribute that
// overruns) is an error: the datagram cannot be trusted past it, and `out` keeps what came before.
// With `details`, each socket's SocketDetails is appended there too, in the same order.
std::expected<DumpChunkResult, DecodeFailure> decodeDumpChunk(std::span<const std::byte> chunk,
    CongestionNameTable &congestion, std::vector<SocketRecord> &out, std::vector<SocketDetails> *details = nullptr);

} // namespace TcpLens
