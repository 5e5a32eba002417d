// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens {

// Where a rule's knowledge comes from: a lesson of ../shared/seeds (seed "002", its section title).
struct LessonReference
{
    QString seed;
    QString section;
};

// One rule of the diagnosis (resources/diagnosis/rules.json, docs/diagnosis.md): a condition from a
// fixed vocabulary the Diagnoser implements, the thresholds that tune it, and the texts that explain
// it, already in the reader's language. Rules are data so that they can grow without C++.
struct DiagnosisRule
{
    // What the rule looks for; each names the kernel behaviour behind it in diagnoser.cpp.
    enum class Condition : quint8 {
        CloseWait, // CLOSE-WAIT for long with nothing sent: the application never called close()
        OrphanFinWait2, // FIN-WAIT-2 with no process: closed, waiting for the peer's FIN
        SynSentUnanswered, // SYN-SENT retransmitting its SYN
        SynAckUnanswered, // a request socket retransmitting its SYN-ACK, the listener's queue not full
        AckedRequests, // request sockets held in the SYN queue because the accept queue is full
        AcceptQueueFull, // a listener whose accept queue is at its limit
        SynQueueOverflow, // SYNs dropped or answered with cookies because the SYN queue is full
        PeerZeroWindow, // data waits because the peer advertises a zero window
        Retransmitting, // consecutive retransmission timeouts of the same segment
        KeepaliveUnanswered, // keepalive probes without answer
        TimeWaitPileUp, // TIME-WAIT sockets near tcp_max_tw_buckets, or beyond it
        PortExhaustion, // connections to one destination use up the local port range
    };
    enum class Severity : quint8 { Info, Warning, Error };

    // A sentence of a reading: text with {placeholders}, and the evidence it rests on ("state",
    // "sysctl:net.ipv4.tcp_fin_timeout", "counter:TcpExt.ListenOverflows"; docs/diagnosis.md).
    struct Sentence
    {
        QString text;
        QStringList evidence;
    };

    QString id; // "close-wait-leak"
    Condition condition = Condition::CloseWait;
    Severity severity = Severity::Warning;
    LessonReference lesson;
    QHash<QString, double> thresholds; // every threshold of the condition, defaults filled in
    QString title; // "Connections stuck in CLOSE-WAIT"
    QString summary; // one line for the Problems view, with the problem's placeholders
    QList<Sentence> reading; // what the rule says about one socket
    QString fix; // the sysctl or code change that addresses it
    QStringList sysctls; // the keys the fix names
    QStringList counters; // the counters that show it

    double threshold(const QString &name) const { return thresholds.value(name); }
};

QLatin1StringView conditionName(DiagnosisRule::Condition condition);
std::optional<DiagnosisRule::Condition> conditionFromName(QStringView name);
QLatin1StringView severityName(DiagnosisRule::Severity severity);

} // namespace TcpLens
