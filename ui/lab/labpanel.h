// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;
class QTreeView;

namespace TcpLens {

class LabRunModel;
class LabSource;
class LiveConnections;

// The lab: pick a lesson's scenario, run it in a namespace of its own, and read, step by step, what
// the program does, what the kernel should do and what this kernel did. The window watches the lab's
// namespace while it runs (LabSource); leaving the lab goes back to the machine.
class LabPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LabPanel(QWidget *parent = nullptr);
    ~LabPanel() override;

    void setConnections(LiveConnections *connections);
    LabRunModel *runModel() const { return m_model; }
    // The scenario chosen in the list ("accept-overflow"); selects it if it exists.
    QString selectedScenario() const;
    bool selectScenario(const QString &name);
    // Play, pause, step and reset, for the window's menu.
    QList<QAction *> runActions() const;

Q_SIGNALS:
    // The user wants the window to watch a new lab of this scenario, or the machine again.
    void startRequested(const QString &scenario, const QString &title);
    void leaveRequested();

private:
    void loadScenarioList();
    void followSource();
    void showScenario();
    void showLesson(const QString &lesson, const QString &summary);
    void showLoadedScenario(const QJsonObject &scenario);
    void showStep(int index, const QString &title, const QString &narration);
    void showRunState(bool playing, int step, bool finished);
    void showFinished(bool passed, int failed, int skipped);
    void updateActions();

    QPointer<LiveConnections> m_connections;
    QPointer<LabSource> m_lab;
    LabRunModel *m_model;
    QComboBox *m_scenarios = nullptr;
    QPushButton *m_startButton = nullptr;
    QLabel *m_lesson = nullptr;
    QTextBrowser *m_narration = nullptr;
    QTreeView *m_steps = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_resetAction = nullptr;
    bool m_playing = false;
    bool m_finished = false;
};

} // namespace TcpLens
