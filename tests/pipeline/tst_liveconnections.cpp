// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The pipeline every front end uses, on the real kernel: a LocalKernelSource watching a private
// network namespace where this test opens sockets, and LiveConnections turning what it reports into
// connections, events and state counts.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "sscommand.h"

#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

// A source that reports snapshots it is handed, in the order it is told: for the pipeline's own rules
// (which snapshot is stale), with snapshots the kernel really gave.
class HandedSnapshots : public ConnectionSource
{
public:
    SourceDescription description() const override { return {SourceDescription::Kind::Recording, {}, {}, {}, {}}; }
    SourceCapabilities capabilities() const override { return {.live = false}; }
    void start() override { ++started; }
    void setPollIntervalMs(int) override { }
    void setPaused(bool) override { }
    void pollNow() override { }
    void setListenerWindowNs(qint64) override { }
    void setListenerIntervalMs(int) override { }
    void requestListenerHistory(quint64) override { }
    void report(const SocketSnapshot &snapshot) { Q_EMIT snapshotReady(snapshot); }
    int started = 0;
};

std::unique_ptr<LocalKernelSource> kernelSource(int intervalMs, bool sampleListeners = false)
{
    LocalKernelSource::Options options;
    options.collector.intervalMs = intervalMs;
    options.sampleListeners = sampleListeners;
    return std::make_unique<LocalKernelSource>(options);
}

// A copy of the open connection on `port` in `state`, as the tracking thread has it now.
std::optional<TrackedConnection> openOnLocalPort(const LiveConnections &connections, quint16 port, TcpState state)
{
    return connections.inspect([&](const TrackingWorker &worker) {
        std::optional<TrackedConnection> found;
        worker.tracker().forEachOpen([&](const TrackedConnection &connection) {
            if (connection.last->localPort == port && connection.state() == state)
                found = connection;
        });
        return found;
    });
}

// Everything the source handed over has been applied and its signals delivered here.
void drain(const LiveConnections &connections)
{
    connections.inspect([](const TrackingWorker &) { });
    QCoreApplication::sendPostedEvents();
}

} // namespace

class TestLiveConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateCountsAreWhatSsSees()
    {
        auto [listener, client, server] = Sockets::connectedPair(u"127.0.0.1"_s);
        QVERIFY2(server, "no loopback connection: listen, connect or accept failed");

        LiveConnections connections;
        QSignalSpy counts(&connections, &LiveConnections::stateCountsChanged);
        QSignalSpy applied(&connections, &LiveConnections::snapshotApplied);
        connections.setSource(kernelSource(50));
        QTRY_VERIFY(applied.size() >= 3);
        const auto ss = Test::SsCommand::run();
        QVERIFY2(ss.has_value(), "ss -tan failed: install iproute2");
        QHash<QString, int> witnessed;
        for (const auto &row : *ss)
            ++witnessed[row.state];
        const auto &latest = connections.stateCounts();
        QCOMPARE(latest.value(TcpState::Listen), witnessed.value(u"LISTEN"_s));
        QCOMPARE(latest.value(TcpState::Established), witnessed.value(u"ESTAB"_s));
        QCOMPARE(latest.value(TcpState::Listen), 1);
        QCOMPARE(latest.value(TcpState::Established), 2);
        // The signal carries the same histogram, at the snapshot's time.
        const auto last = counts.constLast();
        QCOMPARE(last.at(0).toLongLong(), connections.latest().monotonicNs());
        const auto signalled = last.at(1).value<QHash<TcpState, int>>();
        QCOMPARE(signalled, latest);

        // Each snapshot once, in order.
        quint64 previous = 0;
        for (const auto &arguments : std::as_const(applied)) {
            const quint64 generation = arguments.at(0).value<SocketSnapshot>().generation();
            QVERIFY2(generation > previous, qPrintable(u"generation %1 after %2"_s.arg(generation).arg(previous)));
            previous = generation;
        }
    }

    void eventsComeBeforeTheSnapshotThatShowsThem()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        LiveConnections connections;
        quint16 clientPort = 0;
        QStringList order;
        QStringList untracked;
        connect(&connections, &LiveConnections::eventsReady, this, [&](const ConnectionEvents &events) {
            for (const ConnectionEvent &event : events) {
                const auto tracked = connections.connection(event.connectionId);
                if (event.kind == ConnectionEvent::Kind::Opened && tracked && clientPort != 0 &&
                    tracked->last->localPort == clientPort)
                    order.append(u"opened"_s);
            }
        });
        connect(&connections, &LiveConnections::snapshotApplied, this, [&](const SocketSnapshot &snapshot) {
            const auto &sockets = snapshot.sockets();
            const QList<SocketTracking> &tracking = connections.latestTracked().tracking;
            QCOMPARE(tracking.size(), qsizetype(sockets.size()));
            for (std::size_t i = 0; i < sockets.size(); ++i) {
                const SocketRecord &socket = sockets[i];
                if (clientPort == 0 || socket.localPort != clientPort)
                    continue;
                // Views hear of a snapshot once the tracker has what it shows, with the connection.
                if (tracking[qsizetype(i)].connectionId == 0)
                    untracked.append(u"cookie %1"_s.arg(socket.cookie));
                order.append(u"snapshot"_s);
            }
        });
        connections.setSource(kernelSource(50));
        QTRY_VERIFY(!connections.latest().isNull());
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        clientPort = Sockets::localPort(client.get());
        QTRY_VERIFY(order.contains(u"snapshot"_s));
        QVERIFY2(untracked.isEmpty(), qPrintable(untracked.join(u", "_s)));
        QCOMPARE(order.constFirst(), u"opened"_s);
        const auto tracked = openOnLocalPort(connections, clientPort, TcpState::Established);
        QVERIFY(tracked);
        QVERIFY(!tracked->passive);
    }

    void staleSnapshotIsDropped()
    {
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), Test::errorText(source).constData());
        const auto older = (*source)->take({});
        const auto newer = (*source)->take({});
        QVERIFY(older && newer);
        QVERIFY(newer->generation() > older->generation());

        LiveConnections connections;
        QSignalSpy applied(&connections, &LiveConnections::snapshotApplied);
        auto handed = std::make_unique<HandedSnapshots>();
        HandedSnapshots *scripted = handed.get();
        connections.setSource(std::move(handed));
        QCOMPARE(scripted->started, 1);
        scripted->report(*newer);
        scripted->report(*older); // overtaken: never applied
        scripted->report(*newer); // the same one again: nothing new
        drain(connections);
        QCOMPARE(applied.size(), 1);
        QCOMPARE(connections.latest().generation(), newer->generation());
    }

    void freshSourceForgetsAndSameKernelKeepsFollowing()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        LiveConnections connections;
        QSignalSpy changed(&connections, &LiveConnections::sourceChanged);
        connections.setSource(kernelSource(50));
        QCOMPARE(changed.size(), 1);
        std::optional<TrackedConnection> tracked;
        QTRY_VERIFY((tracked = openOnLocalPort(connections, listener.port, TcpState::Listen)).has_value());
        const quint64 id = tracked->id;

        // Exact mode switched: the same kernel, a new collector whose generations start at 1 again.
        // Its first snapshot must be taken at once, and the listener stays the same connection.
        const quint64 before = connections.latest().generation();
        connections.setSource(kernelSource(50), LiveConnections::SourceChange::SameKernel);
        QCOMPARE(changed.size(), 1);
        QTRY_VERIFY(!connections.latest().isNull());
        QVERIFY2(connections.latest().generation() < before || before < 3,
            "the new collector's snapshots count from 1 again");
        QVERIFY(connections.connection(id));
        QCOMPARE(openOnLocalPort(connections, listener.port, TcpState::Listen)->id, id);

        // Another source: nothing of the old one is left.
        connections.setSource(kernelSource(50));
        QCOMPARE(changed.size(), 2);
        QVERIFY(!connections.connection(id));
        QTRY_VERIFY(openOnLocalPort(connections, listener.port, TcpState::Listen).has_value());
    }

    void listenerSamplesCountersAndStatusArrive()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 3);
        QVERIFY(listener.fd);
        LiveConnections connections;
        QSignalSpy listeners(&connections, &LiveConnections::listenersSampled);
        QSignalSpy counters(&connections, &LiveConnections::countersSampled);
        QSignalSpy history(&connections, &LiveConnections::listenerHistoryReady);
        QSignalSpy status(&connections, &LiveConnections::statusChanged);
        connections.setSource(kernelSource(100, true));
        QTRY_VERIFY(!listeners.isEmpty());
        const auto batch = listeners.constLast().at(0).value<ListenerSampleBatch>();
        const auto reading = std::find_if(batch.listeners.cbegin(), batch.listeners.cend(),
            [&](const ListenerReading &r) { return r.port == listener.port; });
        QVERIFY(reading != batch.listeners.cend());
        // min(backlog 3, somaxconn), as sock_diag's idiag_wqueue reports it.
        QCOMPARE(reading->sample.acceptQueueLimit, 3u);
        connections.requestListenerHistory(reading->cookie);
        QTRY_VERIFY(!history.isEmpty());
        QCOMPARE(history.constFirst().at(0).toULongLong(), reading->cookie);
        QVERIFY(!history.constFirst().at(1).value<QList<ListenerSample>>().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(counters.size() >= 1, 5000);
        QTRY_VERIFY(connections.status().effectiveIntervalMs == 100);
        QVERIFY(!status.isEmpty());
    }

    // The diagnosis rides the pipeline: renewed with every snapshot, with the namespace's sysctls
    // (read by the source) and counter rates, and naming the very socket that has the problem.
    void diagnosisFindsAFullListenerWithTheSysctlsInForce()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 1);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 2; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            QVERIFY(Sockets::waitConnected(clients.back().get(), 1s));
        }
        quint64 cookie = 0;
        socklen_t length = sizeof cookie;
        QCOMPARE(::getsockopt(listener.fd.get(), SOL_SOCKET, SO_COOKIE, &cookie, &length), 0);

        LiveConnections connections;
        QSignalSpy updated(&connections, &LiveConnections::diagnosisUpdated);
        connections.setSource(kernelSource(100, true));
        QTRY_VERIFY(!updated.isEmpty());
        const auto report = updated.constLast().at(0).value<DiagnosisReport>();
        const DiagnosisProblem *full = report.find(u"accept-queue-full"_s);
        QVERIFY2(full, "a listener with backlog 1 and two unaccepted connections: accept-queue-full expected");
        QCOMPARE(full->cookies, QList<quint64>{cookie});
        QCOMPARE(connections.diagnosis().generation, connections.latest().generation());
        // The source reads the sysctls once (about a second in) and the history keeps them.
        QTRY_VERIFY_WITH_TIMEOUT(connections.inspect([](const TrackingWorker &worker) {
            return worker.history().sysctl(u"net.core.somaxconn"_s).has_value();
        }),
            5000);
        const SocketReading reading = connections.explain(cookie);
        QCOMPARE(reading.ruleIds, QStringList{u"accept-queue-full"_s});
        const bool namesSomaxconn =
            std::any_of(reading.sentences.cbegin(), reading.sentences.cend(), [](const auto &s) {
                return std::any_of(s.evidence.cbegin(), s.evidence.cend(), [](const DiagnosisEvidence &e) {
                    return e.kind == DiagnosisEvidence::Kind::Sysctl && e.key == u"net.core.somaxconn"_s &&
                        e.value.toInt() > 0;
                });
            });
        QVERIFY2(namesSomaxconn, "the reading should show net.core.somaxconn's value as evidence");
        QVERIFY(connections.explain(cookie + 1000000).sentences.isEmpty());
    }

    void localKernelSourceSaysWhatItCan()
    {
        LocalKernelSource::Options options;
        options.collector.netns = u"/proc/%1/ns/net"_s.arg(::getpid());
        options.collector.snapshot.resolveOwners = false;
        const LocalKernelSource source(options);
        const SourceDescription description = source.description();
        QCOMPARE(description.kind, SourceDescription::Kind::LocalKernel);
        QCOMPARE(description.host, QSysInfo::machineHostName());
        QCOMPARE(description.kernel, QSysInfo::kernelVersion());
        QCOMPARE(description.netns, options.collector.netns);
        const SourceCapabilities capabilities = source.capabilities();
        QVERIFY(capabilities.live);
        QVERIFY(capabilities.exactTransitions);
        QVERIFY(!capabilities.owners);
        // Root writes any namespace's per-namespace sysctls; nobody else writes another namespace's.
        QCOMPARE(capabilities.sysctlWrites, ::geteuid() == 0);

        LiveConnections connections;
        QVERIFY(!connections.capabilities().live);
        QCOMPARE(connections.description().kind, SourceDescription::Kind::LocalKernel);
    }

    void markersFromOutsideTheSourceReachEveryView()
    {
        // The window journals a sysctl it wrote: the pipeline hands the marker on like a source's own.
        LiveConnections connections;
        connections.setSource(std::make_unique<HandedSnapshots>());
        QSignalSpy markers(&connections, &LiveConnections::markerAdded);
        TimelineMarker marker;
        marker.kind = TimelineMarker::Kind::SysctlChange;
        marker.monotonicNs = 42;
        marker.label = u"tcp_fin_timeout 60 → 30"_s;
        connections.addMarker(marker);
        QCOMPARE(markers.size(), 1);
        const auto received = markers.constFirst().at(0).value<TimelineMarker>();
        QCOMPARE(received.label, marker.label);
        QCOMPARE(received.monotonicNs, 42);
        QCOMPARE(received.kind, TimelineMarker::Kind::SysctlChange);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestLiveConnections, QCoreApplication)

#include "tst_liveconnections.moc"
