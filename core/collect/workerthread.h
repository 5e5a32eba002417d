// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThread>

#include <type_traits>
#include <utility>

namespace TcpLens {

// A worker QObject living in a thread of its own, for every collector of TCP Lens. The owner
// connects to worker()'s signals (Qt queues them across the threads by itself) and reaches the worker
// only through post(), which runs the call in the worker's thread: no caller ever waits for the
// kernel, and no signal list is written twice. Destroying the WorkerThread stops the thread and
// deletes the worker in it.
template<typename Worker>
class WorkerThread
{
    static_assert(std::is_base_of_v<QObject, Worker>);

public:
    template<typename... Args>
    explicit WorkerThread(const QString &threadName, Args &&...workerArguments)
        : m_worker(new Worker(std::forward<Args>(workerArguments)...))
    {
        m_thread.setObjectName(threadName);
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    }
    ~WorkerThread()
    {
        if (!m_started) {
            // Never started: no thread will run the deleteLater() connected to its end.
            delete m_worker;
            return;
        }
        m_thread.quit();
        m_thread.wait();
    }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // For connections only: the worker lives in another thread, calling it directly is a data race.
    // Its signals are queued to the receiver's thread; a receiver that outlives this WorkerThread
    // still gets what was queued before the thread stopped, so connect to one that dies with it
    // (as LocalKernelSource does).
    Worker *worker() const { return m_worker; }
    const QThread *thread() const { return &m_thread; }
    bool isRunning() const { return m_thread.isRunning(); }

    // Starts the thread once and has it run Worker::start().
    void start()
    {
        if (std::exchange(m_started, true))
            return;
        m_thread.start();
        post(&Worker::start);
    }

    // Runs worker()->method(arguments...) in the worker's thread, after the calls posted before it.
    template<typename... Params, typename... Args>
    void post(void (Worker::*method)(Params...), Args &&...arguments)
    {
        QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, method, ... values = std::decay_t<Params>(std::forward<Args>(arguments))]() mutable {
                (worker->*method)(std::move(values)...);
            },
            Qt::QueuedConnection);
    }

private:
    QThread m_thread;
    Worker *m_worker;
    bool m_started = false;
};

} // namespace TcpLens
