// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <span>

namespace TcpLens {

// Which part of a connection's life an edge belongs to, so the diagram can draw the client's path,
// the server's and the simultaneous ones apart.
enum class TransitionPath : quint8 {
    ActiveOpen, // the client: connect()
    PassiveOpen, // the server: listen(), then a SYN arrives
    SimultaneousOpen, // both sent SYN at once
    ActiveClose, // the side that calls close() first
    PassiveClose, // the side that receives the first FIN
    SimultaneousClose, // both sent FIN at once
    Abort, // RST, timeouts, resource limits: straight to CLOSED
};

QLatin1StringView pathName(TransitionPath path);

// One legal edge of RFC 9293's state diagram, as Linux implements it, with what causes it and what
// governs it. A single table (TcpStateMachine::transitions()) feeds the tracker's inference, the
// diagram's layout and its tooltips.
struct TcpTransition
{
    TcpState from;
    TcpState to;
    TransitionPath path;
    QLatin1StringView event; // "receive SYN+ACK / send ACK"
    QLatin1StringView kernelDetail; // where Linux does it, for the curious; UTF-8 (its arrows): kernelText()
    std::span<const QLatin1StringView> sysctls; // net.ipv4.* keys that govern the edge
    std::span<const QLatin1StringView> counters; // /proc/net/netstat or snmp counters it moves
};

// What a state means and what governs how long a socket stays in it.
struct TcpStateDescription
{
    TcpState state;
    QLatin1StringView summary;
    std::span<const QLatin1StringView> sysctls;
    std::span<const QLatin1StringView> counters;
};

class TcpStateMachine
{
public:
    static std::span<const TcpTransition> transitions();
    static std::span<const TcpStateDescription> states();
    static const TcpStateDescription &describe(TcpState state);
    // The edge's event and the state's summary in the display language (the table keeps English,
    // which `watch --json` and the docs use).
    static QString eventText(const TcpTransition &edge);
    static QString summaryText(const TcpStateDescription &description);
    static QString pathText(TransitionPath path); // pathName() in the display language
    // kernelDetail decoded as the UTF-8 it is; not translated: it names kernel functions.
    static QString kernelText(const TcpTransition &edge);

    static bool isLegal(TcpState from, TcpState to);
    static const TcpTransition *transition(TcpState from, TcpState to);
    // The shortest legal path from `from` to `to`, both ends included; empty when there is none.
    // Abort edges are used only when nothing else leads there, so that a socket seen ESTABLISHED and
    // then gone is not guessed to have been reset.
    static QList<TcpState> shortestPath(TcpState from, TcpState to);
};

} // namespace TcpLens
