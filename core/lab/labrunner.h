// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnoser.h"
#include "diagnosis/diagnosishistory.h"
#include "lab/labpacketfilter.h"
#include "lab/labscenario.h"
#include "lab/labsysctls.h"
#include "model/socketrecord.h"
#include "proc/kernelcounters.h"
#include "sysctl/sysctlwatcher.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace TcpLens {

class LabClients;
class LabListener;
class SockDiagClient;

enum class LabVerdict { Pass, Fail, Pending, Skipped };

// Plays a scenario in the calling process's network namespace (the lab's): runs each step's actions,
// waits, then checks its expectations against the kernel (sock_diag dumps, the namespace's counters
// and sysctls, the actors' connect outcomes), each repeatedly until it holds or its `within` passed.
// Everything happens on the event loop of the calling thread; each event of docs/lab.md's protocol is
// a signal.
class LabRunner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool fast = false; // take the steps' "fast" waits
    };

    explicit LabRunner(LabScenario scenario, Options options, QObject *parent = nullptr);
    ~LabRunner() override;

    const LabScenario &scenario() const { return m_scenario; }
    // Tools the scenario requires that are not installed; their steps' expectations are skipped.
    const QStringList &missingTools() const { return m_missingTools; }

    void play();
    void pause(); // after the current step
    void step(); // the next step, then pause
    void reset(); // actors stop, their sockets close, nft rules go, sysctls return
    // A sysctl written from outside (serve's "sysctl" command), undone by reset() too.
    void writeSysctl(const QString &key, const QString &value);

    bool isPlaying() const { return m_playing; }
    bool isFinished() const { return m_finished; }
    int currentStep() const { return m_step; }

Q_SIGNALS:
    void stepStarted(int index, const QString &title, const QString &narration, qint64 monotonicNs);
    void expectationChecked(
        int step, const QString &id, const QString &text, const QString &observed, TcpLens::LabVerdict verdict);
    void stateChanged(bool playing, int step, bool finished);
    void sysctlWritten(const QString &key, const QString &value, bool ok, const QString &error);
    void marked(const QString &text);
    void errorOccurred(const QString &message);
    void finished(bool passed, int failed, int skipped);

private:
    struct Observation
    {
        std::optional<double> value; // none: nothing to compare (no such counter, no listener)
        QString text; // what the kernel did, in words
    };
    struct Pending
    {
        int index = 0;
        qint64 deadlineMs = 0;
        bool announced = false;
    };

    void begin();
    void runStep(int index);
    void perform(int step, int actionIndex, const LabAction &action);
    void checkStep();
    void checkPending();
    void stepDone();
    void finish();
    Observation observe(const LabExpectation &expectation);
    Observation observeProblem(const LabExpectation &expectation);
    const std::vector<SocketRecord> *dump(QString *error);
    bool stepNeedsMissingTool(int index) const;
    double seconds(double normal, double fast) const;

    LabScenario m_scenario;
    Options m_options;
    QStringList m_missingTools;
    int m_step = 0; // the next step to run, or the one running
    bool m_playing = false;
    bool m_stepping = false;
    bool m_running = false; // a step is between its start and its verdicts
    bool m_started = false;
    bool m_finished = false;
    int m_failed = 0;
    int m_skipped = 0;
    quint64 m_generation = 0; // reset() makes the timers of before harmless
    QTimer m_recheck;
    QList<Pending> m_pending;
    std::unique_ptr<SockDiagClient> m_sockDiag;
    std::unique_ptr<std::vector<SocketRecord>> m_dump; // this round's dump, shared by its checks
    KernelCounters m_countersAtStart;
    KernelCounters m_countersAtStep;
    QHash<QString, LabListener *> m_listeners;
    QHash<QString, LabClients *> m_clients;
    LabPacketFilter m_filter;
    LabSysctls m_sysctls;
    // What the Problems view of the window would read from the same kernel (the `problem` check).
    Diagnoser m_diagnoser;
    DiagnosisHistory m_history;
    std::unique_ptr<SysctlWatcher> m_sysctlWatcher;
    quint64 m_snapshots = 0;
};

} // namespace TcpLens
