// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosisruleset.h"

#include "i18n/displaylanguage.h"
#include "model/jsonobjectreader.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

using Condition = DiagnosisRule::Condition;

// The facts a text may name in braces (docs/diagnosis.md, "Placeholders"), besides sysctl:KEY,
// counter:NAME and rate:NAME.
const QSet<QString> &placeholderNames()
{
    static const QSet<QString> names = {u"state"_s, u"age"_s, u"process"_s, u"pid"_s, u"owner"_s, u"local"_s,
        u"remote"_s, u"recvq"_s, u"sendq"_s, u"timerLeft"_s, u"retries"_s, u"probes"_s, u"limit"_s, u"length"_s,
        u"synQueue"_s, u"giveUp"_s, u"left"_s, u"peerState"_s, u"listener"_s, u"count"_s, u"oldest"_s, u"processes"_s,
        u"twCount"_s, u"twLimit"_s, u"portsUsed"_s, u"portRange"_s, u"destination"_s};
    return names;
}

// The evidence a sentence may rest on (docs/diagnosis.md, "Evidence"), besides sysctl:KEY and counter:NAME.
const QSet<QString> &evidenceNames()
{
    static const QSet<QString> names = {u"state"_s, u"age"_s, u"timer"_s, u"recvq"_s, u"sendq"_s, u"retransmits"_s,
        u"probes"_s, u"sendWindow"_s, u"unacked"_s, u"lastAck"_s, u"owner"_s, u"acceptQueue"_s, u"synQueue"_s,
        u"peer"_s, u"listener"_s, u"destination"_s};
    return names;
}

void checkPlaceholders(const JsonObjectReader &r, const QString &field, const QString &text)
{
    static const QRegularExpression braces(u"\\{([^{}]*)\\}"_s);
    for (auto it = braces.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (placeholderNames().contains(name))
            continue;
        const QString prefix = name.section(u':', 0, 0);
        if (name.contains(u':') && (prefix == "sysctl"_L1 || prefix == "counter"_L1 || prefix == "rate"_L1) &&
            !name.section(u':', 1).isEmpty())
            continue;
        r.fail(u"'%1' names an unknown placeholder {%2}"_s.arg(field, name));
    }
}

QList<DiagnosisRule::Sentence> parseSentences(const JsonObjectReader &r, const QString &field)
{
    QList<DiagnosisRule::Sentence> sentences;
    const QJsonArray array = r.array(field);
    if (array.isEmpty())
        r.fail(u"'%1' must be a non-empty array of sentences"_s.arg(field));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const JsonObjectReader s = r.element(array, i, r.place() + u", sentence %1"_s.arg(i + 1));
        s.onlyKnownFields({u"evidence"_s}, {u"text"_s});
        DiagnosisRule::Sentence sentence;
        sentence.text = s.text(u"text"_s, true);
        checkPlaceholders(s, u"text"_s, sentence.text);
        const QJsonArray evidence = s.array(u"evidence"_s);
        for (const QJsonValue &e : evidence) {
            const QString name = e.toString();
            const bool prefixed = (name.startsWith("sysctl:"_L1) && name.size() > 7) ||
                (name.startsWith("counter:"_L1) && name.size() > 8);
            if (!e.isString() || !(evidenceNames().contains(name) || prefixed))
                s.fail(u"unknown evidence '%1'"_s.arg(e.toVariant().toString()));
            sentence.evidence.append(name);
        }
        sentences.append(sentence);
    }
    return sentences;
}

QStringList parseNames(const JsonObjectReader &r, const QString &field)
{
    QStringList names;
    for (const QJsonValue &v : r.array(field)) {
        if (!v.isString() || v.toString().isEmpty())
            r.fail(u"'%1' must be an array of names"_s.arg(field));
        names.append(v.toString());
    }
    return names;
}

DiagnosisRule parseRule(const JsonObjectReader &r)
{
    r.onlyKnownFields({u"id"_s, u"condition"_s, u"severity"_s, u"lesson"_s, u"thresholds"_s, u"reading"_s, u"sysctls"_s,
                          u"counters"_s},
        {u"title"_s, u"summary"_s, u"fix"_s});
    DiagnosisRule rule;
    rule.id = r.string(u"id"_s, QString(), true);
    static const QRegularExpression validId(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    if (!validId.match(rule.id).hasMatch())
        r.fail(u"'id' must be lower-case words joined by '-', not '%1'"_s.arg(rule.id));
    const QString conditionText = r.string(u"condition"_s, QString(), true);
    const auto condition = conditionFromName(conditionText);
    if (!condition) {
        QStringList known;
        for (int c = 0; c <= int(Condition::PortExhaustion); ++c)
            known.append(conditionName(Condition(c)));
        r.fail(u"unknown condition '%1' (one of %2)"_s.arg(conditionText, known.join(u", "_s)));
    }
    rule.condition = *condition;
    rule.severity = DiagnosisRule::Severity(QStringList{u"info"_s, u"warning"_s, u"error"_s}.indexOf(
        r.oneOf(u"severity"_s, {u"info"_s, u"warning"_s, u"error"_s})));
    const JsonObjectReader lesson = r.object(u"lesson"_s, u"'lesson'"_s);
    lesson.onlyKnownFields({u"seed"_s, u"section"_s});
    rule.lesson = {lesson.string(u"seed"_s, QString(), true), lesson.string(u"section"_s, QString(), true)};
    rule.thresholds = DiagnosisRuleSet::defaultThresholds(rule.condition);
    if (r.has(u"thresholds"_s)) {
        const JsonObjectReader thresholds = r.object(u"thresholds"_s, u"'thresholds'"_s);
        const QStringList known = rule.thresholds.keys();
        for (const QString &name : thresholds.json().keys()) {
            if (!known.contains(name))
                thresholds.fail(u"unknown threshold '%1' for condition %2 (it has: %3)"_s.arg(
                    name, conditionText, known.isEmpty() ? u"none"_s : known.join(u", "_s)));
            rule.thresholds[name] = thresholds.number(name, 0, 0, 1e12);
        }
    }
    rule.title = r.text(u"title"_s, true);
    rule.summary = r.text(u"summary"_s, true);
    checkPlaceholders(r, u"summary"_s, rule.summary);
    rule.fix = r.text(u"fix"_s, true);
    checkPlaceholders(r, u"fix"_s, rule.fix);
    rule.reading = parseSentences(r, u"reading"_s);
    rule.sysctls = parseNames(r, u"sysctls"_s);
    rule.counters = parseNames(r, u"counters"_s);
    return rule;
}

void parseSet(const QJsonObject &object, const QString &locale, QList<DiagnosisRule> &rules,
    QHash<TcpState, QList<DiagnosisRule::Sentence>> &states)
{
    const JsonObjectReader root(object, QString(), locale);
    root.onlyKnownFields({u"format"_s, u"states"_s, u"rules"_s});
    if (root.integer(u"format"_s, 0, 0, 1000, true) != 1)
        root.fail(u"'format' must be 1 (this TCP Lens reads format 1)"_s);
    const JsonObjectReader stateTexts = root.object(u"states"_s, u"'states'"_s);
    for (const QString &name : stateTexts.json().keys()) {
        const auto state = stateFromName(name);
        if (!state)
            stateTexts.fail(u"unknown state '%1'"_s.arg(name));
        QJsonObject wrapper;
        wrapper.insert(u"reading"_s, stateTexts.value(name));
        states.insert(*state,
            parseSentences(JsonObjectReader(wrapper, stateTexts.place() + u", "_s + name, locale), u"reading"_s));
    }
    const QJsonArray array = root.array(u"rules"_s);
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject raw = array.at(i).toObject();
        const QString place = u"rule %1"_s.arg(i + 1) +
            (raw.value(u"id"_s).isString() ? u" '"_s + raw.value(u"id"_s).toString() + u'\'' : QString());
        DiagnosisRule rule = parseRule(root.element(array, i, place));
        if (ids.contains(rule.id))
            throw JsonParseError{place + u": a rule with this id comes before"_s};
        ids.insert(rule.id);
        rules.append(std::move(rule));
    }
}

} // namespace

std::expected<DiagnosisRuleSet, QString> DiagnosisRuleSet::parse(const QByteArray &json, const QString &locale)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(u"not JSON: %1 at byte %2"_s.arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return std::unexpected(u"a rules file is a JSON object"_s);
    DiagnosisRuleSet set;
    try {
        parseSet(document.object(), locale, set.m_rules, set.m_states);
    } catch (const JsonParseError &e) {
        return std::unexpected(e.message);
    }
    return set;
}

const DiagnosisRuleSet &DiagnosisRuleSet::builtIn()
{
    static const DiagnosisRuleSet rules = [] {
        QFile file(u":/diagnosis/rules.json"_s);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("the built-in diagnosis rules are missing from the resources");
        auto parsed = parse(file.readAll(), DisplayLanguage::current());
        // tst_diagnosisrules parses the same file: a broken built-in file never ships.
        if (!parsed)
            qFatal("the built-in diagnosis rules do not parse: %s", qPrintable(parsed.error()));
        return std::move(*parsed);
    }();
    return rules;
}

const DiagnosisRule *DiagnosisRuleSet::find(const QString &id) const
{
    for (const DiagnosisRule &rule : m_rules) {
        if (rule.id == id)
            return &rule;
    }
    return nullptr;
}

QHash<QString, double> DiagnosisRuleSet::defaultThresholds(DiagnosisRule::Condition condition)
{
    switch (condition) {
    case Condition::CloseWait:
        return {{u"minSeconds"_s, 5}, {u"idleSeconds"_s, 5}};
    case Condition::OrphanFinWait2:
    case Condition::AckedRequests:
        return {{u"minCount"_s, 1}};
    case Condition::SynSentUnanswered:
    case Condition::SynAckUnanswered:
        return {{u"minRetransmits"_s, 1}};
    case Condition::AcceptQueueFull:
        return {{u"minFill"_s, 1}};
    case Condition::SynQueueOverflow:
        return {{u"minPerSecond"_s, 0}};
    case Condition::PeerZeroWindow:
        return {{u"minSendQueue"_s, 1}};
    case Condition::Retransmitting:
        return {{u"minRetransmits"_s, 3}};
    case Condition::KeepaliveUnanswered:
        return {{u"minProbes"_s, 1}};
    case Condition::TimeWaitPileUp:
        return {{u"minFraction"_s, 0.5}};
    case Condition::PortExhaustion:
        return {{u"minFraction"_s, 0.9}};
    }
    return {};
}

} // namespace TcpLens
