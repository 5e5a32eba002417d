// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tcpstate.h"

#include <QList>

#include <array>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
// ss prints TCP_CLOSE as UNCONN, its word for any unconnected socket; for a connection's end, CLOSED
// says what happened.
constexpr std::array<QLatin1StringView, TcpStateCount> SsNames = {
    "UNKNOWN"_L1,
    "ESTAB"_L1,
    "SYN-SENT"_L1,
    "SYN-RECV"_L1,
    "FIN-WAIT-1"_L1,
    "FIN-WAIT-2"_L1,
    "TIME-WAIT"_L1,
    "CLOSED"_L1,
    "CLOSE-WAIT"_L1,
    "LAST-ACK"_L1,
    "LISTEN"_L1,
    "CLOSING"_L1,
    "SYN-RECV"_L1,
};
constexpr std::array<QLatin1StringView, TcpStateCount> RfcNames = {
    "UNKNOWN"_L1,
    "ESTABLISHED"_L1,
    "SYN-SENT"_L1,
    "SYN-RECEIVED"_L1,
    "FIN-WAIT-1"_L1,
    "FIN-WAIT-2"_L1,
    "TIME-WAIT"_L1,
    "CLOSED"_L1,
    "CLOSE-WAIT"_L1,
    "LAST-ACK"_L1,
    "LISTEN"_L1,
    "CLOSING"_L1,
    "SYN-RECEIVED"_L1,
};
} // namespace

QLatin1StringView stateName(TcpState state)
{
    const auto index = static_cast<quint8>(state);
    return index < SsNames.size() ? SsNames[index] : SsNames[0];
}

QLatin1StringView stateRfcName(TcpState state)
{
    const auto index = static_cast<quint8>(state);
    return index < RfcNames.size() ? RfcNames[index] : RfcNames[0];
}

std::optional<TcpState> stateFromName(QString name)
{
    name = name.toUpper().replace(u'_', u'-');
    static const QList<QPair<QString, TcpState>> names = {{u"ESTABLISHED"_s, TcpState::Established},
        {u"ESTAB"_s, TcpState::Established}, {u"SYN-SENT"_s, TcpState::SynSent}, {u"SYN-RECV"_s, TcpState::SynRecv},
        {u"SYN-RECEIVED"_s, TcpState::SynRecv}, {u"FIN-WAIT-1"_s, TcpState::FinWait1},
        {u"FIN-WAIT-2"_s, TcpState::FinWait2}, {u"TIME-WAIT"_s, TcpState::TimeWait}, {u"CLOSE"_s, TcpState::Close},
        {u"CLOSED"_s, TcpState::Close}, {u"CLOSE-WAIT"_s, TcpState::CloseWait}, {u"LAST-ACK"_s, TcpState::LastAck},
        {u"LISTEN"_s, TcpState::Listen}, {u"CLOSING"_s, TcpState::Closing}};
    for (const auto &[text, state] : names) {
        if (text == name)
            return state;
    }
    return std::nullopt;
}

} // namespace TcpLens
