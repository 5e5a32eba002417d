// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// capture_sockdiag --diagnosis OUTDIR: the sockets a diagnosis must read (a listener whose accept
// queue overflowed, handshakes held back in its SYN queue, a CLOSE-WAIT, an orphaned FIN-WAIT-2), twice,
// 1.5 s apart, to OUTDIR/diagnosis-1.bin and OUTDIR/diagnosis-2.bin (tst_diagnoser).
//
// capture_sockdiag OUTDIR [CORPUSDIR]: sets up a known set of sockets in a private network namespace, dumps them
// with every extension TCP Lens asks for, and writes the kernel's datagrams as they arrived to
// OUTDIR/sockdiag-inet.bin and OUTDIR/sockdiag-inet6.bin (each datagram: u32 little-endian length,
// then its bytes). tst_inetdiagdecoder decodes these files; see tests/data/README.md.
#include "loopbacksockets.h"
#include "model/tcpstate.h"
#include "netlink/inetdiagrequest.h"
#include "netlink/netlinksocket.h"
#include "privatenetworknamespace.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>
#include <QtEndian>

#include <linux/netlink.h>
#include <sys/socket.h>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

// Also writes each datagram to CORPUSDIR/PREFIX-N.bin, the seeds of the decoder's fuzzer.
static bool capture(quint8 family, const QString &path, const QString &corpusDir, const QString &prefix)
{
    auto socket = NetlinkSocket::open();
    if (!socket)
        return false;
    const QByteArray request = buildInetDiagDumpRequest({family, AllStatesMask, true, true, std::nullopt}, 1);
    if (!socket->send(std::as_bytes(std::span(request.constData(), std::size_t(request.size())))))
        return false;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    std::vector<std::byte> buffer(32768);
    int datagrams = 0;
    for (;;) {
        auto received = socket->receive(buffer);
        if (!received)
            return false;
        const quint32 length = qToLittleEndian(quint32(*received));
        out.write(reinterpret_cast<const char *>(&length), sizeof length);
        out.write(reinterpret_cast<const char *>(buffer.data()), qint64(*received));
        if (!corpusDir.isEmpty()) {
            QFile seed(u"%1/%2-%3.bin"_s.arg(corpusDir, prefix).arg(datagrams++));
            if (!seed.open(QIODevice::WriteOnly))
                return false;
            seed.write(reinterpret_cast<const char *>(buffer.data()), qint64(*received));
        }
        nlmsghdr last{};
        std::memcpy(&last, buffer.data(), sizeof last);
        // The dump ends with a datagram that holds NLMSG_DONE alone.
        if (last.nlmsg_type == NLMSG_DONE || last.nlmsg_type == NLMSG_ERROR)
            return true;
    }
}

static int captureDiagnosis(const QString &dir)
{
    // Backlog 1 holds 2 (sk_acceptq_is_full() compares with '>'). On loopback a SYN is handled within
    // connect(), so clients one after the other would find the queue full at their SYN already
    // (tcp_conn_request() drops it). TCP_DEFER_ACCEPT keeps four handshakes in the SYN queue until
    // data comes; then the first two fill the accept queue and the other two overflow: their ACK is
    // dropped (tcp_abort_on_overflow 0) and the requests stay, acked, retransmitting SYN-ACKs.
    auto full = Sockets::listen(u"127.0.0.1"_s, 1, false, 30);
    std::vector<UniqueFd> keep;
    for (int i = 0; i < 4; ++i) {
        keep.push_back(Sockets::connectTo(u"127.0.0.1"_s, full.port));
        Sockets::waitConnected(keep.back().get(), 1s);
    }
    for (const UniqueFd &client : keep)
        (void)::send(client.get(), "x", 1, 0);
    QThread::msleep(50);
    // CLOSE-WAIT on the server side and an orphaned FIN-WAIT-2 on the client's.
    auto server = Sockets::listen(u"127.0.0.1"_s, 8);
    auto client = Sockets::connectTo(u"127.0.0.1"_s, server.port);
    Sockets::waitConnected(client.get(), 1s);
    auto accepted = Sockets::acceptOne(server.fd.get(), 1s);
    client.reset();
    QThread::msleep(50);
    if (!capture(AF_INET, dir + u"/diagnosis-1.bin"_s, QString(), QString()))
        return 1;
    QThread::msleep(1500);
    return capture(AF_INET, dir + u"/diagnosis-2.bin"_s, QString(), QString()) ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (auto entered = Test::PrivateNetworkNamespace::enter(); !entered) {
        std::fprintf(stderr, "%s\n", qPrintable(entered.error()));
        return 1;
    }
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--diagnosis") == 0)
        return captureDiagnosis(QString::fromLocal8Bit(argv[2]));
    if (argc != 2 && argc != 3) {
        std::fputs("usage: capture_sockdiag OUTDIR [CORPUSDIR] | --diagnosis OUTDIR\n", stderr);
        return 2;
    }
    // Requests in a SYN queue (TCP_DEFER_ACCEPT keeps them there), an accept queue with one child.
    auto deferred = Sockets::listen(u"127.0.0.1"_s, 4, false, 30);
    std::vector<UniqueFd> keep;
    for (int i = 0; i < 2; ++i) {
        keep.push_back(Sockets::connectTo(u"127.0.0.1"_s, deferred.port));
        Sockets::waitConnected(keep.back().get(), 1s);
    }
    auto v4 = Sockets::listen(u"0.0.0.0"_s, 8);
    keep.push_back(Sockets::connectTo(u"127.0.0.1"_s, v4.port));
    Sockets::waitConnected(keep.back().get(), 1s);
    // An IPv6 connection with unread data, accepted.
    auto v6 = Sockets::listen(u"::1"_s, 8, true);
    auto client6 = Sockets::connectTo(u"::1"_s, v6.port);
    Sockets::waitConnected(client6.get(), 1s);
    auto server6 = Sockets::acceptOne(v6.fd.get(), 1s);
    ::send(client6.get(), "unread", 6, 0);
    // TIME_WAIT on v4 and v6, and an orphan in FIN_WAIT2, through listeners with empty accept queues
    // (acceptOne() must return the connection just made).
    auto closing4 = Sockets::listen(u"127.0.0.1"_s, 8);
    auto closing6 = Sockets::listen(u"::1"_s, 8, true);
    for (const auto &[address, listener] : {std::pair{u"127.0.0.1"_s, &closing4}, std::pair{u"::1"_s, &closing6}}) {
        auto client = Sockets::connectTo(address, listener->port);
        Sockets::waitConnected(client.get(), 1s);
        auto server = Sockets::acceptOne(listener->fd.get(), 1s);
        client.reset();
        QThread::msleep(20);
        server.reset();
    }
    auto orphan = Sockets::connectTo(u"127.0.0.1"_s, closing4.port);
    Sockets::waitConnected(orphan.get(), 1s);
    auto orphanPeer = Sockets::acceptOne(closing4.fd.get(), 1s);
    orphan.reset();
    QThread::msleep(50);

    const QString dir = QString::fromLocal8Bit(argv[1]);
    const QString corpus = argc == 3 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (!capture(AF_INET, dir + u"/sockdiag-inet.bin"_s, corpus, u"inet"_s) ||
        !capture(AF_INET6, dir + u"/sockdiag-inet6.bin"_s, corpus, u"inet6"_s)) {
        std::perror("capture failed");
        return 1;
    }
    return 0;
}
