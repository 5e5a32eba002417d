// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosis/problemsmodel.h"
#include "formatting.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "statecolors.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

constexpr qint64 Second = 1'000'000'000;

DiagnosisProblem problem(const QString &ruleId, DiagnosisRule::Severity severity, QList<quint64> cookies,
    qint64 sinceNs = 0, double score = 0)
{
    DiagnosisProblem p;
    p.ruleId = ruleId;
    p.severity = severity;
    p.title = u"Title of "_s + ruleId;
    p.summary = u"%1 sockets"_s.arg(cookies.size());
    p.fix = u"Fix for "_s + ruleId;
    p.lesson = {u"002"_s, u"Accept queue"_s};
    p.sysctls = {u"net.core.somaxconn"_s};
    p.counters = {u"TcpExt.ListenOverflows"_s};
    p.cookies = std::move(cookies);
    p.sinceNs = sinceNs;
    p.score = score;
    return p;
}

DiagnosisReport report(quint64 generation, qint64 nowNs, QList<DiagnosisProblem> problems)
{
    DiagnosisReport r;
    r.generation = generation;
    r.monotonicNs = nowNs;
    r.problems = std::move(problems);
    return r;
}

QStringList ruleIds(const ProblemsModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(ProblemsModel::RuleIdRole).toString());
    return ids;
}

} // namespace

class TestProblemsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsProblemsInRankOrder()
    {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(report(1, 300 * Second,
            {problem(u"close-wait-leak"_s, DiagnosisRule::Severity::Error, {1, 2, 3}, 60 * Second, 30),
                problem(u"time-wait-pileup"_s, DiagnosisRule::Severity::Info, {}, 0, 1)}));
        QCOMPARE(ruleIds(model), (QStringList{u"close-wait-leak"_s, u"time-wait-pileup"_s}));
        QCOMPARE(model.columnCount(), int(ProblemsModel::ColumnCount));
        const auto cell = [&](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(cell(0, ProblemsModel::SeverityColumn), u"Error"_s);
        QCOMPARE(cell(0, ProblemsModel::ProblemColumn), u"Title of close-wait-leak\n3 sockets"_s);
        QCOMPARE(cell(0, ProblemsModel::RowsColumn), u"3"_s);
        QCOMPARE(cell(0, ProblemsModel::SinceColumn), u"for "_s + Formatting::duration(240 * Second));
        QCOMPARE(cell(0, ProblemsModel::LessonColumn), u"Lesson 002 · Accept queue"_s);
        QCOMPARE(cell(0, ProblemsModel::FixColumn), u"Fix for close-wait-leak"_s);
        // A namespace-wide condition has no rows of its own and no start.
        QCOMPARE(cell(1, ProblemsModel::RowsColumn), u"all"_s);
        QCOMPARE(cell(1, ProblemsModel::SinceColumn), QString());
        QVERIFY(!model.index(0, ProblemsModel::SeverityColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(0, 0).data(ProblemsModel::CookiesRole).value<QList<quint64>>(), (QList<quint64>{1, 2, 3}));
        // The tooltip has everything: the fix in full, the sysctls and counters.
        const QString tip = model.index(0, ProblemsModel::ProblemColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"Fix for close-wait-leak"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"net.core.somaxconn"_s), qPrintable(tip));
        QVERIFY2(tip.contains(u"TcpExt.ListenOverflows"_s), qPrintable(tip));
    }

    void sinceSaysWhenItIsALowerBound()
    {
        DiagnosisProblem p = problem(u"x"_s, DiagnosisRule::Severity::Warning, {1}, 10 * Second);
        QCOMPARE(ProblemsModel::sinceText(p, 25 * Second), u"for "_s + Formatting::duration(15 * Second));
        p.sinceAtLeast = true;
        QVERIFY(ProblemsModel::sinceText(p, 25 * Second).startsWith(u"for at least "_s));
        // A start after the report (clocks of two sources) shows nothing rather than a negative time.
        QCOMPARE(ProblemsModel::sinceText(p, 5 * Second), QString());
    }

    void updatesInPlaceKeepingTheSelection()
    {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(report(1, 100 * Second,
            {problem(u"accept-queue-full"_s, DiagnosisRule::Severity::Error, {10}),
                problem(u"close-wait-leak"_s, DiagnosisRule::Severity::Warning, {1, 2}),
                problem(u"retransmitting"_s, DiagnosisRule::Severity::Warning, {7})}));
        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // The CLOSE-WAIT leak grew and ranks first now; the listener recovered; a new problem came.
        model.setReport(report(2, 101 * Second,
            {problem(u"close-wait-leak"_s, DiagnosisRule::Severity::Error, {1, 2, 3}),
                problem(u"syn-sent-unanswered"_s, DiagnosisRule::Severity::Warning, {20}),
                problem(u"retransmitting"_s, DiagnosisRule::Severity::Warning, {7})}));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 2); // the two kept; the new one comes with rowsInserted
        QCOMPARE(ruleIds(model), (QStringList{u"close-wait-leak"_s, u"syn-sent-unanswered"_s, u"retransmitting"_s}));
        // The selection went with its problem.
        const QModelIndexList rows = selection.selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.constFirst().data(ProblemsModel::RuleIdRole).toString(), u"close-wait-leak"_s);
        QCOMPARE(rows.constFirst().siblingAtColumn(ProblemsModel::RowsColumn).data().toString(), u"3"_s);
        QCOMPARE(model.report().generation, 2u);

        // A reordering alone moves rows.
        model.setReport(report(3, 102 * Second,
            {problem(u"retransmitting"_s, DiagnosisRule::Severity::Error, {7}),
                problem(u"close-wait-leak"_s, DiagnosisRule::Severity::Error, {1, 2, 3}),
                problem(u"syn-sent-unanswered"_s, DiagnosisRule::Severity::Warning, {20})}));
        QVERIFY(moved.size() >= 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(
            selection.selectedRows().constFirst().data(ProblemsModel::RuleIdRole).toString(), u"close-wait-leak"_s);

        // Everything gone: every row removed, the selection with them.
        model.setReport(report(4, 103 * Second, {}));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.size(), 0);
        QVERIFY(selection.selectedRows().isEmpty());
    }

    void severityColoursDifferAndFollowThePalette()
    {
        QPalette light;
        light.setColor(QPalette::Window, Qt::white);
        light.setColor(QPalette::WindowText, Qt::black);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, Qt::white);
        for (const auto severity :
            {DiagnosisRule::Severity::Info, DiagnosisRule::Severity::Warning, DiagnosisRule::Severity::Error}) {
            // Text-strength on both: darker than a light window, lighter than a dark one.
            QVERIFY(StateColors::severityColor(severity, light).lightness() < 160);
            QVERIFY(StateColors::severityColor(severity, dark).lightness() > 120);
        }
        QVERIFY(StateColors::severityColor(DiagnosisRule::Severity::Error, light) !=
            StateColors::severityColor(DiagnosisRule::Severity::Warning, light));
    }

    void proxyShowsOnlyAProblemsRows()
    {
        // An empty table is enough to check the proxy's bookkeeping; tst_problemsview filters real rows.
        ConnectionTableModel table;
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&table);
        QSignalSpy changed(&proxy, &ConnectionFilterProxy::cookieFilterChanged);
        QVERIFY(!proxy.hasCookieFilter());
        proxy.setCookieFilter({1, 2}, u"Stuck"_s);
        QVERIFY(proxy.hasCookieFilter());
        QCOMPARE(proxy.cookieFilterLabel(), u"Stuck"_s);
        proxy.setCookieFilter({1, 2}, u"Stuck"_s); // the same: no news
        QCOMPARE(changed.size(), 1);
        proxy.clearCookieFilter();
        QVERIFY(!proxy.hasCookieFilter());
        QCOMPARE(changed.size(), 2);
    }
};

QTEST_MAIN(TestProblemsModel)
#include "tst_problemsmodel.moc"
