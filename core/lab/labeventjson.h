// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labrunner.h"
#include "lab/labscenario.h"

#include <QByteArray>
#include <QJsonObject>

namespace TcpLens::LabEventJson {

// The events of docs/lab.md ("The serve protocol"), as JSON objects. Pure.
QJsonObject ready(qint64 pid, bool userNamespace, quint64 netnsInode, bool nft);
QJsonObject loaded(const LabScenario &scenario);
QJsonObject step(int index, const QString &title, const QString &narration, qint64 monotonicNs);
QJsonObject expectation(int step, const QString &id, const QString &text, const QString &observed, LabVerdict verdict);
QJsonObject state(bool playing, int step, bool finished);
QJsonObject sysctl(const QString &key, const QString &value, bool ok, const QString &error);
QJsonObject mark(const QString &text);
QJsonObject finished(bool passed, int failed, int skipped);
QJsonObject error(const QString &message);
QString verdictName(LabVerdict verdict);
QJsonObject scenarioToJson(const LabScenario &scenario);
// One line: compact JSON and '\n'.
QByteArray line(const QJsonObject &event);

} // namespace TcpLens::LabEventJson
