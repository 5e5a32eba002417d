// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "snapshotcollector.h"

#include "collect/collectorworker.h"

namespace TcpLens {

SnapshotCollector::SnapshotCollector(CollectorSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    qRegisterMetaType<TcpLens::SocketSnapshot>();
    qRegisterMetaType<TcpLens::DestroyedSockets>();
    qRegisterMetaType<QList<TcpLens::StateChangeEvent>>();
    m_thread.setObjectName(QStringLiteral("tcplens-collector"));
    m_worker = new CollectorWorker(m_settings);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CollectorWorker::snapshotReady, this, &SnapshotCollector::snapshotReady);
    connect(m_worker, &CollectorWorker::socketsDestroyed, this, &SnapshotCollector::socketsDestroyed);
    connect(m_worker, &CollectorWorker::stateChanges, this, &SnapshotCollector::stateChanges);
    connect(m_worker, &CollectorWorker::exactModeChanged, this, &SnapshotCollector::exactModeChanged);
    connect(m_worker, &CollectorWorker::exactEventsLost, this, &SnapshotCollector::exactEventsLost);
    connect(m_worker, &CollectorWorker::failed, this, &SnapshotCollector::failed);
    connect(m_worker, &CollectorWorker::pacingChanged, this, &SnapshotCollector::pacingChanged);
}

SnapshotCollector::~SnapshotCollector()
{
    m_thread.quit();
    m_thread.wait();
}

void SnapshotCollector::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &CollectorWorker::start, Qt::QueuedConnection);
}

void SnapshotCollector::setIntervalMs(int intervalMs)
{
    m_settings.intervalMs = intervalMs;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, intervalMs] { worker->setIntervalMs(intervalMs); }, Qt::QueuedConnection);
}

void SnapshotCollector::setPaused(bool paused)
{
    m_paused = paused;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, paused] { worker->setPaused(paused); }, Qt::QueuedConnection);
}

void SnapshotCollector::pollNow()
{
    QMetaObject::invokeMethod(m_worker, &CollectorWorker::pollNow, Qt::QueuedConnection);
}

} // namespace TcpLens
