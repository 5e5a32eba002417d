// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Exact mode end to end: the collector reads the tracepoint, the tracker marks what it proves, and
// each connection's path equals the kernel's own text trace of the same sockets. Runs in private
// network and mount namespaces (tracefs is mounted there); needs root, as CI is.
#include "expectedtext.h"
#include "kerneltexttrace.h"
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "tracking/connectiontracker.h"

#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using S = TcpState;
using K = StepKnowledge;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

// "TCP_SYN_SENT" as the text trace prints it (show_tcp_state_name()).
QString kernelName(S state)
{
    static const QStringList names = {u"UNKNOWN"_s, u"TCP_ESTABLISHED"_s, u"TCP_SYN_SENT"_s, u"TCP_SYN_RECV"_s,
        u"TCP_FIN_WAIT1"_s, u"TCP_FIN_WAIT2"_s, u"TCP_TIME_WAIT"_s, u"TCP_CLOSE"_s, u"TCP_CLOSE_WAIT"_s,
        u"TCP_LAST_ACK"_s, u"TCP_LISTEN"_s, u"TCP_CLOSING"_s, u"TCP_NEW_SYN_RECV"_s};
    return names.value(int(state));
}

QStringList exactTransitions(const TrackedConnection &connection)
{
    QStringList transitions;
    for (qsizetype i = 1; i < connection.path.size(); ++i) {
        if (connection.path[i].knowledge == K::Exact)
            transitions.append(
                kernelName(connection.path[i - 1].state) + u"->"_s + kernelName(connection.path[i].state));
    }
    return transitions;
}

// The kernel's state of one of our own sockets (tcp_get_info()).
S stateOf(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    return ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 ? S(info.tcpi_state) : S::Unknown;
}

// Sends until the peer's window and our send buffer are full: a FIN queued now waits behind data.
void fill(int fd)
{
    const QByteArray chunk(4096, 'x');
    while (::send(fd, chunk.constData(), std::size_t(chunk.size()), MSG_DONTWAIT) > 0) { }
}

// Reads what has arrived; true once the peer's FIN came.
bool readToEnd(int fd)
{
    char buffer[65536];
    for (;;) {
        const auto got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got == 0)
            return true;
        if (got < 0)
            return false;
    }
}

void shrinkBuffers(int fd)
{
    const int size = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

} // namespace

class TestExactTracking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathsEqualTheKernelsTrace()
    {
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        // On this kernel (6.18) perf now and then counts an orphan's last events but writes no sample
        // (events fired in softirq on an idle CPU; TcpStateTracepoint::countUnwritten(),
        // docs/kernel-notes.md). The tracker then infers those steps. Equality with the kernel's trace
        // is required of a run that got every event: up to three runs are made to get one.
        for (int attempt = 1; attempt <= 3; ++attempt) {
            auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
            QVERIFY(listener.fd);
            const QByteArray filter =
                "sport == " + QByteArray::number(listener.port) + " || dport == " + QByteArray::number(listener.port);
            auto textTrace = Test::KernelTextTrace::start(filter);
            QVERIFY2(textTrace.has_value(), Test::errorText(textTrace).constData());

            CollectorSettings settings;
            settings.intervalMs = 60'000; // polls on demand, after the connection
            settings.exact = true;
            settings.snapshot.resolveOwners = false;
            LocalKernelSource collector({settings, false});
            ConnectionTracker tracker;
            int delivered = 0;
            connect(&collector, &ConnectionSource::snapshotReady, this,
                [&](const SocketSnapshot &snapshot) { tracker.applySnapshot(snapshot); });
            connect(&collector, &ConnectionSource::socketsDestroyed, this,
                [&](const DestroyedSockets &destroyed) { tracker.applyDestroyed(destroyed); });
            connect(&collector, &ConnectionSource::stateChanges, this, [&](const QList<StateChangeEvent> &changes) {
                for (const auto &change : changes)
                    delivered += change.localPort == listener.port || change.remotePort == listener.port;
                tracker.applyExact(changes);
            });
            QSignalSpy exact(&collector, &ConnectionSource::exactModeChanged);
            QSignalSpy polls(&collector, &ConnectionSource::snapshotReady);
            collector.start();
            QTRY_VERIFY(!exact.isEmpty());
            QVERIFY2(exact.constFirst().at(0).toBool(), qPrintable(exact.constFirst().at(1).toString()));
            QTRY_VERIFY(!polls.isEmpty());

            // Client closes first; the server follows.
            auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
            QVERIFY(Sockets::waitConnected(client.get(), 1s));
            auto server = Sockets::acceptOne(listener.fd.get(), 1s);
            QVERIFY(server);
            const quint16 clientPort = Sockets::localPort(client.get());
            client.reset();
            QTest::qWait(30);
            server.reset();
            const int seen = int(polls.size());
            QTest::qWait(50);
            for (int i = 1; i <= 2; ++i) {
                collector.pollNow();
                QTRY_COMPARE(int(polls.size()), seen + i);
            }
            (*textTrace)->stop();

            // The kernel's own account, split by socket.
            QStringList clientTruth;
            QStringList serverTruth;
            for (const auto &event : (*textTrace)->events()) {
                const QString step = event.fields.value(u"oldstate"_s) + u"->"_s + event.fields.value(u"newstate"_s);
                const quint16 sport = event.fields.value(u"sport"_s).toUShort();
                const quint16 dport = event.fields.value(u"dport"_s).toUShort();
                if (dport == listener.port && (sport == clientPort || sport == 0))
                    clientTruth.append(step);
                else if (sport == listener.port && dport == clientPort)
                    serverTruth.append(step);
            }
            QCOMPARE(clientTruth,
                (QStringList{u"TCP_CLOSE->TCP_SYN_SENT"_s, u"TCP_SYN_SENT->TCP_ESTABLISHED"_s,
                    u"TCP_ESTABLISHED->TCP_FIN_WAIT1"_s, u"TCP_FIN_WAIT1->TCP_FIN_WAIT2"_s,
                    u"TCP_FIN_WAIT2->TCP_CLOSE"_s}));
            const int truth = int(clientTruth.size() + serverTruth.size());
            if (delivered < truth && attempt < 3) {
                qInfo("run %d: perf delivered %d of the kernel's %d events; again", attempt, delivered, truth);
                continue;
            }
            QCOMPARE(delivered, truth);

            const TrackedConnection *clientSide = nullptr;
            tracker.forEachOpen([&](const TrackedConnection &c) {
                if (c.last->localPort == clientPort)
                    clientSide = &c;
            });
            QVERIFY(clientSide);
            // The full socket's last event hands over to its timewait socket, which fires none: the
            // snapshot completes the path.
            QCOMPARE(exactTransitions(*clientSide), clientTruth.first(clientTruth.size() - 1));
            QCOMPARE(clientSide->path.constFirst().state, S::Close);
            QCOMPARE(clientSide->path.constFirst().knowledge, K::Exact);
            QCOMPARE(clientSide->path.constLast().state, S::TimeWait);
            QCOMPARE(clientSide->path.constLast().knowledge, K::Polled);

            const TrackedConnection *serverSide = nullptr;
            for (const auto &c : tracker.closed()) {
                if (c.last->localPort == listener.port && c.last->remotePort == clientPort)
                    serverSide = &c;
            }
            QVERIFY(serverSide);
            QCOMPARE(exactTransitions(*serverSide), serverTruth);
            QCOMPARE(serverTruth.size(), 5); // LISTEN -> SYN_RECV -> ESTABLISHED -> CLOSE_WAIT -> LAST_ACK -> CLOSE
            for (const auto &step : serverSide->path)
                QCOMPARE(step.knowledge, K::Exact);
            return;
        }
    }

    void abortedCloseHasNoTimeWait_data()
    {
        QTest::addColumn<S>("abortedIn");
        QTest::addRow("RST in FIN-WAIT-1") << S::FinWait1;
        QTest::addRow("RST in CLOSING") << S::Closing;
    }

    // Review C1: an RST ends FIN_WAIT1 and CLOSING at once (tcp_reset() -> tcp_done()), traced as
    // FIN_WAIT1 -> CLOSE and CLOSING -> CLOSE; no timewait socket follows, so no TIME-WAIT either.
    void abortedCloseHasNoTimeWait()
    {
        QFETCH(S, abortedIn);
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        const QByteArray filter =
            "sport == " + QByteArray::number(listener.port) + " || dport == " + QByteArray::number(listener.port);
        auto textTrace = Test::KernelTextTrace::start(filter);
        QVERIFY2(textTrace.has_value(), Test::errorText(textTrace).constData());

        CollectorSettings settings;
        settings.intervalMs = 60'000; // polls on demand
        settings.exact = true;
        settings.snapshot.resolveOwners = false;
        LocalKernelSource collector({settings, false});
        ConnectionTracker tracker;
        connect(&collector, &ConnectionSource::snapshotReady, this,
            [&](const SocketSnapshot &snapshot) { tracker.applySnapshot(snapshot); });
        connect(&collector, &ConnectionSource::socketsDestroyed, this,
            [&](const DestroyedSockets &destroyed) { tracker.applyDestroyed(destroyed); });
        connect(&collector, &ConnectionSource::stateChanges, this,
            [&](const QList<StateChangeEvent> &changes) { tracker.applyExact(changes); });
        QSignalSpy exact(&collector, &ConnectionSource::exactModeChanged);
        QSignalSpy polls(&collector, &ConnectionSource::snapshotReady);
        collector.start();
        QTRY_VERIFY(!exact.isEmpty());
        QVERIFY2(exact.constFirst().at(0).toBool(), qPrintable(exact.constFirst().at(1).toString()));
        QTRY_VERIFY(!polls.isEmpty());
        const auto pollOnce = [&] {
            const qsizetype seen = polls.size();
            collector.pollNow();
            return polls.wait(5000) || polls.size() > seen;
        };

        // Small buffers, filled: each side's FIN waits behind data the other does not read.
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        shrinkBuffers(client.get());
        shrinkBuffers(server.get());
        fill(client.get());
        ::shutdown(client.get(), SHUT_WR);
        QTRY_COMPARE(stateOf(client.get()), S::FinWait1);
        if (abortedIn == S::Closing) {
            fill(server.get());
            ::shutdown(server.get(), SHUT_WR);
            // The server's data and FIN reach the client, whose own FIN is still stuck: CLOSING.
            QTRY_VERIFY(readToEnd(client.get()));
            QTRY_COMPARE(stateOf(client.get()), S::Closing);
        }
        QVERIFY(pollOnce());
        const linger abort{1, 0};
        ::setsockopt(server.get(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        server.reset(); // the RST
        QTRY_COMPARE(stateOf(client.get()), S::Close);
        client.reset();
        QVERIFY(pollOnce());
        QVERIFY(pollOnce());
        (*textTrace)->stop();

        QStringList clientTruth;
        for (const auto &event : (*textTrace)->events()) {
            const quint16 sport = event.fields.value(u"sport"_s).toUShort();
            const quint16 dport = event.fields.value(u"dport"_s).toUShort();
            if (dport == listener.port && (sport == clientPort || sport == 0))
                clientTruth.append(event.fields.value(u"oldstate"_s) + u"->"_s + event.fields.value(u"newstate"_s));
        }
        QCOMPARE(clientTruth.constLast(), kernelName(abortedIn) + u"->TCP_CLOSE"_s);
        const TrackedConnection *clientSide = nullptr;
        for (const auto &c : tracker.closed()) {
            if (c.last->localPort == clientPort)
                clientSide = &c;
        }
        QVERIFY(clientSide);
        QCOMPARE(exactTransitions(*clientSide), clientTruth);
        for (const auto &step : clientSide->path)
            QVERIFY2(step.state != S::TimeWait, "an aborted socket is given no TIME-WAIT");
    }
};

TCPLENS_TRACEFS_NETNS_TEST_MAIN(TestExactTracking)

#include "tst_exacttracking.moc"
