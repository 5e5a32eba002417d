// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace TcpLens {

// The kernel's TCP states, numbered as in include/net/tcp_states.h, so that `1 << state` is the bit
// inet_diag_req_v2::idiag_states expects.
enum class TcpState : quint8 {
    Unknown = 0,
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
    // A request socket (SYN queue entry). inet_req_diag_fill() reports it as SYN_RECV; we keep the
    // kernel's own name for it internally so the SYN queue can be told from full sockets.
    NewSynRecv = 12,
};

inline constexpr int TcpStateCount = 13;

constexpr quint32 stateBit(TcpState state)
{
    return 1u << static_cast<quint8>(state);
}

// Every state a dump can return. NEW_SYN_RECV needs no bit of its own: asking for SYN_RECV returns
// request sockets too (inet_diag_dump_icsk() maps TCPF_NEW_SYN_RECV onto TCPF_SYN_RECV).
inline constexpr quint32 AllStatesMask = 0xfff;
inline constexpr quint32 ListenerStatesMask = (1u << 10) | (1u << 3);

// Names as `ss` prints them, so users can match the two tools' output.
QLatin1StringView stateName(TcpState state);
// Names as RFC 9293 and the lessons write them (SYN-RECEIVED, TIME-WAIT, ...).
QLatin1StringView stateRfcName(TcpState state);
// A state from what people write: "CLOSE-WAIT", "close_wait", "ESTAB", "SYN-RECEIVED", "CLOSED".
std::optional<TcpState> stateFromName(QString name);

} // namespace TcpLens
