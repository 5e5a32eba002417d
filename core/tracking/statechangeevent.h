// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QMetaType>
#include <QtGlobal>

#include <array>

namespace TcpLens {

// One state change of one socket as the kernel reported it through the tracepoint
// sock:inet_sock_set_state, which inet_sk_state_store() (called by tcp_set_state()) and
// inet_sk_set_state() (a new child in inet_csk_clone_lock()) fire. Addresses and ports are the
// socket's own: "local" is inet_saddr / inet_sport. The event carries no network namespace: the
// same 4-tuple can exist in two namespaces at once.
struct StateChangeEvent
{
    qint64 timeNs = 0; // CLOCK_MONOTONIC, as the perf sample was stamped
    quint64 socketAddress = 0; // skaddr: the kernel's struct sock *, stable for the socket's life
    TcpState oldState = TcpState::Unknown;
    TcpState newState = TcpState::Unknown;
    quint8 family = 0; // AF_INET or AF_INET6
    quint16 localPort = 0; // host order; 0 in the CLOSE -> SYN_SENT event of an unbound client
    quint16 remotePort = 0; // host order
    std::array<quint8, 16> localAddress{}; // IPv4 in the first 4 bytes, network order
    std::array<quint8, 16> remoteAddress{}; // IPv4 in the first 4 bytes, network order
    int cpu = -1; // the CPU whose ring buffer delivered the event

    friend bool operator==(const StateChangeEvent &, const StateChangeEvent &) = default;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::StateChangeEvent)
