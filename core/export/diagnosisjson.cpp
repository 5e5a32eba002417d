// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosisjson.h"

#include "export/snapshotjson.h"

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QJsonObject rowToJson(quint64 cookie, const SocketSnapshot &snapshot, const SocketRecord *socket,
    const QHash<quint64, SocketReading> &readings)
{
    // 64-bit cookies lose digits as JSON numbers (doubles): a string, as in `snapshot --json`.
    QJsonObject row{{u"cookie"_s, QString::number(cookie)}};
    if (socket) {
        row.insert(u"state"_s, QString(stateName(socket->displayState())));
        row.insert(u"local"_s, socket->localEndpoint());
        row.insert(u"remote"_s, socket->remoteEndpoint());
        OwnerAbsence absence = OwnerAbsence::NotResolved;
        if (const SocketOwner *owner = snapshot.owner(*socket, &absence)) {
            row.insert(u"process"_s, owner->command);
            row.insert(u"pid"_s, owner->pid);
        } else {
            row.insert(u"process"_s, QJsonValue());
            row.insert(u"pid"_s, QJsonValue());
            row.insert(u"owner_absent"_s, QString(ownerAbsenceName(absence)));
        }
    } else {
        // The problem names a socket the snapshot no longer holds (a namespace-wide condition's
        // history): its cookie is all there is.
        row.insert(u"state"_s, QJsonValue());
    }
    const auto reading = readings.constFind(cookie);
    row.insert(u"reading"_s, reading == readings.cend() ? QJsonArray() : readingToJson(*reading));
    return row;
}

} // namespace

QLatin1StringView evidenceKindName(DiagnosisEvidence::Kind kind)
{
    switch (kind) {
    case DiagnosisEvidence::Kind::State:
        return "state"_L1;
    case DiagnosisEvidence::Kind::Age:
        return "age"_L1;
    case DiagnosisEvidence::Kind::Timer:
        return "timer"_L1;
    case DiagnosisEvidence::Kind::Queue:
        return "queue"_L1;
    case DiagnosisEvidence::Kind::TcpInfo:
        return "tcp_info"_L1;
    case DiagnosisEvidence::Kind::Owner:
        return "owner"_L1;
    case DiagnosisEvidence::Kind::Listener:
        return "listener"_L1;
    case DiagnosisEvidence::Kind::Sysctl:
        return "sysctl"_L1;
    case DiagnosisEvidence::Kind::Counter:
        return "counter"_L1;
    case DiagnosisEvidence::Kind::Peer:
        return "peer"_L1;
    }
    return "unknown"_L1;
}

QJsonArray readingToJson(const SocketReading &reading)
{
    QJsonArray sentences;
    for (const DiagnosisSentence &sentence : reading.sentences) {
        QJsonArray evidence;
        for (const DiagnosisEvidence &fact : sentence.evidence) {
            evidence.append(QJsonObject{{u"kind"_s, QString(evidenceKindName(fact.kind))}, {u"key"_s, fact.key},
                {u"label"_s, fact.label}, {u"value"_s, fact.value}});
        }
        sentences.append(QJsonObject{{u"text"_s, sentence.text},
            {u"rule"_s, sentence.ruleId.isEmpty() ? QJsonValue() : QJsonValue(sentence.ruleId)},
            {u"evidence"_s, evidence}});
    }
    return sentences;
}

QJsonObject problemToJson(
    const DiagnosisProblem &problem, const SocketSnapshot &snapshot, const QHash<quint64, SocketReading> &readings)
{
    QHash<quint64, const SocketRecord *> byCookie;
    byCookie.reserve(problem.cookies.size());
    for (const quint64 cookie : problem.cookies)
        byCookie.insert(cookie, nullptr);
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (const auto found = byCookie.find(socket.cookie); found != byCookie.end())
            *found = &socket;
    }
    QJsonArray rows;
    for (const quint64 cookie : problem.cookies)
        rows.append(rowToJson(cookie, snapshot, byCookie.value(cookie), readings));
    return QJsonObject{
        {u"id"_s, problem.ruleId},
        {u"severity"_s, QString(severityName(problem.severity))},
        {u"title"_s, problem.title},
        {u"summary"_s, problem.summary},
        {u"fix"_s, problem.fix},
        {u"lesson"_s, QJsonObject{{u"seed"_s, problem.lesson.seed}, {u"section"_s, problem.lesson.section}}},
        {u"sysctls"_s, QJsonArray::fromStringList(problem.sysctls)},
        {u"counters"_s, QJsonArray::fromStringList(problem.counters)},
        {u"since"_s, problem.since.isValid() ? QJsonValue(problem.since.toString(Qt::ISODateWithMs)) : QJsonValue()},
        {u"sinceAtLeast"_s, problem.sinceAtLeast},
        {u"score"_s, problem.score},
        {u"rows"_s, rows},
    };
}

QJsonObject diagnosisToJson(
    const DiagnosisReport &report, const SocketSnapshot &snapshot, const QHash<quint64, SocketReading> &readings)
{
    QJsonArray problems;
    for (const DiagnosisProblem &problem : report.problems)
        problems.append(problemToJson(problem, snapshot, readings));
    return QJsonObject{
        {u"schema"_s, u"tcplens.doctor"_s},
        {u"schema_version"_s, DiagnosisJsonSchemaVersion},
        {u"generation"_s, qint64(report.generation)},
        {u"taken_at"_s,
            report.takenAt.isValid() ? QJsonValue(report.takenAt.toString(Qt::ISODateWithMs)) : QJsonValue()},
        {u"netns"_s, snapshot.netnsName().isEmpty() ? u"self"_s : snapshot.netnsName()},
        {u"netns_inode"_s, double(snapshot.netnsInode())},
        {u"socket_count"_s, qint64(snapshot.sockets().size())},
        {u"problems"_s, problems},
    };
}

} // namespace TcpLens
