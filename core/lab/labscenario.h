// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens {

// A comparison on a number: {"eq": N}, {"min": N}, {"max": N} or {"min": A, "max": B}.
struct LabComparison
{
    std::optional<double> eq;
    std::optional<double> min;
    std::optional<double> max;

    bool holds(double value) const;
    // "= 2", "≥ 8", "≤ 1", "between 1 and 3"
    QString describe() const;
};

// One thing a step does (docs/lab.md, "Actions"). Only the fields of its kind mean anything.
struct LabAction
{
    enum class Kind { Sysctl, Listen, Accept, Connect, Send, Read, Close, Drop, Undrop, Mark };
    enum class CloseAccepted { Never, AfterPeer, AtOnce };
    enum class CloseHow { Close, Shutdown, Linger0 };
    struct Keepalive
    {
        int idle = 0;
        int interval = 0;
        int count = 0;
    };

    Kind kind = Kind::Mark;
    QString name; // the listener or client group acted on
    // sysctl
    QString key; // "net.ipv4.tcp_abort_on_overflow"
    QString value;
    // listen
    int port = 0;
    int backlog = 128;
    bool accept = true; // listen, accept
    bool read = true; // listen, connect, read
    CloseAccepted closeAccepted = CloseAccepted::AfterPeer;
    int deferAcceptSeconds = 0;
    int fastopenQueue = 0;
    bool v6 = false;
    // connect
    int count = 1;
    double rate = 0; // per second; 0: all at once
    int bindPort = 0;
    bool fastopen = false;
    QByteArray data;
    std::optional<Keepalive> keepalive;
    QString address = QStringLiteral("127.0.0.1");
    // send
    qint64 bytes = 0;
    bool fill = false;
    // close
    CloseHow how = CloseHow::Close;
    // drop, undrop
    QString id;
    QString packets; // syn, synack, ack, fin, rst, data, all
    QString from = QStringLiteral("any"); // client, server, any
    double probability = 1;
    // mark
    QString text;
};

// One claim about the kernel (docs/lab.md, "Checks").
struct LabExpectation
{
    enum class Check { Counter, Sockets, Listener, Timer, Connect, Sysctl, Problem };
    enum class ListenerField { Limit, AcceptQueue, SynQueue };
    enum class Side { Any, Server, Client };

    QString id;
    QString text;
    Check check = Check::Sockets;
    LabComparison comparison;
    double withinSeconds = 0; // checked again until it holds or this long passed
    double withinFastSeconds = -1; // under --fast; < 0: the same
    // counter
    QString counter; // "TcpExt.ListenOverflows"
    bool sinceStep = false;
    // sockets, timer, listener
    std::optional<TcpState> state;
    int port = 0;
    Side side = Side::Any;
    ListenerField listenerField = ListenerField::Limit;
    // connect
    QString name;
    QString outcome; // connected, ETIMEDOUT, ECONNREFUSED, ECONNRESET, EADDRNOTAVAIL, pending
    std::optional<LabComparison> seconds;
    // sysctl
    QString key;
    // problem: a diagnosis rule's id (resources/diagnosis/rules.json), or "any" for every rule
    QString rule;
};

struct LabStep
{
    QString title;
    QString narration;
    QList<LabAction> actions;
    double waitSeconds = 0;
    double waitFastSeconds = -1; // under --fast; < 0: the same
    QList<LabExpectation> expectations;
};

// A lesson as a scenario on the real kernel, its texts already in the reader's language.
struct LabScenario
{
    int format = 1;
    QString name;
    QString title;
    QString summary;
    QString lessonSeed;
    QString lessonSection;
    QStringList requiredTools; // "requires": programs the scenario needs ("nft")
    QList<QPair<QString, QString>> sysctls; // written when the scenario starts, in this order
    QList<LabStep> steps;
};

} // namespace TcpLens
