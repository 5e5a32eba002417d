// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisreport.h"
#include "model/socketsnapshot.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace TcpLens {

// The JSON form of a diagnosis, as `tcplens doctor --json` prints it (docs/json-schema.md, "tcplens
// doctor --json"). Pure: the report, the snapshot it was made from and the readings of the affected
// rows (Diagnoser::explain(), by cookie) in, a document out. Bump DiagnosisJsonSchemaVersion with any
// change a script could notice.
inline constexpr int DiagnosisJsonSchemaVersion = 1;

QJsonObject diagnosisToJson(
    const DiagnosisReport &report, const SocketSnapshot &snapshot, const QHash<quint64, SocketReading> &readings);
QJsonObject problemToJson(
    const DiagnosisProblem &problem, const SocketSnapshot &snapshot, const QHash<quint64, SocketReading> &readings);
// A reading's sentences: [{text, rule, evidence: [{kind, key, label, value}]}].
QJsonArray readingToJson(const SocketReading &reading);
// "state", "tcp_info", "sysctl": the evidence kinds' names in JSON.
QLatin1StringView evidenceKindName(DiagnosisEvidence::Kind kind);

} // namespace TcpLens
