// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/connectionsource.h"
#include "pipeline/localkernelsource.h"

#include <QJsonObject>
#include <QProcess>

#include <memory>

namespace TcpLens {

// A lab: a throw-away network namespace held by `tcplens-lab serve`, where one scenario's actors make
// real connections (docs/lab.md). The namespace is watched by a LocalKernelSource like any other:
// entered with setns() by root, or, for an ordinary user, through descriptors the helper opens
// inside it (DescriptorBroker). The scenario's run is driven from here; its steps become markers.
class LabSource : public ConnectionSource
{
    Q_OBJECT
public:
    struct Options
    {
        QString helperProgram; // tcplens-lab; empty: findHelper()
        QString scenario; // a built-in scenario's name or a file
        QString scenarioTitle; // for the status bar until the helper has loaded it
        LocalKernelSource::Options watch; // poll interval, listener sampling; netns is the lab's
        bool playWhenLoaded = false;
    };

    explicit LabSource(Options options, QObject *parent = nullptr);
    ~LabSource() override;

    // Next to this program (a build tree), else where it is installed; empty if neither.
    static QString findHelper();
    // Makes `childEnd` (our socketpair's other end) the descriptor broker's fd 3 of the helper
    // `helper` starts next (docs/lab.md).
    static void passBrokerSocket(QProcess &helper, int childEnd);

    SourceDescription description() const override;
    SourceCapabilities capabilities() const override;
    void start() override;
    void setPollIntervalMs(int intervalMs) override;
    void setPaused(bool paused) override;
    void pollNow() override;
    void setListenerWindowNs(qint64 windowNs) override;
    void setListenerIntervalMs(int intervalMs) override;
    void setSocketDetailsWanted(bool wanted) override;
    void requestListenerHistory(quint64 cookie) override;
    std::shared_ptr<DescriptorBroker> descriptorBroker() const override { return m_broker; }

    // The scenario as the helper parsed it (docs/lab.md), empty until scenarioLoaded().
    const QJsonObject &scenario() const { return m_scenario; }
    bool isReady() const { return m_inner != nullptr; }
    // The helper made a user namespace (an ordinary user's lab): no exact mode, sockets by broker.
    bool inUserNamespace() const { return m_userNamespace; }

public Q_SLOTS:
    void play();
    void pause();
    void step();
    void reset();
    void writeSysctl(const QString &key, const QString &value);

Q_SIGNALS:
    void scenarioLoaded(const QJsonObject &scenario);
    void stepStarted(int index, const QString &title, const QString &narration);
    // {"step", "id", "text", "observed", "verdict"} as the helper sent it.
    void expectationReported(const QJsonObject &expectation);
    void runStateChanged(bool playing, int step, bool finished);
    void runFinished(bool passed, int failedCount, int skippedCount);
    void sysctlWritten(const QString &key, const QString &value, bool ok, const QString &error);

private:
    void send(const QJsonObject &command);
    void readEvents();
    void handle(const QJsonObject &event);
    void becomeReady(const QJsonObject &ready);
    void helperEnded();

    Options m_options;
    QProcess m_helper;
    QByteArray m_pending;
    std::unique_ptr<LocalKernelSource> m_inner;
    QJsonObject m_scenario;
    QString m_stderrTail;
    UniqueFd m_brokerSocket;
    std::shared_ptr<DescriptorBroker> m_broker;
    QString m_netns;
    bool m_userNamespace = false;
    bool m_paused = false;
    bool m_quitting = false;
};

} // namespace TcpLens
