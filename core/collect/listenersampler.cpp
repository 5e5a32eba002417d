// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenersampler.h"

#include "collect/listenersamplerworker.h"

namespace TcpLens {

ListenerSampler::ListenerSampler(const QString &netns, int intervalMs, qint64 windowNs, QObject *parent)
    : QObject(parent)
    , m_netns(netns)
    , m_intervalMs(intervalMs)
{
    qRegisterMetaType<TcpLens::ListenerSampleBatch>();
    qRegisterMetaType<QList<TcpLens::CounterChange>>();
    qRegisterMetaType<QList<TcpLens::ListenerSample>>();
    qRegisterMetaType<TcpLens::SysctlChange>();
    m_thread.setObjectName(QStringLiteral("tcplens-listeners"));
    m_worker = new ListenerSamplerWorker(netns, intervalMs, windowNs);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ListenerSamplerWorker::started, this, &ListenerSampler::started);
    connect(m_worker, &ListenerSamplerWorker::listenersSampled, this, &ListenerSampler::listenersSampled);
    connect(m_worker, &ListenerSamplerWorker::countersSampled, this, &ListenerSampler::countersSampled);
    connect(m_worker, &ListenerSamplerWorker::sysctlChanged, this, &ListenerSampler::sysctlChanged);
    connect(m_worker, &ListenerSamplerWorker::historyReady, this, &ListenerSampler::historyReady);
    connect(m_worker, &ListenerSamplerWorker::failed, this, &ListenerSampler::failed);
}

ListenerSampler::~ListenerSampler()
{
    m_thread.quit();
    m_thread.wait();
}

void ListenerSampler::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &ListenerSamplerWorker::start, Qt::QueuedConnection);
}

void ListenerSampler::setIntervalMs(int intervalMs)
{
    m_intervalMs = intervalMs;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, intervalMs] { worker->setIntervalMs(intervalMs); }, Qt::QueuedConnection);
}

void ListenerSampler::setWindowNs(qint64 windowNs)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, windowNs] { worker->setWindowNs(windowNs); }, Qt::QueuedConnection);
}

void ListenerSampler::setPaused(bool paused)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, paused] { worker->setPaused(paused); }, Qt::QueuedConnection);
}

void ListenerSampler::requestHistory(quint64 cookie)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, cookie] { worker->requestHistory(cookie); }, Qt::QueuedConnection);
}

} // namespace TcpLens
