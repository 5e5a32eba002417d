// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "lab/labscenarioparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

class LabScenarioParserTest : public QObject
{
    Q_OBJECT

private:
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return file.readAll();
    }

    static void addScenarioRows()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TCPLENS_LAB_SCENARIO_DIR));
        for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
    }

    static QByteArray minimal(const QByteArray &step)
    {
        return R"({"format": 1, "name": "t", "title": "T", "requires": ["nft"], "steps": [)" + step + "]}";
    }

private Q_SLOTS:
    void builtInScenariosParse_data() { addScenarioRows(); }
    void builtInScenariosParse()
    {
        QFETCH(QString, path);
        const auto scenario = LabScenarioParser::parse(read(path));
        QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error()));
        QCOMPARE(scenario->name + u".json"_s, QFileInfo(path).fileName());
        QVERIFY(!scenario->steps.isEmpty());
        QVERIFY(!scenario->lessonSection.isEmpty());
    }

    // Cut at every byte: an error each time (never a crash, never a half scenario), except whole.
    void truncatedScenariosFail_data() { addScenarioRows(); }
    void truncatedScenariosFail()
    {
        QFETCH(QString, path);
        const QByteArray bytes = read(path).trimmed();
        for (qsizetype cut = 0; cut < bytes.size(); ++cut) {
            const auto scenario = LabScenarioParser::parse(bytes.left(cut));
            if (scenario)
                QFAIL(qPrintable(u"parsed when cut at byte %1 of %2"_s.arg(cut).arg(bytes.size())));
            QVERIFY(!scenario.error().isEmpty());
        }
    }

    void translations()
    {
        const QByteArray json = R"({"format": 1, "name": "t", "title": "Queue", "title[zh_CN]": "队列",
            "title[de]": "Warteschlange", "steps": [{"title": "S", "narration": "N", "narration[zh]": "叙述"}]})";
        QCOMPARE(LabScenarioParser::parse(json, u"zh_CN"_s)->title, u"队列"_s);
        QCOMPARE(LabScenarioParser::parse(json, u"zh_CN"_s)->steps[0].narration, u"叙述"_s);
        QCOMPARE(LabScenarioParser::parse(json, u"de_AT"_s)->title, u"Warteschlange"_s);
        QCOMPARE(LabScenarioParser::parse(json, u"fr_FR"_s)->title, u"Queue"_s);
        QCOMPARE(LabScenarioParser::parse(json)->title, u"Queue"_s);
    }

    void fields()
    {
        const auto s = LabScenarioParser::parse(minimal(R"({"title": "S", "wait": {"seconds": 60, "fast": 3},
            "actions": [{"do": "listen", "name": "server", "port": 8080, "backlog": 1, "accept": false},
                        {"do": "drop", "id": "d", "packets": "synack", "port": 8080, "probability": 0.5}],
            "expect": [{"id": "a", "text": "t", "check": "listener", "port": 8080, "acceptQueue": {"eq": 2}},
                       {"id": "b", "text": "t", "check": "sockets", "state": "syn_sent", "port": 8080, "side": "client", "min": 8, "within": 3}]})"));
        QVERIFY2(s, qPrintable(s ? QString() : s.error()));
        const LabStep &step = s->steps[0];
        QCOMPARE(step.waitSeconds, 60.0);
        QCOMPARE(step.waitFastSeconds, 3.0);
        QCOMPARE(step.actions[0].backlog, 1);
        QCOMPARE(step.actions[0].accept, false);
        QCOMPARE(step.actions[1].probability, 0.5);
        QCOMPARE(step.expectations[0].listenerField, LabExpectation::ListenerField::AcceptQueue);
        QVERIFY(step.expectations[0].comparison.holds(2));
        QVERIFY(!step.expectations[0].comparison.holds(3));
        QCOMPARE(step.expectations[1].state, TcpState::SynSent);
        QCOMPARE(step.expectations[1].side, LabExpectation::Side::Client);
        QCOMPARE(step.expectations[1].withinSeconds, 3.0);
        QVERIFY(step.expectations[1].comparison.holds(9));
        QVERIFY(!step.expectations[1].comparison.holds(7));
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not json") << QByteArray("{") << u"not JSON"_s;
        QTest::addRow("array") << QByteArray("[]") << u"a scenario is a JSON object"_s;
        QTest::addRow("empty") << QByteArray() << u"not JSON"_s;
        QTest::addRow("format 2") << QByteArray(
                                         R"({"format": 2, "name": "t", "title": "T", "steps": [{"title": "S"}]})")
                                  << u"'format' must be a whole number from 1 to 1"_s;
        QTest::addRow("no steps") << QByteArray(R"({"format": 1, "name": "t", "title": "T", "steps": []})")
                                  << u"'steps' must be a non-empty array"_s;
        QTest::addRow("bad name") << QByteArray(
                                         R"({"format": 1, "name": "../x", "title": "T", "steps": [{"title": "S"}]})")
                                  << u"'name' must be lowercase"_s;
        QTest::addRow("unknown field") << minimal(R"({"title": "S", "colour": 1})")
                                       << u"step 1: unknown field 'colour'"_s;
        QTest::addRow("negative backlog")
            << minimal(
                   R"({"title": "S", "actions": [{"do": "mark", "text": "x"}, {"do": "listen", "name": "s", "port": 1, "backlog": -1}]})")
            << u"step 1, action 2: 'backlog' must be a whole number from 0 to 65535"_s;
        QTest::addRow("string backlog")
            << minimal(R"({"title": "S", "actions": [{"do": "listen", "name": "s", "port": 1, "backlog": "1"}]})")
            << u"step 1, action 1: 'backlog' must be a whole number"_s;
        QTest::addRow("unknown action") << minimal(R"({"title": "S", "actions": [{"do": "explode"}]})")
                                        << u"step 1, action 1: unknown action 'explode'"_s;
        QTest::addRow("unknown check")
            << minimal(R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "vibes", "eq": 1}]})")
            << u"step 1, expectation 1: unknown check 'vibes'"_s;
        QTest::addRow("no comparison")
            << minimal(R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "sockets", "state": "LISTEN"}]})")
            << u"needs 'eq', 'min' or 'max'"_s;
        QTest::addRow("eq and min")
            << minimal(
                   R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "sockets", "state": "LISTEN", "eq": 1, "min": 1}]})")
            << u"'eq' goes alone"_s;
        QTest::addRow("bad state")
            << minimal(
                   R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "sockets", "state": "HAPPY", "eq": 1}]})")
            << u"'state' must be a TCP state"_s;
        QTest::addRow("duplicate id")
            << minimal(
                   R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "sysctl", "key": "net.core.somaxconn", "eq": 1},
                {"id": "a", "text": "t", "check": "sysctl", "key": "net.core.somaxconn", "eq": 1}]})")
            << u"the id 'a' is used twice"_s;
        QTest::addRow("sysctl escape")
            << minimal(R"({"title": "S", "actions": [{"do": "sysctl", "key": "net/../../etc", "value": "1"}]})")
            << u"'key' must be a per-namespace key under net."_s;
        QTest::addRow("remote address")
            << minimal(
                   R"({"title": "S", "actions": [{"do": "connect", "name": "c", "port": 80, "address": "8.8.8.8"}]})")
            << u"'address' must be a loopback address"_s;
        QTest::addRow("probability")
            << minimal(
                   R"({"title": "S", "actions": [{"do": "drop", "id": "d", "packets": "syn", "port": 80, "probability": 2}]})")
            << u"'probability' must be a number from 0 to 1"_s;
        QTest::addRow("drop without nft")
            << QByteArray(
                   R"({"format": 1, "name": "t", "title": "T", "steps": [{"title": "S", "actions": [{"do": "drop", "id": "d", "packets": "syn", "port": 80}]}]})")
            << u"'drop' needs \"requires\": [\"nft\"]"_s;
        QTest::addRow("huge number") << minimal(R"({"title": "S", "wait": 1e308})") << u"'wait' must be a number"_s;
        QTest::addRow("step not object") << minimal(R"(42)") << u"step 1: must be an object"_s;
        QTest::addRow("listener two fields")
            << minimal(
                   R"({"title": "S", "expect": [{"id": "a", "text": "t", "check": "listener", "port": 1, "limit": {"eq": 1}, "synQueue": {"eq": 1}}]})")
            << u"exactly one of"_s;
    }
    void hostile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto scenario = LabScenarioParser::parse(json);
        QVERIFY(!scenario);
        QVERIFY2(scenario.error().contains(error), qPrintable(scenario.error()));
    }
};

QTEST_GUILESS_MAIN(LabScenarioParserTest)
#include "tst_labscenarioparser.moc"
