// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QAbstractItemModel>
#include <QJsonObject>
#include <QList>

namespace TcpLens {

// One lab run as a tree: the scenario's steps, and under each the claims it makes about the kernel
// with what this kernel did (docs/lab.md). Filled from the helper's events; the view only reads it.
class LabRunModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ClaimColumn, ObservedColumn, VerdictColumn, ColumnCount };
    Q_ENUM(Column)
    enum class Verdict : quint8 { NotYet, Pending, Pass, Fail, Skipped };
    Q_ENUM(Verdict)
    enum Role {
        VerdictRole = Qt::UserRole + 1, // Verdict as int
        NarrationRole, // a step's narration
        StepIndexRole, // int: the step a row belongs to
        CurrentRole, // bool: the step running now
    };

    explicit LabRunModel(QObject *parent = nullptr);

    // A scenario as the helper sent it in its "loaded" event: forgets what ran before.
    void setScenario(const QJsonObject &scenario);
    void setCurrentStep(int index);
    // An "expectation" event.
    void report(const QJsonObject &expectation);
    // Every verdict back to "not yet" (the lab was reset).
    void clearVerdicts();

    int stepCount() const { return int(m_steps.size()); }
    int currentStep() const { return m_current; }
    QString stepTitle(int index) const;
    QString stepNarration(int index) const;
    int count(Verdict verdict) const;
    QModelIndex stepIndex(int step) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Claim
    {
        QString id;
        QString text;
        QString expected; // "= 2", "≥ 8": the comparison, as the helper describes it
        QString observed;
        Verdict verdict = Verdict::NotYet;
    };
    struct Step
    {
        QString title;
        QString narration;
        QList<Claim> claims;
    };
    // Internal ids: 0 for a step row, step + 1 for a claim row under that step.
    static quintptr claimParentId(int step) { return quintptr(step) + 1; }

    QList<Step> m_steps;
    int m_current = -1;
};

} // namespace TcpLens
