// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The tracker in polling mode against real sockets in a private namespace: every state a poll can
// see is seen, the rest inferred. The synthetic cases are tst_connectiontracker.
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "tracking/connectiontracker.h"

#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <expected>
#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using S = TcpState;
using K = StepKnowledge;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

QList<S> states(const TrackedConnection &connection)
{
    QList<S> result;
    for (const auto &step : connection.path)
        result.append(step.state);
    return result;
}

QList<K> knowledge(const TrackedConnection &connection)
{
    QList<K> result;
    for (const auto &step : connection.path)
        result.append(step.knowledge);
    return result;
}

// The kernel's state of one of our own sockets (tcp_get_info()).
S stateOf(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    return ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 ? S(info.tcpi_state) : S::Unknown;
}

// Asks the collector for polls until one shows what `shows` wants; says why not otherwise.
std::expected<void, QString> pollUntil(LocalKernelSource &collector, QSignalSpy &polls,
    const std::function<bool(const SocketSnapshot &)> &shows, const char *what)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        const qsizetype seen = polls.size();
        collector.pollNow();
        if (!polls.wait(2000) && polls.size() == seen)
            return std::unexpected(u"no snapshot came while waiting for %1"_s.arg(QLatin1StringView(what)));
        if (shows(polls.constLast().constFirst().value<SocketSnapshot>()))
            return {};
    }
    return std::unexpected(u"no snapshot showed %1"_s.arg(QLatin1StringView(what)));
}

// What a snapshot shows of the socket with this local port (Unknown: nothing).
S stateIn(const SocketSnapshot &snapshot, quint16 localPort, quint16 remotePort)
{
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.localPort == localPort && socket.remotePort == remotePort)
            return socket.state;
    }
    return S::Unknown;
}

} // namespace

class TestConnectionTrackerKernel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientClosesFirst()
    {
        CollectorSettings settings;
        settings.intervalMs = 60'000; // polls on demand
        settings.snapshot.resolveOwners = false;
        settings.watchDestroyed = false; // polls alone
        LocalKernelSource collector({settings, false});
        ConnectionTracker tracker;
        connect(&collector, &ConnectionSource::snapshotReady, this,
            [&](const SocketSnapshot &snapshot) { tracker.applySnapshot(snapshot); });
        QSignalSpy polls(&collector, &ConnectionSource::snapshotReady);
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        collector.start();
        QVERIFY(polls.wait(5000));

        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 clientPort = Sockets::localPort(client.get());
        const auto shows = [&](S clientState, S serverState) {
            return [=, port = listener.port](const SocketSnapshot &snapshot) {
                return stateIn(snapshot, clientPort, port) == clientState &&
                    stateIn(snapshot, port, clientPort) == serverState;
            };
        };
        auto polled = pollUntil(collector, polls, shows(S::Established, S::Established), "both ends ESTABLISHED");
        QVERIFY2(polled, Test::errorText(polled).constData());

        // Half-closed: the client shut its side, the server still holds its socket.
        ::shutdown(client.get(), SHUT_WR);
        QTRY_COMPARE(stateOf(client.get()), S::FinWait2);
        polled = pollUntil(collector, polls, shows(S::FinWait2, S::CloseWait), "FIN-WAIT-2 and CLOSE-WAIT");
        QVERIFY2(polled, Test::errorText(polled).constData());
        client.reset();
        server.reset();
        polled = pollUntil(collector, polls, shows(S::TimeWait, S::Unknown), "TIME-WAIT, the server gone");
        QVERIFY2(polled, Test::errorText(polled).constData());

        const TrackedConnection *clientSide = nullptr;
        const TrackedConnection *serverSide = nullptr;
        tracker.forEachOpen([&](const TrackedConnection &c) {
            if (c.last->localPort == clientPort)
                clientSide = &c;
        });
        for (const auto &c : tracker.closed()) {
            if (c.last->remotePort == clientPort)
                serverSide = &c;
        }
        QVERIFY(clientSide);
        QVERIFY(serverSide);
        QCOMPARE(states(*clientSide),
            (QList<S>{S::Close, S::SynSent, S::Established, S::FinWait1, S::FinWait2, S::TimeWait}));
        QCOMPARE(
            knowledge(*clientSide), (QList<K>{K::Inferred, K::Inferred, K::Polled, K::Inferred, K::Polled, K::Polled}));
        QVERIFY(serverSide->passive);
        QCOMPARE(states(*serverSide),
            (QList<S>{S::Listen, S::NewSynRecv, S::Established, S::CloseWait, S::LastAck, S::Close}));
        QCOMPARE(serverSide->path[3].knowledge, K::Polled); // CLOSE_WAIT was seen while half-closed
        QCOMPARE(serverSide->path[4].knowledge, K::Inferred);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestConnectionTrackerKernel, QCoreApplication)

#include "tst_connectiontrackerkernel.moc"
