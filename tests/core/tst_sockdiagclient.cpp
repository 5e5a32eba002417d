// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The snapshot engine against the real kernel, in a private network namespace: every socket here is
// one this test made, and `ss` is the witness.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "netlink/inetdiagrequest.h"
#include "netlink/sockdiagclient.h"
#include "privatenetworknamespace.h"
#include "sscommand.h"

#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestSockDiagClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SnapshotSource> m_source;

    SocketSnapshot take(quint32 mask = AllStatesMask, bool keepDetails = true)
    {
        SnapshotSource::Options options;
        options.stateMask = mask;
        options.keepDetails = keepDetails;
        auto snapshot = m_source->take(options);
        if (!snapshot)
            qFatal("snapshot failed: %s", qPrintable(snapshot.error()));
        return *snapshot;
    }

    static QList<SocketRecord> withLocalPort(const SocketSnapshot &snapshot, quint16 port)
    {
        QList<SocketRecord> found;
        for (const auto &socket : snapshot.sockets()) {
            if (socket.localPort == port)
                found.append(socket);
        }
        return found;
    }

    static QList<SocketRecord> withRemotePort(const SocketSnapshot &snapshot, quint16 port)
    {
        QList<SocketRecord> found;
        for (const auto &socket : snapshot.sockets()) {
            if (socket.remotePort == port)
                found.append(socket);
        }
        return found;
    }

    static std::size_t indexOf(const SocketSnapshot &snapshot, quint64 cookie)
    {
        const auto &sockets = snapshot.sockets();
        return std::size_t(std::find_if(sockets.cbegin(), sockets.cend(), [cookie](const SocketRecord &s) {
            return s.cookie == cookie;
        }) - sockets.cbegin());
    }

    static std::optional<ListenerQueue> listenerOnPort(const SocketSnapshot &snapshot, quint16 port)
    {
        for (const auto &listener : snapshot.listeners()) {
            if (snapshot.sockets()[std::size_t(listener.socketIndex)].localPort == port)
                return listener;
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), TcpLens::Test::errorText(source).constData());
        m_source = std::move(*source);
    }

    void acceptQueueMatchesSs()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 3);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> clients;
        int connected = 0;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            QVERIFY(clients.back());
            // One at a time, so each handshake settles before the next SYN: then the queue fills in order.
            connected += Sockets::waitConnected(clients.back().get(), 200ms) ? 1 : 0;
        }
        // sk_acceptq_is_full() compares with '>': backlog 3 holds 4 connections.
        QCOMPARE(connected, 4);

        const SocketSnapshot snapshot = take();
        const auto queue = listenerOnPort(snapshot, listener.port);
        QVERIFY(queue.has_value());
        QCOMPARE(queue->acceptQueueLength, 4u);
        QCOMPARE(queue->acceptQueueLimit, 3u);
        QVERIFY(queue->acceptQueueFull());

        const auto ss = Test::SsCommand::run({u"-l"_s});
        QVERIFY2(ss.has_value(), "ss -ltn failed (is iproute2 installed?)");
        const QString local = u"127.0.0.1:%1"_s.arg(listener.port);
        const auto row = std::find_if(ss->cbegin(), ss->cend(), [&](const auto &r) { return r.local == local; });
        QVERIFY(row != ss->cend());
        QCOMPARE(queue->acceptQueueLength, row->receiveQueue);
        QCOMPARE(queue->acceptQueueLimit, row->sendQueue);

        // The six surplus clients got no SYN-ACK: their SYNs were dropped, and they retry in SYN-SENT.
        int synSent = 0;
        int established = 0;
        for (const auto &socket : withRemotePort(snapshot, listener.port)) {
            synSent += socket.state == TcpState::SynSent;
            established += socket.state == TcpState::Established;
        }
        QCOMPARE(synSent, 6);
        QCOMPARE(established, 4);
        // The four queued children have no file (nobody accepted them) and so no owner.
        int unaccepted = 0;
        for (const auto &socket : withLocalPort(snapshot, listener.port)) {
            if (socket.state != TcpState::Established)
                continue;
            QCOMPARE(socket.inode, 0u);
            OwnerAbsence absence;
            QVERIFY(!snapshot.owner(socket, &absence));
            QCOMPARE(absence, OwnerAbsence::NoInodeNotAccepted);
            ++unaccepted;
        }
        QCOMPARE(unaccepted, 4);
    }

    void deferAcceptRequestsFillSynQueue()
    {
        // With TCP_DEFER_ACCEPT the final ACK without data does not complete the handshake: the request
        // sockets stay in the SYN queue (tcp_check_req() drops the bare ACK), visible as SYN-RECV.
        auto deferred = Sockets::listen(u"127.0.0.1"_s, 16, false, 30);
        auto plain = Sockets::listen(u"127.0.0.1"_s, 16);
        QVERIFY(deferred.fd && plain.fd);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(Sockets::connectTo(u"127.0.0.1"_s, deferred.port));
            QVERIFY(Sockets::waitConnected(clients.back().get(), 1s));
        }
        const SocketSnapshot snapshot = take();
        const auto queue = listenerOnPort(snapshot, deferred.port);
        QVERIFY(queue.has_value());
        QCOMPARE(queue->synQueueLength, 3u);
        QCOMPARE(queue->acceptQueueLength, 0u);
        QCOMPARE(listenerOnPort(snapshot, plain.port)->synQueueLength, 0u);
        int requests = 0;
        for (const auto &socket : withLocalPort(snapshot, deferred.port)) {
            if (!socket.hasFlag(IsRequest))
                continue;
            ++requests;
            QCOMPARE(socket.state, TcpState::NewSynRecv);
            QCOMPARE(socket.displayState(), TcpState::SynRecv);
            QCOMPARE(socket.timer, TimerKind::Retransmit); // the SYN-ACK retransmit timer
            QVERIFY(!socket.info.isPresent());
            OwnerAbsence absence;
            QVERIFY(!snapshot.owner(socket, &absence));
            QCOMPARE(absence, OwnerAbsence::NoInodeRequest);
        }
        QCOMPARE(requests, 3);

        // The cheap listener-only dump sees the same queues.
        const SocketSnapshot cheap = take(ListenerStatesMask);
        QCOMPARE(listenerOnPort(cheap, deferred.port)->synQueueLength, 3u);
        for (const auto &socket : cheap.sockets())
            QVERIFY(socket.state == TcpState::Listen || socket.state == TcpState::NewSynRecv);
    }

    void requestsFindWildcardAndDualStackListeners()
    {
        // A SYN to 127.0.0.1 at a `::` listener without IPV6_V6ONLY makes an AF_INET request socket.
        auto dualStack = Sockets::listen(u"::"_s, 8, false, 30);
        auto wildcard4 = Sockets::listen(u"0.0.0.0"_s, 8, false, 30);
        auto v6only = Sockets::listen(u"::1"_s, 8, true, 30);
        QVERIFY(dualStack.fd && wildcard4.fd && v6only.fd);
        std::vector<UniqueFd> clients;
        const auto open = [&](const QString &address, quint16 port) {
            clients.push_back(Sockets::connectTo(address, port));
            return Sockets::waitConnected(clients.back().get(), 1s);
        };
        QVERIFY(open(u"127.0.0.1"_s, dualStack.port));
        QVERIFY(open(u"127.0.0.1"_s, dualStack.port));
        QVERIFY(open(u"::1"_s, dualStack.port));
        QVERIFY(open(u"127.0.0.1"_s, wildcard4.port));
        QVERIFY(open(u"::1"_s, v6only.port));
        const SocketSnapshot snapshot = take();
        QCOMPARE(listenerOnPort(snapshot, dualStack.port)->synQueueLength, 3u);
        QCOMPARE(listenerOnPort(snapshot, wildcard4.port)->synQueueLength, 1u);
        QCOMPARE(listenerOnPort(snapshot, v6only.port)->synQueueLength, 1u);
        const auto v6Listener = snapshot.sockets()[std::size_t(listenerOnPort(snapshot, v6only.port)->socketIndex)];
        QVERIFY(v6Listener.hasFlag(IsV6Only));
        QVERIFY(v6Listener.isIpv6());
    }

    void timeWaitAndOrphanedFinWait2()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);

        // Client closes first, then the server: the client ends in TIME_WAIT.
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const quint16 timeWaitPort = Sockets::localPort(client.get());
        client.reset();
        QTest::qWait(50);
        server.reset();

        // Client closes, the server never does: the client's orphan waits in FIN_WAIT2, as a timewait
        // socket (tcp_rcv_state_process() calls tcp_time_wait(sk, TCP_FIN_WAIT2, ...) for orphans).
        auto client2 = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client2.get(), 1s));
        auto server2 = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server2);
        const quint16 finWait2Port = Sockets::localPort(client2.get());
        client2.reset();

        SocketSnapshot snapshot;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                snapshot = take();
                const auto tw = withLocalPort(snapshot, timeWaitPort);
                const auto fw2 = withLocalPort(snapshot, finWait2Port);
                return tw.size() == 1 && tw[0].state == TcpState::TimeWait && fw2.size() == 1 &&
                    fw2[0].state == TcpState::FinWait2;
            }(),
            2000);
        const SocketRecord timeWait = withLocalPort(snapshot, timeWaitPort).constFirst();
        QVERIFY(timeWait.hasFlag(IsTimeWaitSocket));
        QCOMPARE(timeWait.timer, TimerKind::TimeWait);
        QVERIFY(timeWait.timerExpiresMs > 0 && timeWait.timerExpiresMs <= 60'000); // TCP_TIMEWAIT_LEN
        QCOMPARE(timeWait.inode, 0u);
        QVERIFY(!timeWait.info.isPresent());
        OwnerAbsence absence;
        QVERIFY(!snapshot.owner(timeWait, &absence));
        QCOMPARE(absence, OwnerAbsence::NoInodeTimeWait);

        const SocketRecord finWait2 = withLocalPort(snapshot, finWait2Port).constFirst();
        QVERIFY(finWait2.hasFlag(IsTimeWaitSocket));
        QCOMPARE(finWait2.timer, TimerKind::TimeWait);
        QVERIFY(finWait2.timerExpiresMs > 0 && finWait2.timerExpiresMs <= 60'000); // tcp_fin_timeout

        // The server side of that pair got the FIN and waits for its process: CLOSE_WAIT.
        bool closeWait = false;
        for (const auto &socket : withRemotePort(snapshot, finWait2Port))
            closeWait |= socket.state == TcpState::CloseWait && socket.inode != 0;
        QVERIFY(closeWait);
    }

    void ipv6ConnectionsAndOwners()
    {
        auto listener = Sockets::listen(u"::1"_s, 8, true);
        QVERIFY(listener.fd);
        auto client = Sockets::connectTo(u"::1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const char payload[] = "hello over IPv6";
        QCOMPARE(::send(client.get(), payload, sizeof payload, 0), qsizetype(sizeof payload));
        QTest::qWait(20);

        const SocketSnapshot snapshot = take();
        const auto sockets = withLocalPort(snapshot, listener.port);
        const auto established = std::find_if(
            sockets.cbegin(), sockets.cend(), [](const SocketRecord &s) { return s.state == TcpState::Established; });
        QVERIFY(established != sockets.cend());
        QVERIFY(established->isIpv6());
        QCOMPARE(established->localAddressText(), u"::1"_s);
        QCOMPARE(established->localEndpoint(), u"[::1]:%1"_s.arg(listener.port));
        // Unread data sits in the server's receive queue.
        QCOMPARE(established->receiveQueue, quint32(sizeof payload));
        QVERIFY(established->info.isPresent());
        QVERIFY(snapshot.hasDetails());
        const SocketDetails &details = snapshot.data().details[indexOf(snapshot, established->cookie)];
        QVERIFY(details.info.sendMss > 0);
        QVERIFY(established->hasFlag(HasMemory));
        QVERIFY(details.memory.receiveBuffer > 0);
        QVERIFY(!snapshot.congestionName(*established).isEmpty());

        // Our own sockets have us as their owner.
        QVERIFY(snapshot.ownersResolved());
        const SocketOwner *owner = snapshot.owner(*established);
        QVERIFY(owner);
        QCOMPARE(owner->pid, qint32(::getpid()));
        QCOMPARE(owner->uid, quint32(::getuid()));
        QVERIFY(!owner->command.isEmpty());

        const auto clients = withRemotePort(snapshot, listener.port);
        QCOMPARE(clients.size(), 1);
        QVERIFY(clients[0].info.bytesAcked >= sizeof payload);
        QCOMPARE(snapshot.owner(clients[0])->pid, qint32(::getpid()));
    }

    // The window's snapshots leave the details out (SnapshotSource::Options::keepDetails): the same
    // records, no memory asked for, and nothing in their place.
    void withoutDetailsTheRecordsAreTheSame()
    {
        auto [listener, client, server] = Sockets::connectedPair(u"127.0.0.1"_s);
        QVERIFY2(server, "no loopback connection: listen, connect or accept failed");
        const char payload[] = "details";
        QCOMPARE(::send(client.get(), payload, sizeof payload, 0), qsizetype(sizeof payload));
        QTest::qWait(20);

        const SocketSnapshot lean = take(AllStatesMask, false);
        const SocketSnapshot full = take();
        QVERIFY(!lean.sockets().empty());
        QVERIFY2(lean.data().details.empty(), "a snapshot taken without details holds none");
        QVERIFY(lean.hasDetails() == false);
        QCOMPARE(full.data().details.size(), full.sockets().size());
        const auto leanClients = withRemotePort(lean, listener.port);
        const auto fullClients = withRemotePort(full, listener.port);
        QCOMPARE(leanClients.size(), 1);
        QCOMPARE(fullClients.size(), 1);
        const SocketRecord &a = leanClients[0];
        const SocketRecord &b = fullClients[0];
        QCOMPARE(a.cookie, b.cookie);
        QVERIFY2(!a.hasFlag(HasMemory), "without details the dump does not ask for the memory");
        QVERIFY(b.hasFlag(HasMemory));
        QCOMPARE(a.info.kernelLength, b.info.kernelLength);
        QCOMPARE(a.info.bytesAcked, b.info.bytesAcked);
        QVERIFY(a.info.bytesAcked >= sizeof payload);
        QCOMPARE(a.info.congestionWindow, b.info.congestionWindow);
        QVERIFY(full.data().details[indexOf(full, b.cookie)].info.sendMss > 0);
    }

    void splitDumpSeesEverySocketOnce()
    {
        // Sockets on both sides of the split port: listeners low, ephemeral clients high.
        auto listener = Sockets::listen(u"127.0.0.1"_s, 64);
        QVERIFY(listener.fd);
        std::vector<UniqueFd> fds;
        for (int i = 0; i < 20; ++i) {
            fds.push_back(Sockets::connectTo(u"127.0.0.1"_s, listener.port));
            QVERIFY(Sockets::waitConnected(fds.back().get(), 1s));
            fds.push_back(Sockets::acceptOne(listener.fd.get(), 1s));
        }
        auto client = SockDiagClient::open();
        QVERIFY2(client.has_value(), TcpLens::Test::errorText(client).constData());
        SockDiagClient::Options whole;
        whole.parallel = false;
        auto reference = client->dump(whole);
        QVERIFY(reference.has_value());
        QSet<quint64> expected;
        for (const auto &socket : reference->sockets)
            expected.insert(socket.cookie);
        QVERIFY(expected.size() >= 41);

        for (const quint16 split : {quint16(0), quint16(listener.port), quint16(40000), quint16(65534)}) {
            SockDiagClient::Options halves;
            halves.splitPort = split;
            auto dump = client->dump(halves);
            QVERIFY(dump.has_value());
            QSet<quint64> seen;
            for (const auto &socket : dump->sockets) {
                QVERIFY2(!seen.contains(socket.cookie), "a socket came back from both halves");
                seen.insert(socket.cookie);
                QVERIFY(socket.congestion == 0 || !dump->congestionNames.value(socket.congestion).isEmpty());
            }
            QCOMPARE(seen, expected);
        }
        // The kernel-side filter on its own: only the listener's port.
        auto channel = NetlinkSocket::open();
        QVERIFY(channel.has_value());
        const QByteArray request = buildInetDiagDumpRequest(
            {AF_INET, AllStatesMask, false, false, PortRange{listener.port, listener.port}}, 7);
        QVERIFY(channel->send(std::as_bytes(std::span(request.constData(), std::size_t(request.size())))));
        std::vector<std::byte> buffer(32768);
        std::vector<SocketRecord> filtered;
        CongestionNameTable congestion;
        for (bool done = false; !done;) {
            auto received = channel->receive(buffer);
            QVERIFY(received.has_value());
            auto chunk = decodeDumpChunk(std::span(buffer.data(), *received), congestion, filtered);
            QVERIFY(chunk.has_value());
            QCOMPARE(chunk->kernelError, 0);
            done = chunk->done;
        }
        QCOMPARE(filtered.size(), std::size_t(21)); // the listener and its 20 accepted children
        for (const auto &socket : filtered)
            QCOMPARE(socket.localPort, listener.port);
    }

    void generationsIncrease()
    {
        const auto first = take();
        const auto second = take();
        QCOMPARE(second.generation(), first.generation() + 1);
        QVERIFY(second.monotonicNs() > first.monotonicNs());
    }
};

TCPLENS_NETNS_TEST_MAIN(TestSockDiagClient, QCoreApplication)

#include "tst_sockdiagclient.moc"
