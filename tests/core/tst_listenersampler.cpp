// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The listener sampler and the sysctl watcher against the kernel, in a private network namespace.
#include "collect/listenersamplerworker.h"
#include "collect/workerthread.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "sysctl/sysctlwatcher.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {
const QString FinTimeout = u"/proc/sys/net/ipv4/tcp_fin_timeout"_s;

QByteArray readFinTimeout()
{
    QFile file(FinTimeout);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

bool writeFinTimeout(const QByteArray &value)
{
    QFile file(FinTimeout);
    return file.open(QIODevice::WriteOnly) && file.write(value + '\n') > 0;
}

const ListenerReading *readingOf(const ListenerSampleBatch &batch, quint16 port)
{
    const auto it = std::find_if(batch.listeners.cbegin(), batch.listeners.cend(),
        [port](const ListenerReading &reading) { return reading.port == port; });
    return it == batch.listeners.cend() ? nullptr : &*it;
}
} // namespace

class TestListenerSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void watcherReportsAChangedSysctl()
    {
        SysctlWatcher watcher(u"test"_s);
        QVERIFY(watcher.watchedKeys() > 10);
        QVERIFY(watcher.poll().isEmpty()); // the first poll learns
        QVERIFY(watcher.poll().isEmpty());
        const QByteArray before = readFinTimeout();
        QVERIFY(!before.isEmpty());
        const QByteArray after = before == "17" ? "18" : "17";
        QVERIFY(writeFinTimeout(after));
        const QList<SysctlChange> changes = watcher.poll();
        QVERIFY(writeFinTimeout(before));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().key, u"net.ipv4.tcp_fin_timeout"_s);
        QCOMPARE(changes.first().oldValue, QString::fromLatin1(before));
        QCOMPARE(changes.first().newValue, QString::fromLatin1(after));
        QCOMPARE(changes.first().netns, u"test"_s);
    }

    void samplesAFullListenerInItsNamespace()
    {
        auto full = Sockets::listen(u"127.0.0.1"_s, 1);
        QVERIFY(full.fd);
        // Through setns() like any other namespace: our own, named by its /proc path.
        WorkerThread<ListenerSamplerWorker> sampler(u"tcplens-listeners"_s, u"/proc/%1/ns/net"_s.arg(::getpid()), 20);
        QSignalSpy batches(sampler.worker(), &ListenerSamplerWorker::listenersSampled);
        QSignalSpy counters(sampler.worker(), &ListenerSamplerWorker::countersSampled);
        QSignalSpy sysctls(sampler.worker(), &ListenerSamplerWorker::sysctlChanged);
        QSignalSpy failures(sampler.worker(), &ListenerSamplerWorker::failed);
        sampler.start();
        QTRY_VERIFY(!batches.isEmpty());
        QVERIFY2(failures.isEmpty(), failures.isEmpty() ? "" : qPrintable(failures.first().first().toString()));
        QVERIFY(sampler.thread() != QThread::currentThread());

        std::vector<UniqueFd> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, full.port));
        // The sampler saw the queue full (backlog 1 holds 2) and overflows attributed to it.
        bool sawFull = false;
        qint64 overflows = 0;
        quint64 lastGeneration = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (!batches.isEmpty()) {
                    const auto batch = batches.takeFirst().first().value<ListenerSampleBatch>();
                    if (batch.generation <= lastGeneration)
                        return false; // generations must only grow
                    lastGeneration = batch.generation;
                    if (const ListenerReading *reading = readingOf(batch, full.port)) {
                        sawFull = sawFull || reading->sample.acceptQueue == 2;
                        overflows += reading->sample.overflows;
                        if (reading->sample.acceptQueueLimit != 1)
                            return false;
                    }
                }
                return sawFull && overflows > 0;
            }(),
            10000);

        // The owner comes from a slower lookup.
        QString process;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                while (!batches.isEmpty()) {
                    const auto batch = batches.takeFirst().first().value<ListenerSampleBatch>();
                    if (const ListenerReading *reading = readingOf(batch, full.port))
                        process = reading->process;
                }
                return !process.isEmpty();
            }(),
            5000);
        QVERIFY2(process.endsWith(u" (%1)"_s.arg(::getpid())), qPrintable(process));

        // Rates once a second, of the catalog's counters only.
        QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 5000);
        const auto changes = counters.last().at(1).value<QList<CounterChange>>();
        QVERIFY(std::any_of(changes.cbegin(), changes.cend(),
            [](const CounterChange &change) { return change.name == "TcpExt.ListenOverflows"; }));
        QVERIFY(std::none_of(changes.cbegin(), changes.cend(),
            [](const CounterChange &change) { return change.name == "TcpExt.DelayedACKs"; }));

        // A sysctl changed from outside shows up within about a second.
        const QByteArray before = readFinTimeout();
        QVERIFY(writeFinTimeout(before == "23" ? "24" : "23"));
        QTRY_VERIFY_WITH_TIMEOUT(!sysctls.isEmpty(), 5000);
        QVERIFY(writeFinTimeout(before));
        QCOMPARE(sysctls.first().first().value<SysctlChange>().key, u"net.ipv4.tcp_fin_timeout"_s);

        // The stored history of one listener, on request.
        QSignalSpy history(sampler.worker(), &ListenerSamplerWorker::historyReady);
        QTRY_VERIFY(!batches.isEmpty());
        const quint64 cookie = readingOf(batches.last().first().value<ListenerSampleBatch>(), full.port)->cookie;
        sampler.post(&ListenerSamplerWorker::requestHistory, cookie);
        QTRY_VERIFY(!history.isEmpty());
        QCOMPARE(history.first().first().toULongLong(), cookie);
        const auto samples = history.first().at(1).value<QList<ListenerSample>>();
        QVERIFY(samples.size() > 5);
        QVERIFY(std::is_sorted(samples.cbegin(), samples.cend(),
            [](const ListenerSample &a, const ListenerSample &b) { return a.timeNs < b.timeNs; }));
    }

    // Not a benchmark with a verdict: what a tick costs with 50 listeners, printed for docs/.
    void tickCostWithFiftyListeners()
    {
        std::vector<Sockets::Listener> listeners;
        for (int i = 0; i < 50; ++i) {
            listeners.push_back(Sockets::listen(u"127.0.0.1"_s, 16));
            QVERIFY(listeners.back().fd);
        }
        WorkerThread<ListenerSamplerWorker> sampler(u"tcplens-listeners"_s, QString(), 50);
        QSignalSpy batches(sampler.worker(), &ListenerSamplerWorker::listenersSampled);
        sampler.start();
        QTRY_VERIFY_WITH_TIMEOUT(batches.size() >= 60, 20000);
        QList<qint64> costs;
        for (const auto &arguments : std::as_const(batches)) {
            const auto batch = arguments.first().value<ListenerSampleBatch>();
            QCOMPARE(batch.listeners.size(), 50);
            costs.append(batch.tickNs);
        }
        std::sort(costs.begin(), costs.end());
        qInfo("tick with 50 listeners over %lld ticks: median %.3f ms, 90th percentile %.3f ms, max %.3f ms",
            qint64(costs.size()), double(costs.at(costs.size() / 2)) / 1e6,
            double(costs.at(costs.size() * 9 / 10)) / 1e6, double(costs.last()) / 1e6);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestListenerSampler, QCoreApplication)

#include "tst_listenersampler.moc"
