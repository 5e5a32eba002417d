// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labscenarioparser.h"

#include "diagnosis/diagnosisruleset.h"
#include "model/jsonobjectreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// A duration: S, or {"seconds": S, "fast": F} where --fast takes F.
std::pair<double, double> duration(const JsonObjectReader &r, const QString &field)
{
    const QJsonValue v = r.value(field);
    if (v.isUndefined())
        return {0, -1};
    if (v.isObject()) {
        const JsonObjectReader inner = r.object(field, u"'"_s + field + u'\'');
        inner.onlyKnownFields({u"seconds"_s, u"fast"_s});
        return {inner.number(u"seconds"_s, 0, 0, 86400, false, true), inner.number(u"fast"_s, -1, 0, 86400)};
    }
    return {r.number(field, 0, 0, 86400), -1};
}

LabComparison comparison(const JsonObjectReader &r, const QString &field)
{
    const JsonObjectReader inner = r.object(field, u"'"_s + field + u'\'');
    inner.onlyKnownFields({u"eq"_s, u"min"_s, u"max"_s});
    LabComparison c;
    constexpr double Big = 1e18;
    if (inner.has(u"eq"_s))
        c.eq = inner.number(u"eq"_s, 0, -Big, Big);
    if (inner.has(u"min"_s))
        c.min = inner.number(u"min"_s, 0, -Big, Big);
    if (inner.has(u"max"_s))
        c.max = inner.number(u"max"_s, 0, -Big, Big);
    if (c.eq && (c.min || c.max))
        inner.fail(u"'eq' goes alone, without 'min' or 'max'"_s);
    if (!c.eq && !c.min && !c.max)
        inner.fail(u"needs 'eq', 'min' or 'max'"_s);
    if (c.min && c.max && *c.min > *c.max)
        inner.fail(u"'min' is above 'max'"_s);
    return c;
}

// "net.ipv4.tcp_fin_timeout": dotted, no way out of /proc/sys/net.
QString sysctlKey(const JsonObjectReader &reader, const QString &field, const QString &key)
{
    static const QRegularExpression valid(u"^net\\.[a-z0-9_]+(\\.[a-z0-9_]+)+$"_s);
    if (!valid.match(key).hasMatch())
        reader.fail(
            u"'%1' must be a per-namespace key under net., like net.ipv4.tcp_fin_timeout, not '%2'"_s.arg(field, key));
    return key;
}

LabAction parseAction(const JsonObjectReader &r)
{
    static const QStringList kinds = {u"sysctl"_s, u"listen"_s, u"accept"_s, u"connect"_s, u"send"_s, u"read"_s,
        u"close"_s, u"drop"_s, u"undrop"_s, u"mark"_s};
    const QJsonValue doValue = r.value(u"do"_s);
    if (!doValue.isString())
        r.fail(u"'do' is missing (one of %1)"_s.arg(kinds.join(u", "_s)));
    const QString kind = doValue.toString();
    if (!kinds.contains(kind))
        r.fail(u"unknown action '%1' (one of %2)"_s.arg(kind, kinds.join(u", "_s)));
    LabAction a;
    a.kind = LabAction::Kind(kinds.indexOf(kind));
    const auto name = [&] {
        return r.string(u"name"_s, QString(), true);
    };
    switch (a.kind) {
    case LabAction::Kind::Sysctl:
        r.onlyKnownFields({u"do"_s, u"key"_s, u"value"_s});
        a.key = sysctlKey(r, u"key"_s, r.string(u"key"_s, QString(), true));
        if (r.value(u"value"_s).isDouble())
            a.value = QString::number(r.number(u"value"_s, 0, -1e15, 1e15, true));
        else
            a.value = r.string(u"value"_s, QString(), true);
        break;
    case LabAction::Kind::Listen: {
        r.onlyKnownFields({u"do"_s, u"name"_s, u"port"_s, u"backlog"_s, u"accept"_s, u"read"_s, u"closeAccepted"_s,
            u"deferAccept"_s, u"fastopen"_s, u"v6"_s});
        a.name = name();
        a.port = r.integer(u"port"_s, 0, 1, 65535, true);
        a.backlog = r.integer(u"backlog"_s, 128, 0, 65535);
        a.accept = r.boolean(u"accept"_s, true);
        a.read = r.boolean(u"read"_s, true);
        const QString closing =
            r.oneOf(u"closeAccepted"_s, {u"never"_s, u"after-peer"_s, u"at-once"_s}, u"after-peer"_s);
        a.closeAccepted = closing == u"never"_s ? LabAction::CloseAccepted::Never
            : closing == u"at-once"_s           ? LabAction::CloseAccepted::AtOnce
                                                : LabAction::CloseAccepted::AfterPeer;
        a.deferAcceptSeconds = r.integer(u"deferAccept"_s, 0, 0, 3600);
        a.fastopenQueue = r.integer(u"fastopen"_s, 0, 0, 65535);
        a.v6 = r.boolean(u"v6"_s, false);
        break;
    }
    case LabAction::Kind::Accept:
        r.onlyKnownFields({u"do"_s, u"name"_s, u"accept"_s});
        a.name = name();
        a.accept = r.boolean(u"accept"_s, true);
        break;
    case LabAction::Kind::Connect: {
        r.onlyKnownFields({u"do"_s, u"name"_s, u"port"_s, u"count"_s, u"rate"_s, u"bindPort"_s, u"fastopen"_s,
            u"data"_s, u"keepalive"_s, u"read"_s, u"address"_s});
        a.name = name();
        a.port = r.integer(u"port"_s, 0, 1, 65535, true);
        a.count = r.integer(u"count"_s, 1, 1, 10000);
        a.rate = r.number(u"rate"_s, 0, 0, 100000);
        a.bindPort = r.integer(u"bindPort"_s, 0, 0, 65535);
        if (a.bindPort && a.bindPort + a.count - 1 > 65535)
            r.fail(u"'bindPort' + 'count' goes past port 65535"_s);
        a.fastopen = r.boolean(u"fastopen"_s, false);
        a.data = r.string(u"data"_s).toUtf8();
        a.read = r.boolean(u"read"_s, true);
        a.address = r.string(u"address"_s, u"127.0.0.1"_s);
        static const QRegularExpression loopback(u"^(127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|::1)$"_s);
        if (!loopback.match(a.address).hasMatch())
            r.fail(u"'address' must be a loopback address (127.x.y.z or ::1), not '%1'"_s.arg(a.address));
        if (r.has(u"keepalive"_s)) {
            const JsonObjectReader k = r.object(u"keepalive"_s, u"'keepalive'"_s);
            k.onlyKnownFields({u"idle"_s, u"interval"_s, u"count"_s});
            a.keepalive = LabAction::Keepalive{k.integer(u"idle"_s, 0, 1, 32767, true),
                k.integer(u"interval"_s, 0, 1, 32767, true), k.integer(u"count"_s, 0, 1, 127, true)};
        }
        break;
    }
    case LabAction::Kind::Send:
        r.onlyKnownFields({u"do"_s, u"name"_s, u"bytes"_s, u"fill"_s});
        a.name = name();
        a.bytes = qint64(r.number(u"bytes"_s, 0, 0, 1e9, true));
        a.fill = r.boolean(u"fill"_s, false);
        if (!a.fill && a.bytes == 0)
            r.fail(u"needs 'bytes' (a whole number > 0) or \"fill\": true"_s);
        break;
    case LabAction::Kind::Read:
        r.onlyKnownFields({u"do"_s, u"name"_s, u"read"_s});
        a.name = name();
        a.read = r.boolean(u"read"_s, true);
        break;
    case LabAction::Kind::Close: {
        r.onlyKnownFields({u"do"_s, u"name"_s, u"how"_s});
        a.name = name();
        const QString how = r.oneOf(u"how"_s, {u"close"_s, u"shutdown"_s, u"linger0"_s}, u"close"_s);
        a.how = how == u"shutdown"_s ? LabAction::CloseHow::Shutdown
            : how == u"linger0"_s    ? LabAction::CloseHow::Linger0
                                     : LabAction::CloseHow::Close;
        break;
    }
    case LabAction::Kind::Drop:
        r.onlyKnownFields({u"do"_s, u"id"_s, u"packets"_s, u"port"_s, u"from"_s, u"probability"_s});
        a.id = r.string(u"id"_s, QString(), true);
        a.packets = r.oneOf(u"packets"_s, {u"syn"_s, u"synack"_s, u"ack"_s, u"fin"_s, u"rst"_s, u"data"_s, u"all"_s});
        a.port = r.integer(u"port"_s, 0, 1, 65535, true);
        a.from = r.oneOf(u"from"_s, {u"client"_s, u"server"_s, u"any"_s}, u"any"_s);
        a.probability = r.number(u"probability"_s, 1, 0, 1);
        break;
    case LabAction::Kind::Undrop:
        r.onlyKnownFields({u"do"_s, u"id"_s});
        a.id = r.string(u"id"_s, QString(), true);
        break;
    case LabAction::Kind::Mark:
        r.onlyKnownFields({u"do"_s}, {u"text"_s});
        a.text = r.text(u"text"_s, true);
        break;
    }
    return a;
}

LabExpectation parseExpectation(const JsonObjectReader &r)
{
    static const QStringList checks = {
        u"counter"_s, u"sockets"_s, u"listener"_s, u"timer"_s, u"connect"_s, u"sysctl"_s, u"problem"_s};
    const QJsonValue checkValue = r.value(u"check"_s);
    if (!checkValue.isString())
        r.fail(u"'check' is missing (one of %1)"_s.arg(checks.join(u", "_s)));
    if (!checks.contains(checkValue.toString()))
        r.fail(u"unknown check '%1' (one of %2)"_s.arg(checkValue.toString(), checks.join(u", "_s)));
    LabExpectation e;
    e.check = LabExpectation::Check(checks.indexOf(checkValue.toString()));
    const QStringList common = {u"id"_s, u"check"_s, u"within"_s};
    e.id = r.string(u"id"_s, QString(), true);
    e.text = r.text(u"text"_s, true);
    std::tie(e.withinSeconds, e.withinFastSeconds) = duration(r, u"within"_s);
    const auto state = [&](bool required) {
        if (!required && !r.has(u"state"_s))
            return;
        const QString name = r.string(u"state"_s, QString(), true);
        e.state = stateFromName(name);
        if (!e.state)
            r.fail(u"'state' must be a TCP state like SYN-SENT, ESTABLISHED or TIME-WAIT, not '%1'"_s.arg(name));
    };
    const auto side = [&] {
        const QString text = r.oneOf(u"side"_s, {u"server"_s, u"client"_s, u"any"_s}, u"any"_s);
        e.side = text == u"server"_s ? LabExpectation::Side::Server
            : text == u"client"_s    ? LabExpectation::Side::Client
                                     : LabExpectation::Side::Any;
    };
    const QString comparisonField = u"value"_s;
    switch (e.check) {
    case LabExpectation::Check::Counter: {
        r.onlyKnownFields(common + QStringList{u"counter"_s, u"since"_s, u"eq"_s, u"min"_s, u"max"_s}, {u"text"_s});
        e.counter = r.string(u"counter"_s, QString(), true);
        static const QRegularExpression counterName(u"^[A-Za-z0-9]+(\\.[A-Za-z0-9_]+)+$"_s);
        if (!counterName.match(e.counter).hasMatch())
            r.fail(u"'counter' must be Group.Name, like TcpExt.ListenOverflows, not '%1'"_s.arg(e.counter));
        e.sinceStep = r.oneOf(u"since"_s, {u"scenario"_s, u"step"_s}, u"scenario"_s) == u"step"_s;
        break;
    }
    case LabExpectation::Check::Sockets:
    case LabExpectation::Check::Timer:
        // The same socket selection; only a socket count needs no state (a timer does).
        r.onlyKnownFields(
            common + QStringList{u"state"_s, u"port"_s, u"side"_s, u"eq"_s, u"min"_s, u"max"_s}, {u"text"_s});
        state(e.check == LabExpectation::Check::Sockets);
        e.port = r.integer(u"port"_s, 0, 0, 65535);
        side();
        break;
    case LabExpectation::Check::Listener: {
        r.onlyKnownFields(common + QStringList{u"port"_s, u"limit"_s, u"acceptQueue"_s, u"synQueue"_s}, {u"text"_s});
        e.port = r.integer(u"port"_s, 0, 1, 65535, true);
        const QStringList fields = {u"limit"_s, u"acceptQueue"_s, u"synQueue"_s};
        int given = 0;
        for (int i = 0; i < fields.size(); ++i) {
            if (r.has(fields[i])) {
                ++given;
                e.listenerField = LabExpectation::ListenerField(i);
                e.comparison = comparison(r, fields[i]);
            }
        }
        if (given != 1)
            r.fail(u"a listener check takes exactly one of 'limit', 'acceptQueue', 'synQueue'"_s);
        return e;
    }
    case LabExpectation::Check::Connect: {
        r.onlyKnownFields(
            common + QStringList{u"name"_s, u"outcome"_s, u"seconds"_s, u"eq"_s, u"min"_s, u"max"_s}, {u"text"_s});
        e.name = r.string(u"name"_s, QString(), true);
        e.outcome = r.oneOf(u"outcome"_s,
            {u"connected"_s, u"ETIMEDOUT"_s, u"ECONNREFUSED"_s, u"ECONNRESET"_s, u"EADDRNOTAVAIL"_s, u"pending"_s});
        if (r.has(u"seconds"_s))
            e.seconds = comparison(r, u"seconds"_s);
        break;
    }
    case LabExpectation::Check::Sysctl:
        r.onlyKnownFields(common + QStringList{u"key"_s, u"eq"_s, u"min"_s, u"max"_s}, {u"text"_s});
        e.key = sysctlKey(r, u"key"_s, r.string(u"key"_s, QString(), true));
        break;
    case LabExpectation::Check::Problem: {
        r.onlyKnownFields(common + QStringList{u"rule"_s, u"eq"_s, u"min"_s, u"max"_s}, {u"text"_s});
        e.rule = r.string(u"rule"_s, QString(), true);
        if (e.rule != "any"_L1 && !DiagnosisRuleSet::builtIn().find(e.rule)) {
            QStringList ids{u"any"_s};
            for (const DiagnosisRule &rule : DiagnosisRuleSet::builtIn().rules())
                ids.append(rule.id);
            r.fail(u"'rule' must be a diagnosis rule (%1), not '%2'"_s.arg(ids.join(u", "_s), e.rule));
        }
        break;
    }
    }
    // The comparison's fields sit in the check itself: {"check": "sockets", ..., "eq": 2}.
    QJsonObject fields;
    for (const QString &field : {u"eq"_s, u"min"_s, u"max"_s}) {
        if (r.has(field))
            fields.insert(field, r.value(field));
    }
    QJsonObject wrapper;
    wrapper.insert(comparisonField, fields);
    e.comparison = comparison(JsonObjectReader(wrapper, r.place(), QString()), comparisonField);
    return e;
}

LabScenario parseScenario(const QJsonObject &root, const QString &locale)
{
    const JsonObjectReader r(root, QString(), locale);
    r.onlyKnownFields(
        {u"format"_s, u"name"_s, u"lesson"_s, u"requires"_s, u"sysctls"_s, u"steps"_s}, {u"title"_s, u"summary"_s});
    LabScenario s;
    s.format = r.integer(u"format"_s, 0, 1, 1, true);
    s.name = r.string(u"name"_s, QString(), true);
    static const QRegularExpression validName(u"^[a-z0-9][a-z0-9-]*$"_s);
    if (!validName.match(s.name).hasMatch())
        r.fail(u"'name' must be lowercase letters, digits and '-', like accept-overflow, not '%1'"_s.arg(s.name));
    s.title = r.text(u"title"_s, true);
    s.summary = r.text(u"summary"_s);
    if (r.has(u"lesson"_s)) {
        const JsonObjectReader lesson = r.object(u"lesson"_s, u"'lesson'"_s);
        lesson.onlyKnownFields({u"seed"_s, u"section"_s});
        s.lessonSeed = lesson.string(u"seed"_s);
        s.lessonSection = lesson.string(u"section"_s);
    }
    const QJsonArray tools = r.array(u"requires"_s);
    for (const QJsonValue &tool : tools) {
        if (tool.toString() != u"nft"_s)
            r.fail(u"'requires' knows only \"nft\""_s);
        s.requiredTools.append(tool.toString());
    }
    if (r.has(u"sysctls"_s)) {
        const QJsonValue v = r.value(u"sysctls"_s);
        if (!v.isObject())
            r.fail(u"'sysctls' must be an object of key: value"_s);
        const QJsonObject sysctls = v.toObject();
        for (auto it = sysctls.begin(); it != sysctls.end(); ++it) {
            sysctlKey(r, u"sysctls"_s, it.key());
            if (it.value().isString())
                s.sysctls.append({it.key(), it.value().toString()});
            else if (it.value().isDouble() && it.value().toDouble() == std::floor(it.value().toDouble()))
                s.sysctls.append({it.key(), QString::number(it.value().toInteger())});
            else
                r.fail(u"'sysctls': the value of %1 must be a string or a whole number"_s.arg(it.key()));
        }
    }
    const QJsonArray steps = r.array(u"steps"_s);
    if (steps.isEmpty())
        r.fail(u"'steps' must be a non-empty array"_s);
    QSet<QString> ids;
    QSet<QString> dropIds;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString stepPlace = u"step %1"_s.arg(i + 1);
        const JsonObjectReader step = r.element(steps, i, stepPlace);
        step.onlyKnownFields({u"actions"_s, u"wait"_s, u"expect"_s}, {u"title"_s, u"narration"_s});
        LabStep parsed;
        parsed.title = step.text(u"title"_s, true);
        parsed.narration = step.text(u"narration"_s);
        std::tie(parsed.waitSeconds, parsed.waitFastSeconds) = duration(step, u"wait"_s);
        const QJsonArray actions = step.array(u"actions"_s);
        for (qsizetype j = 0; j < actions.size(); ++j) {
            const LabAction action = parseAction(step.element(actions, j, stepPlace + u", action %1"_s.arg(j + 1)));
            if (action.kind == LabAction::Kind::Drop) {
                if (!s.requiredTools.contains(u"nft"_s))
                    step.fail(u"action %1: 'drop' needs \"requires\": [\"nft\"] in the scenario"_s.arg(j + 1));
                dropIds.insert(action.id);
            }
            parsed.actions.append(action);
        }
        const QJsonArray expectations = step.array(u"expect"_s);
        for (qsizetype j = 0; j < expectations.size(); ++j) {
            const LabExpectation e =
                parseExpectation(step.element(expectations, j, stepPlace + u", expectation %1"_s.arg(j + 1)));
            if (ids.contains(e.id))
                step.fail(u"expectation %1: the id '%2' is used twice"_s.arg(j + 1).arg(e.id));
            ids.insert(e.id);
            parsed.expectations.append(e);
        }
        s.steps.append(parsed);
    }
    return s;
}

} // namespace

bool LabComparison::holds(double value) const
{
    if (eq)
        return value == *eq;
    return (!min || value >= *min) && (!max || value <= *max);
}

QString LabComparison::describe() const
{
    if (eq)
        return u"= "_s + QString::number(*eq);
    if (min && max)
        return QString::number(*min) + u"…"_s + QString::number(*max);
    if (min)
        return u"≥ "_s + QString::number(*min);
    return u"≤ "_s + QString::number(max.value_or(0));
}

std::expected<LabScenario, QString> LabScenarioParser::parse(const QByteArray &json, const QString &locale)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(u"not JSON: %1 at byte %2"_s.arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return std::unexpected(u"a scenario is a JSON object"_s);
    try {
        return parseScenario(document.object(), locale);
    } catch (const JsonParseError &e) {
        return std::unexpected(e.message);
    }
}

} // namespace TcpLens
