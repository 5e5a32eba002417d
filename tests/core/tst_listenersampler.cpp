// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The listener sampler and the sysctl watcher against the kernel, in a private network namespace.
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
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
        // The listener sampler of a kernel source, at 20 ms; its connection polls stay out of the way.
        LocalKernelSource::Options options;
        options.collector.netns = u"/proc/%1/ns/net"_s.arg(::getpid());
        options.collector.intervalMs = 60'000;
        options.listenerIntervalMs = 20;
        LocalKernelSource sampler(options);
        QSignalSpy batches(&sampler, &ConnectionSource::listenersSampled);
        QSignalSpy counters(&sampler, &ConnectionSource::countersSampled);
        QSignalSpy sysctls(&sampler, &ConnectionSource::sysctlChanged);
        QSignalSpy failures(&sampler, &ConnectionSource::failed);
        sampler.start();
        QTRY_VERIFY(!batches.isEmpty());
        QVERIFY2(failures.isEmpty(), failures.isEmpty() ? "" : qPrintable(failures.first().first().toString()));
        QVERIFY(sampler.listenerThread() != QThread::currentThread());

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
        QSignalSpy history(&sampler, &ConnectionSource::listenerHistoryReady);
        QTRY_VERIFY(!batches.isEmpty());
        const quint64 cookie = readingOf(batches.last().first().value<ListenerSampleBatch>(), full.port)->cookie;
        sampler.requestListenerHistory(cookie);
        QTRY_VERIFY(!history.isEmpty());
        QCOMPARE(history.first().first().toULongLong(), cookie);
        const auto samples = history.first().at(1).value<QList<ListenerSample>>();
        QVERIFY(samples.size() > 5);
        QVERIFY(std::is_sorted(samples.cbegin(), samples.cend(),
            [](const ListenerSample &a, const ListenerSample &b) { return a.timeNs < b.timeNs; }));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestListenerSampler, QCoreApplication)

#include "tst_listenersampler.moc"
