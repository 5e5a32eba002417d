// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labrunmodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
LabRunModel::Verdict verdictFrom(const QString &text)
{
    if (text == "pass"_L1)
        return LabRunModel::Verdict::Pass;
    if (text == "fail"_L1)
        return LabRunModel::Verdict::Fail;
    if (text == "pending"_L1)
        return LabRunModel::Verdict::Pending;
    if (text == "skipped"_L1)
        return LabRunModel::Verdict::Skipped;
    return LabRunModel::Verdict::NotYet;
}
} // namespace

LabRunModel::LabRunModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void LabRunModel::setScenario(const QJsonObject &scenario)
{
    beginResetModel();
    m_steps.clear();
    m_current = -1;
    const QJsonArray steps = scenario.value("steps"_L1).toArray();
    for (const QJsonValue &value : steps) {
        const QJsonObject object = value.toObject();
        Step step;
        step.title = object.value("title"_L1).toString();
        step.narration = object.value("narration"_L1).toString();
        const QJsonArray expectations = object.value("expect"_L1).toArray();
        for (const QJsonValue &expectation : expectations) {
            const QJsonObject claim = expectation.toObject();
            step.claims.append({claim.value("id"_L1).toString(), claim.value("text"_L1).toString(),
                claim.value("expected"_L1).toString(), {}, Verdict::NotYet});
        }
        m_steps.append(step);
    }
    endResetModel();
}

void LabRunModel::setCurrentStep(int index)
{
    if (index == m_current)
        return;
    const int previous = std::exchange(m_current, index);
    for (int step : {previous, index}) {
        if (step >= 0 && step < m_steps.size())
            Q_EMIT dataChanged(this->index(step, 0), this->index(step, ColumnCount - 1));
    }
}

void LabRunModel::report(const QJsonObject &expectation)
{
    const int step = expectation.value("step"_L1).toInt(-1);
    if (step < 0 || step >= m_steps.size())
        return;
    const QString id = expectation.value("id"_L1).toString();
    QList<Claim> &claims = m_steps[step].claims;
    auto found = std::find_if(claims.begin(), claims.end(), [&](const Claim &claim) { return claim.id == id; });
    if (found == claims.end()) {
        // A claim the loaded scenario did not list (a newer helper): shown all the same.
        const int row = int(claims.size());
        beginInsertRows(stepIndex(step), row, row);
        claims.append({id, expectation.value("text"_L1).toString(), {}, {}, Verdict::NotYet});
        endInsertRows();
        found = claims.end() - 1;
    }
    found->observed = expectation.value("observed"_L1).toString();
    found->verdict = verdictFrom(expectation.value("verdict"_L1).toString());
    if (const QString text = expectation.value("text"_L1).toString(); !text.isEmpty())
        found->text = text;
    const int row = int(found - claims.begin());
    const QModelIndex parent = stepIndex(step);
    Q_EMIT dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
    Q_EMIT dataChanged(index(step, VerdictColumn), index(step, VerdictColumn));
}

void LabRunModel::clearVerdicts()
{
    beginResetModel();
    for (Step &step : m_steps) {
        for (Claim &claim : step.claims) {
            claim.observed.clear();
            claim.verdict = Verdict::NotYet;
        }
    }
    m_current = -1;
    endResetModel();
}

QString LabRunModel::stepTitle(int index) const
{
    return index >= 0 && index < m_steps.size() ? m_steps[index].title : QString();
}

QString LabRunModel::stepNarration(int index) const
{
    return index >= 0 && index < m_steps.size() ? m_steps[index].narration : QString();
}

int LabRunModel::count(Verdict verdict) const
{
    int total = 0;
    for (const Step &step : m_steps)
        total += int(std::count_if(
            step.claims.cbegin(), step.claims.cend(), [&](const Claim &claim) { return claim.verdict == verdict; }));
    return total;
}

QModelIndex LabRunModel::stepIndex(int step) const
{
    return index(step, 0);
}

QModelIndex LabRunModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_steps.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_steps.size())
        return {};
    return row < m_steps[parent.row()].claims.size() ? createIndex(row, column, claimParentId(parent.row()))
                                                     : QModelIndex();
}

QModelIndex LabRunModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int LabRunModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_steps.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_steps.size())
        return 0;
    return int(m_steps[parent.row()].claims.size());
}

int LabRunModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant LabRunModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool isStep = index.internalId() == 0;
    const int stepNumber = isStep ? index.row() : int(index.internalId() - 1);
    if (stepNumber >= m_steps.size())
        return {};
    const Step &step = m_steps[stepNumber];
    if (role == StepIndexRole)
        return stepNumber;
    if (role == CurrentRole)
        return stepNumber == m_current;
    if (isStep) {
        // A step's verdict is its worst claim's.
        Verdict verdict = Verdict::NotYet;
        bool allPassed = !step.claims.isEmpty();
        for (const Claim &claim : step.claims) {
            if (claim.verdict == Verdict::Fail)
                verdict = Verdict::Fail;
            else if (claim.verdict == Verdict::Pending && verdict != Verdict::Fail)
                verdict = Verdict::Pending;
            allPassed = allPassed && (claim.verdict == Verdict::Pass || claim.verdict == Verdict::Skipped);
        }
        if (verdict == Verdict::NotYet && allPassed)
            verdict = Verdict::Pass;
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == ClaimColumn)
                return tr("%1. %2").arg(stepNumber + 1).arg(step.title);
            if (index.column() == VerdictColumn) {
                switch (verdict) {
                case Verdict::Pass:
                    return tr("✓ all held");
                case Verdict::Fail:
                    return tr("✗ disagrees");
                case Verdict::Pending:
                    return tr("waiting…");
                default:
                    return {};
                }
            }
            return {};
        case Qt::FontRole:
            if (stepNumber == m_current) {
                QFont font;
                font.setBold(true);
                return font;
            }
            return {};
        case Qt::ToolTipRole:
        case NarrationRole:
            return step.narration;
        case VerdictRole:
            return int(verdict);
        default:
            return {};
        }
    }
    if (index.row() >= step.claims.size())
        return {};
    const Claim &claim = step.claims[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ClaimColumn:
            return claim.text;
        case ObservedColumn:
            return claim.observed;
        case VerdictColumn:
            switch (claim.verdict) {
            case Verdict::NotYet:
                return QString();
            case Verdict::Pending:
                return tr("waiting…");
            case Verdict::Pass:
                return tr("✓ held");
            case Verdict::Fail:
                return tr("✗ this kernel disagrees");
            case Verdict::Skipped:
                return tr("skipped");
            }
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == VerdictColumn && claim.verdict == Verdict::Fail)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        if (index.column() == VerdictColumn && claim.verdict == Verdict::Pass)
            return QBrush(QColor(0x1e, 0x84, 0x49));
        return {};
    case Qt::ToolTipRole: {
        QString tip = claim.text;
        if (!claim.expected.isEmpty())
            tip += u'\n' + tr("Holds when the value is %1").arg(claim.expected);
        if (!claim.observed.isEmpty())
            tip += u'\n' + tr("This kernel: %1").arg(claim.observed);
        return tip;
    }
    case VerdictRole:
        return int(claim.verdict);
    default:
        return {};
    }
}

QVariant LabRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClaimColumn:
        return tr("Step and what the kernel should do");
    case ObservedColumn:
        return tr("What this kernel did");
    case VerdictColumn:
        return tr("Verdict");
    default:
        return {};
    }
}

} // namespace TcpLens
