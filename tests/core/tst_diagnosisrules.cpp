// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The rules file: the built-in one parses and names only sysctls and counters the catalogs explain;
// a rules file with a mistake is refused with its place named; a file cut anywhere is an error, never
// a crash or a silently smaller rule set.
#include "diagnosis/diagnosisruleset.h"
#include "proc/countercatalog.h"
#include "sysctl/sysctlcatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

QByteArray builtInBytes()
{
    QFile file(u":/diagnosis/rules.json"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The built-in file with one rule's field replaced.
QByteArray withRuleField(int rule, const QString &field, const QJsonValue &value)
{
    QJsonObject root = QJsonDocument::fromJson(builtInBytes()).object();
    QJsonArray rules = root.value(u"rules"_s).toArray();
    QJsonObject object = rules.at(rule).toObject();
    if (value.isUndefined())
        object.remove(field);
    else
        object.insert(field, value);
    rules.replace(rule, object);
    root.insert(u"rules"_s, rules);
    return QJsonDocument(root).toJson();
}

} // namespace

class TestDiagnosisRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInParses()
    {
        const auto rules = DiagnosisRuleSet::parse(builtInBytes());
        QVERIFY2(rules.has_value(), rules.has_value() ? "" : qPrintable(rules.error()));
        // Every condition the Diagnoser implements has a rule that uses it.
        for (int c = 0; c <= int(DiagnosisRule::Condition::PortExhaustion); ++c) {
            const auto condition = DiagnosisRule::Condition(c);
            QVERIFY2(std::any_of(rules->rules().cbegin(), rules->rules().cend(),
                         [&](const DiagnosisRule &rule) { return rule.condition == condition; }),
                qPrintable(u"no rule uses the condition %1: add one to resources/diagnosis/rules.json"_s.arg(
                    conditionName(condition))));
        }
        for (const TcpState state :
            {TcpState::Established, TcpState::SynSent, TcpState::SynRecv, TcpState::FinWait1, TcpState::FinWait2,
                TcpState::TimeWait, TcpState::CloseWait, TcpState::LastAck, TcpState::Listen, TcpState::Closing})
            QVERIFY2(!rules->stateReading(state).isEmpty(), stateRfcName(state).data());
    }

    void rulesNameWhatTheCatalogsExplain()
    {
        const auto rules = DiagnosisRuleSet::parse(builtInBytes());
        QVERIFY(rules.has_value());
        const auto sysctls = SysctlCatalog::builtIn();
        QVERIFY(sysctls.has_value());
        const CounterCatalog &counters = CounterCatalog::builtIn();
        for (const DiagnosisRule &rule : rules->rules()) {
            QVERIFY2(!rule.lesson.seed.isEmpty() && !rule.lesson.section.isEmpty(), qPrintable(rule.id));
            QStringList keys = rule.sysctls;
            QStringList names = rule.counters;
            for (const auto &sentence : rule.reading) {
                for (const QString &evidence : sentence.evidence) {
                    if (evidence.startsWith("sysctl:"_L1))
                        keys.append(evidence.mid(7));
                    else if (evidence.startsWith("counter:"_L1))
                        names.append(evidence.mid(8));
                }
            }
            for (const QString &key : keys)
                QVERIFY2(sysctls->find(key),
                    qPrintable(
                        u"rule %1 names %2, which resources/sysctl/catalog.json does not explain"_s.arg(rule.id, key)));
            for (const QString &name : names)
                QVERIFY2(counters.find(name.toLatin1()),
                    qPrintable(u"rule %1 names %2, which resources/counters/catalog.json does not explain"_s.arg(
                        rule.id, name)));
        }
    }

    void translationsAreChosenByLocale()
    {
        const auto english = DiagnosisRuleSet::parse(builtInBytes(), u"en_GB"_s);
        const auto chinese = DiagnosisRuleSet::parse(builtInBytes(), u"zh_CN"_s);
        QVERIFY(english.has_value() && chinese.has_value());
        QCOMPARE(english->find(u"close-wait-leak"_s)->title, u"Connections stuck in CLOSE-WAIT"_s);
        QCOMPARE(chinese->find(u"close-wait-leak"_s)->title, u"连接停留在 CLOSE_WAIT"_s);
    }

    void mistakesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not json") << QByteArray("{\"format\": 1,") << u"not JSON"_s;
        QTest::addRow("array") << QByteArray("[]") << u"a rules file is a JSON object"_s;
        QTest::addRow("format 2") << QByteArray(R"({"format": 2, "states": {}, "rules": []})")
                                  << u"'format' must be 1"_s;
        QTest::addRow("unknown state") << QByteArray(R"({"format": 1, "states": {"WAITING": []}, "rules": []})")
                                       << u"unknown state 'WAITING'"_s;
        QTest::addRow("unknown condition") << withRuleField(0, u"condition"_s, u"close-wiat"_s)
                                           << u"rule 1 'close-wait-leak': unknown condition 'close-wiat'"_s;
        QTest::addRow("unknown threshold") << withRuleField(0, u"thresholds"_s, QJsonObject{{u"minSecs"_s, 3}})
                                           << u"unknown threshold 'minSecs' for condition close-wait"_s;
        QTest::addRow("negative threshold") << withRuleField(0, u"thresholds"_s, QJsonObject{{u"minSeconds"_s, -1}})
                                            << u"'minSeconds' must be a number"_s;
        QTest::addRow("unknown field") << withRuleField(1, u"severty"_s, u"info"_s)
                                       << u"rule 2 'orphan-fin-wait2': unknown field 'severty'"_s;
        QTest::addRow("bad severity") << withRuleField(1, u"severity"_s, u"fatal"_s)
                                      << u"'severity' must be one of info, warning, error, not 'fatal'"_s;
        QTest::addRow("unknown placeholder") << withRuleField(0, u"summary"_s, u"{count} in {stat}"_s)
                                             << u"'summary' names an unknown placeholder {stat}"_s;
        QTest::addRow("unknown evidence")
            << withRuleField(0, u"reading"_s,
                   QJsonArray{QJsonObject{{u"text"_s, u"x"_s}, {u"evidence"_s, QJsonArray{u"stat"_s}}}})
            << u"sentence 1: unknown evidence 'stat'"_s;
        QTest::addRow("no reading") << withRuleField(0, u"reading"_s, QJsonArray{})
                                    << u"'reading' must be a non-empty array"_s;
        QTest::addRow("no lesson") << withRuleField(0, u"lesson"_s, QJsonValue::Undefined)
                                   << u"'lesson' must be an object"_s;
        QTest::addRow("bad id") << withRuleField(0, u"id"_s, u"Close Wait"_s) << u"'id' must be lower-case words"_s;
        const QJsonObject root = QJsonDocument::fromJson(builtInBytes()).object();
        QJsonArray twice = root.value(u"rules"_s).toArray();
        twice.append(twice.at(0));
        QJsonObject duplicated = root;
        duplicated.insert(u"rules"_s, twice);
        QTest::addRow("duplicate id") << QJsonDocument(duplicated).toJson() << u"a rule with this id comes before"_s;
    }

    void mistakesAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = DiagnosisRuleSet::parse(json);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
    }

    void cutAnywhereIsAnError()
    {
        const QByteArray whole = builtInBytes();
        QVERIFY(!whole.isEmpty());
        // A JSON object cut short never parses; the point is that nothing crashes or half-loads.
        for (qsizetype length = 0; length < whole.size(); length += 7)
            QVERIFY(!DiagnosisRuleSet::parse(whole.left(length)).has_value());
    }
};

QTEST_GUILESS_MAIN(TestDiagnosisRules)

#include "tst_diagnosisrules.moc"
