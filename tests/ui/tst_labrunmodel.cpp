// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The lab's run as a tree: steps and their claims from the helper's "loaded" event, verdicts from
// its "expectation" events (docs/lab.md), checked with Qt's model tester.
#include "lab/labrunmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

constexpr auto Loaded = R"({"name": "accept-overflow", "title": "Accept queue overflow", "steps": [
  {"title": "Listen", "narration": "backlog 1", "expect": [
     {"id": "limit", "text": "The limit is 1"}]},
  {"title": "Ten clients", "narration": "they connect", "expect": [
     {"id": "queue", "text": "The queue holds 2"},
     {"id": "overflows", "text": "ListenOverflows rises"}]}
]})";
} // namespace

class TestLabRunModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsAndClaimsFromTheScenario()
    {
        LabRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScenario(json(Loaded));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.stepIndex(1)), 2);
        QCOMPARE(model.index(0, LabRunModel::ClaimColumn).data().toString(), u"1. Listen"_s);
        QCOMPARE(
            model.index(1, LabRunModel::ClaimColumn, model.stepIndex(1)).data().toString(), u"ListenOverflows rises"_s);
        QCOMPARE(model.stepNarration(1), u"they connect"_s);
    }

    void verdictsArriveAndAStepShowsItsWorst()
    {
        LabRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScenario(json(Loaded));
        model.setCurrentStep(1);
        QVERIFY(model.index(1, 0).data(LabRunModel::CurrentRole).toBool());
        QVERIFY(!model.index(0, 0).data(LabRunModel::CurrentRole).toBool());
        model.report(json(R"({"step": 1, "id": "queue", "observed": "2", "verdict": "pass"})"));
        model.report(json(R"({"step": 1, "id": "overflows", "observed": "0", "verdict": "fail"})"));
        const QModelIndex queue = model.index(0, LabRunModel::ObservedColumn, model.stepIndex(1));
        QCOMPARE(queue.data().toString(), u"2"_s);
        QCOMPARE(model.index(1, LabRunModel::VerdictColumn).data(LabRunModel::VerdictRole).toInt(),
            int(LabRunModel::Verdict::Fail));
        QCOMPARE(model.count(LabRunModel::Verdict::Pass), 1);
        QCOMPARE(model.count(LabRunModel::Verdict::Fail), 1);
        model.clearVerdicts();
        QCOMPARE(model.count(LabRunModel::Verdict::Fail), 0);
        QCOMPARE(model.index(0, LabRunModel::ObservedColumn, model.stepIndex(1)).data().toString(), QString());
    }

    void aClaimTheScenarioDidNotListIsShownAllTheSame()
    {
        LabRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScenario(json(Loaded));
        model.report(json(R"({"step": 0, "id": "extra", "text": "Something else", "verdict": "pass"})"));
        QCOMPARE(model.rowCount(model.stepIndex(0)), 2);
        // Out of range: ignored, not a crash.
        model.report(json(R"({"step": 7, "id": "x", "verdict": "pass"})"));
        model.report(json(R"({"step": -1, "id": "x", "verdict": "pass"})"));
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLabRunModel)
#include "tst_labrunmodel.moc"
