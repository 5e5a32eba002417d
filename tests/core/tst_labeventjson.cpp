// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The lab's events as the window and `tcplens lab run --json` read them (docs/lab.md, "The serve
// protocol"): each one exactly, as one line.
#include "lab/labeventjson.h"
#include "lab/labscenarioparser.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

class LabEventJsonTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void events_data()
    {
        QTest::addColumn<QJsonObject>("event");
        QTest::addColumn<QByteArray>("line");
        QTest::addRow("ready") << LabEventJson::ready(4242, true, 4026532000ULL, false)
                               << QByteArray(R"({"event":"ready","netnsInode":4026532000,"pid":4242,)"
                                             R"("tools":{"nft":false},"userNamespace":true})");
        QTest::addRow("step") << LabEventJson::step(2, u"Connect"_s, u"Ten clients.\nAt once."_s, 123456789012LL)
                              << QByteArray(R"({"event":"step","index":2,"monotonicNs":123456789012,)"
                                            R"("narration":"Ten clients.\nAt once.","title":"Connect"})");
        QTest::addRow("expectation pass")
            << LabEventJson::expectation(1, u"overflows"_s, u"The listener overflows"_s, u"9"_s, LabVerdict::Pass)
            << QByteArray(R"({"event":"expectation","id":"overflows","observed":"9","step":1,)"
                          R"("text":"The listener overflows","verdict":"pass"})");
        QTest::addRow("expectation skipped")
            << LabEventJson::expectation(0, u"a"_s, u"t"_s, u"nft is missing"_s, LabVerdict::Skipped)
            << QByteArray(
                   R"({"event":"expectation","id":"a","observed":"nft is missing","step":0,"text":"t","verdict":"skipped"})");
        QTest::addRow("state") << LabEventJson::state(true, 3, false)
                               << QByteArray(R"({"event":"state","finished":false,"playing":true,"step":3})");
        QTest::addRow("sysctl refused")
            << LabEventJson::sysctl(u"net.ipv4.tcp_fin_timeout"_s, u"x"_s, false, u"Invalid argument"_s)
            << QByteArray(R"({"error":"Invalid argument","event":"sysctl","key":"net.ipv4.tcp_fin_timeout",)"
                          R"("ok":false,"value":"x"})");
        QTest::addRow("mark") << LabEventJson::mark(u"全连接队列"_s)
                              << QByteArray(R"({"event":"mark","text":"全连接队列"})");
        QTest::addRow("finished") << LabEventJson::finished(false, 2, 1)
                                  << QByteArray(R"({"event":"finished","failed":2,"passed":false,"skipped":1})");
        QTest::addRow("error") << LabEventJson::error(u"say \"why\""_s)
                               << QByteArray("{\"event\":\"error\",\"message\":\"say \\\"why\\\"\"}");
    }

    void events()
    {
        QFETCH(QJsonObject, event);
        QFETCH(QByteArray, line);
        const QByteArray written = LabEventJson::line(event);
        QCOMPARE(written, line + '\n');
        QCOMPARE(written.count('\n'), 1);
    }

    void verdictNames()
    {
        QCOMPARE(LabEventJson::verdictName(LabVerdict::Pass), u"pass"_s);
        QCOMPARE(LabEventJson::verdictName(LabVerdict::Fail), u"fail"_s);
        QCOMPARE(LabEventJson::verdictName(LabVerdict::Pending), u"pending"_s);
        QCOMPARE(LabEventJson::verdictName(LabVerdict::Skipped), u"skipped"_s);
    }

    // loaded carries the scenario as the reader's locale has it: the window shows it without parsing
    // the file again.
    void loadedScenario()
    {
        const auto scenario = LabScenarioParser::parse(R"({
            "format": 1, "name": "json-test", "title": "Queue", "title[zh_CN]": "队列",
            "summary": "s", "lesson": {"seed": "000", "section": "全连接队列"},
            "requires": ["nft"], "sysctls": {"net.ipv4.tcp_abort_on_overflow": "0"},
            "steps": [{"title": "One", "narration": "n", "wait": {"seconds": 60, "fast": 3},
                       "actions": [{"do": "mark", "text": "m"}, {"do": "listen", "name": "l", "port": 1}],
                       "expect": [{"id": "e", "text": "t", "check": "listener", "port": 1,
                                   "limit": {"min": 1, "max": 3}}]}]})",
            u"zh_CN"_s);
        QVERIFY2(scenario, scenario ? "" : qPrintable(scenario.error()));
        const QJsonObject loaded = LabEventJson::loaded(*scenario);
        QCOMPARE(loaded.value("event"_L1).toString(), u"loaded"_s);
        const QJsonObject s = loaded.value("scenario"_L1).toObject();
        QCOMPARE(s.value("name"_L1).toString(), u"json-test"_s);
        QCOMPARE(s.value("title"_L1).toString(), u"队列"_s);
        QCOMPARE(s.value("lesson"_L1).toObject().value("section"_L1).toString(), u"全连接队列"_s);
        QCOMPARE(s.value("requires"_L1).toArray(), QJsonArray{u"nft"_s});
        QCOMPARE(s.value("sysctls"_L1).toObject().value("net.ipv4.tcp_abort_on_overflow"_L1).toString(), u"0"_s);
        const QJsonArray steps = s.value("steps"_L1).toArray();
        QCOMPARE(steps.size(), 1);
        const QJsonObject step = steps.first().toObject();
        QCOMPARE(step.value("title"_L1).toString(), u"One"_s);
        QCOMPARE(step.value("wait"_L1).toDouble(), 60.0);
        QCOMPARE(step.value("actions"_L1).toInt(), 2);
        const QJsonObject expectation = step.value("expect"_L1).toArray().first().toObject();
        QCOMPARE(expectation.value("id"_L1).toString(), u"e"_s);
        QCOMPARE(expectation.value("expected"_L1).toString(), u"1…3"_s);
        QVERIFY(!LabEventJson::line(loaded).chopped(1).contains('\n'));
    }
};

QTEST_GUILESS_MAIN(LabEventJsonTest)
#include "tst_labeventjson.moc"
