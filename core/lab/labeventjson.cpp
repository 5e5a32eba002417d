// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labeventjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace TcpLens::LabEventJson {

using namespace Qt::StringLiterals;

QJsonObject ready(qint64 pid, bool userNamespace, quint64 netnsInode, bool nft)
{
    return {{u"event"_s, u"ready"_s}, {u"pid"_s, pid}, {u"userNamespace"_s, userNamespace},
        {u"netnsInode"_s, qint64(netnsInode)}, {u"tools"_s, QJsonObject{{u"nft"_s, nft}}}};
}

QJsonObject loaded(const LabScenario &scenario)
{
    return {{u"event"_s, u"loaded"_s}, {u"scenario"_s, scenarioToJson(scenario)}};
}

QJsonObject step(int index, const QString &title, const QString &narration, qint64 monotonicNs)
{
    return {{u"event"_s, u"step"_s}, {u"index"_s, index}, {u"title"_s, title}, {u"narration"_s, narration},
        {u"monotonicNs"_s, monotonicNs}};
}

QString verdictName(LabVerdict verdict)
{
    switch (verdict) {
    case LabVerdict::Pass:
        return u"pass"_s;
    case LabVerdict::Fail:
        return u"fail"_s;
    case LabVerdict::Pending:
        return u"pending"_s;
    case LabVerdict::Skipped:
        return u"skipped"_s;
    }
    return {};
}

QJsonObject expectation(int step, const QString &id, const QString &text, const QString &observed, LabVerdict verdict)
{
    return {{u"event"_s, u"expectation"_s}, {u"step"_s, step}, {u"id"_s, id}, {u"text"_s, text},
        {u"observed"_s, observed}, {u"verdict"_s, verdictName(verdict)}};
}

QJsonObject state(bool playing, int step, bool finished)
{
    return {{u"event"_s, u"state"_s}, {u"playing"_s, playing}, {u"step"_s, step}, {u"finished"_s, finished}};
}

QJsonObject sysctl(const QString &key, const QString &value, bool ok, const QString &error)
{
    return {{u"event"_s, u"sysctl"_s}, {u"key"_s, key}, {u"value"_s, value}, {u"ok"_s, ok}, {u"error"_s, error}};
}

QJsonObject mark(const QString &text)
{
    return {{u"event"_s, u"mark"_s}, {u"text"_s, text}};
}

QJsonObject finished(bool passed, int failed, int skipped)
{
    return {{u"event"_s, u"finished"_s}, {u"passed"_s, passed}, {u"failed"_s, failed}, {u"skipped"_s, skipped}};
}

QJsonObject error(const QString &message)
{
    return {{u"event"_s, u"error"_s}, {u"message"_s, message}};
}

QJsonObject scenarioToJson(const LabScenario &scenario)
{
    QJsonObject sysctls;
    for (const auto &[key, value] : scenario.sysctls)
        sysctls.insert(key, value);
    QJsonArray steps;
    for (const LabStep &step : scenario.steps) {
        QJsonArray expectations;
        for (const LabExpectation &e : step.expectations)
            expectations.append(
                QJsonObject{{u"id"_s, e.id}, {u"text"_s, e.text}, {u"expected"_s, e.comparison.describe()}});
        steps.append(QJsonObject{{u"title"_s, step.title}, {u"narration"_s, step.narration},
            {u"wait"_s, step.waitSeconds}, {u"actions"_s, int(step.actions.size())}, {u"expect"_s, expectations}});
    }
    return {{u"format"_s, scenario.format}, {u"name"_s, scenario.name}, {u"title"_s, scenario.title},
        {u"summary"_s, scenario.summary},
        {u"lesson"_s, QJsonObject{{u"seed"_s, scenario.lessonSeed}, {u"section"_s, scenario.lessonSection}}},
        {u"requires"_s, QJsonArray::fromStringList(scenario.requiredTools)}, {u"sysctls"_s, sysctls},
        {u"steps"_s, steps}};
}

QByteArray line(const QJsonObject &event)
{
    return QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace TcpLens::LabEventJson
