// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QTreeView;

namespace TcpLens {

class LiveConnections;
class ProblemsModel;

// The Problems dock: what the diagnosis found across the namespace, most urgent first, or a plain
// sentence saying nothing was found. Choosing a problem asks for the table to show its rows; double
// clicking one whose fix is a sysctl asks for that sysctl.
class ProblemsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    void setConnections(LiveConnections *connections);
    ProblemsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // The rule of the chosen problem, or empty.
    QString chosenRule() const { return m_chosen; }
    // Chooses the problem of `ruleId` as a click would; false when there is none.
    bool chooseProblem(const QString &ruleId);
    // Forgets the choice (the table's problem filter was cleared).
    void clearChoice();
    // Paused, the view holds the last diagnosis with the table; it catches up on resume.
    void setPaused(bool paused);

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    // Show the rows of this problem; again whenever they change (none when the problem is gone).
    void filterRequested(const QString &ruleId, const QString &title, const QList<quint64> &cookies);
    void filterCleared();
    // The user chose this problem (a click, chooseProblem()), not a poll updating it.
    void problemChosen(const QList<quint64> &cookies);
    void sysctlRequested(const QString &key);

private:
    void showReport();
    void updateHeading();
    void selectionChanged();
    void emitFilter();

    LiveConnections *m_connections = nullptr;
    ProblemsModel *m_model;
    QLabel *m_heading;
    QTreeView *m_view;
    QString m_chosen;
    QList<quint64> m_chosenCookies;
    bool m_received = false;
    bool m_updating = false;
    bool m_paused = false;
};

} // namespace TcpLens
