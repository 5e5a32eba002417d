// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "netlink/destroywatcher.h"
#include "privatenetworknamespace.h"

#include <QTest>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestDestroyWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectionBetweenTwoPollsIsReported()
    {
        auto watcher = DestroyWatcher::open();
        QVERIFY2(watcher.has_value(), TcpLens::Test::errorText(watcher).constData());

        // Open, talk and close a connection in far less time than any poll interval.
        auto [listener, client, server] = Sockets::connectedPair(u"127.0.0.1"_s);
        QVERIFY2(server, "no loopback connection: listen, connect or accept failed");
        const quint16 clientPort = Sockets::localPort(client.get());
        const QByteArray payload(5000, 'x');
        QCOMPARE(::send(client.get(), payload.constData(), std::size_t(payload.size()), 0), payload.size());
        QByteArray received(payload.size(), '\0');
        qsizetype got = 0;
        while (got < payload.size()) {
            const auto n = ::recv(server.get(), received.data() + got, std::size_t(payload.size() - got), 0);
            QVERIFY(n > 0);
            got += n;
        }
        // The client closes first: its full socket is destroyed when the timewait socket takes over,
        // the server's when the last ACK arrives. (An SO_LINGER 0 abort would not do here:
        // tcp_disconnect() clears the counters and the peer's port before the socket is destroyed.)
        client.reset();
        QTest::qWait(20);
        server.reset();

        std::vector<SocketRecord> destroyed;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto read = watcher->readAvailable(destroyed);
                return read.has_value() && destroyed.size() >= 2;
            }(),
            2000);
        const auto clientNotice = std::find_if(destroyed.cbegin(), destroyed.cend(),
            [&](const SocketRecord &s) { return s.localPort == clientPort && s.remotePort == listener.port; });
        QVERIFY(clientNotice != destroyed.cend());
        QVERIFY(clientNotice->cookie != 0);
        // The final tcp_info: everything the client sent was acknowledged.
        QVERIFY(clientNotice->info.isPresent());
        // tcp_snd_una_update() counts sequence space: the SYN and the FIN take one number each.
        QCOMPARE(clientNotice->info.bytesAcked, quint64(payload.size() + 2));
        const auto serverNotice = std::find_if(destroyed.cbegin(), destroyed.cend(),
            [&](const SocketRecord &s) { return s.localPort == listener.port && s.remotePort == clientPort; });
        QVERIFY(serverNotice != destroyed.cend());
        // tcp_rcv_nxt_update() likewise: the FIN received counts one.
        QCOMPARE(serverNotice->info.bytesReceived, quint64(payload.size() + 1));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestDestroyWatcher, QCoreApplication)

#include "tst_destroywatcher.moc"
