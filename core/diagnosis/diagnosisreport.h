// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisrule.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace TcpLens {

// One fact a sentence rests on: "Timer: retransmit, 3 retries", "tcp_syn_retries: 6". `key` links
// to the explanation in the catalogs: a state name, a sysctl key or a counter name.
struct DiagnosisEvidence
{
    enum class Kind : quint8 { State, Age, Timer, Queue, TcpInfo, Owner, Listener, Sysctl, Counter, Peer };
    Kind kind = Kind::State;
    QString key; // "CLOSE-WAIT", "net.ipv4.tcp_fin_timeout", "TcpExt.ListenOverflows", "recvq"
    QString label; // "State", "tcp_fin_timeout"
    QString value; // "CLOSE-WAIT", "60"

    bool operator==(const DiagnosisEvidence &) const = default;
};

struct DiagnosisSentence
{
    QString text;
    QList<DiagnosisEvidence> evidence;
    QString ruleId; // empty: the state's own reading
};

// Why one socket is where it is: the state's reading, then each rule it matched.
struct SocketReading
{
    quint64 cookie = 0;
    QList<DiagnosisSentence> sentences;
    QStringList ruleIds; // the rules it matched, most severe first
    std::optional<DiagnosisRule::Severity> severity; // none: nothing wrong
    QStringList fixes;
};

// One rule that found something, across the namespace.
struct DiagnosisProblem
{
    QString ruleId;
    DiagnosisRule::Severity severity = DiagnosisRule::Severity::Warning;
    QString title;
    QString summary; // filled in: "In CLOSE-WAIT: 3, the oldest for 4 min. The peer closed; nginx (812) ..."
    QString fix;
    LessonReference lesson;
    QStringList sysctls;
    QStringList counters;
    QList<quint64> cookies; // the affected rows; empty for a namespace-wide condition
    qint64 sinceNs = 0; // monotonic: the oldest affected row's (or the condition's) start
    bool sinceAtLeast = false;
    QDateTime since; // the same as wall-clock time
    double score = 0; // ranks problems: severity first, then how many and how long
};

// Everything one diagnosis found, problems ranked most urgent first.
struct DiagnosisReport
{
    quint64 generation = 0; // of the snapshot diagnosed
    qint64 monotonicNs = 0;
    QDateTime takenAt;
    QList<DiagnosisProblem> problems;

    bool isEmpty() const { return problems.isEmpty(); }
    // Points into this report: keep the report while the pointer is used.
    const DiagnosisProblem *find(const QString &ruleId) const &;
    const DiagnosisProblem *find(const QString &ruleId) const && = delete;
    bool has(const QString &ruleId) const { return std::as_const(*this).find(ruleId) != nullptr; }
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::DiagnosisReport)
