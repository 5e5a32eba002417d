// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// What the counter and sysctl catalogs teach, held to the running kernel with real sockets on
// loopback in a private network namespace (the teaching-truth review, docs/kernel-notes.md). Each
// failure says what the kernel did instead, so a kernel that changes its mind shows where the
// catalogs must follow.
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "privatenetworknamespace.h"
#include "proc/kernelcounters.h"
#include "sysctlsetting.h"

#include <QFile>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using TcpLens::Test::SysctlSetting;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

const QString Loopback = u"127.0.0.1"_s;

// Counter deltas since construction.
class CounterDeltas
{
public:
    CounterDeltas()
        : m_before(KernelCounters::read())
    {
    }
    bool ok() const { return m_before.has_value(); }
    void take() { m_after = KernelCounters::read(); }
    qint64 operator()(QByteArrayView name) const
    {
        if (!m_before || !m_after)
            return -1;
        return m_after->value(name).value_or(-1) - m_before->value(name).value_or(0);
    }
    // "TW=0 TWKilled=1" for failure messages: what the kernel counted.
    QByteArray show(std::initializer_list<const char *> names) const
    {
        QByteArray text;
        for (const char *name : names)
            text += QByteArray(name) + '=' + QByteArray::number((*this)(name)) + ' ';
        return text.trimmed();
    }

private:
    std::expected<KernelCounters, QString> m_before;
    std::expected<KernelCounters, QString> m_after;
};

sockaddr_in loopbackAddress(quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

// A blocking connect() from a port the caller bound itself; errno on failure.
std::expected<UniqueFd, int> connectFromPort(quint16 localPort, quint16 port)
{
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in local = loopbackAddress(localPort);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0)
        return std::unexpected(errno);
    const sockaddr_in remote = loopbackAddress(port);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&remote), sizeof remote) != 0)
        return std::unexpected(errno);
    return fd;
}

std::pair<quint64, quint64> bytesAckedAndReceived(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length);
    return {info.tcpi_bytes_acked, info.tcpi_bytes_received};
}

} // namespace

class TestKernelClaims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twKilledCountsShortLivedTimewaitSockets_data()
    {
        QTest::addColumn<QByteArray>("finTimeout");
        QTest::addColumn<bool>("orphan");
        QTest::addColumn<bool>("peerCloses");
        QTest::addColumn<int>("tw");
        QTest::addColumn<int>("twKilled");
        // __inet_twsk_schedule(): kill = timeo <= 4 * HZ, decided when the timewait socket is made. An
        // orphaned FIN_WAIT2 becomes one at once, living tcp_fin_timeout.
        QTest::addRow("orphaned FIN_WAIT2, tcp_fin_timeout 2") << QByteArray("2") << true << false << 0 << 1;
        QTest::addRow("orphaned FIN_WAIT2, tcp_fin_timeout 5") << QByteArray("5") << true << false << 1 << 0;
        // The peer's FIN turns it into TIME_WAIT (tcp_timewait_state_process()); a reschedule counts nothing.
        QTest::addRow("orphaned FIN_WAIT2 then TIME_WAIT, tcp_fin_timeout 2")
            << QByteArray("2") << true << true << 0 << 1;
        // A full socket reaches TIME_WAIT through tcp_time_wait() with TCP_TIMEWAIT_LEN, 60 s.
        QTest::addRow("TIME_WAIT of a socket still held, tcp_fin_timeout 2")
            << QByteArray("2") << false << true << 1 << 0;
    }

    void twKilledCountsShortLivedTimewaitSockets()
    {
        QFETCH(QByteArray, finTimeout);
        QFETCH(bool, orphan);
        QFETCH(bool, peerCloses);
        QFETCH(int, tw);
        QFETCH(int, twKilled);
        SysctlSetting setting("net.ipv4.tcp_fin_timeout", finTimeout);
        QVERIFY(setting.ok());
        auto listener = Sockets::listen(Loopback, 4);
        UniqueFd client = Sockets::connectTo(Loopback, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 2s));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        QVERIFY(server);
        CounterDeltas deltas;
        QVERIFY(deltas.ok());
        if (orphan)
            Sockets::closeGracefully(client);
        else
            ::shutdown(client.get(), SHUT_WR);
        QThread::msleep(100);
        if (peerCloses)
            Sockets::closeGracefully(server);
        QThread::msleep(200);
        deltas.take();
        const QByteArray seen = "the kernel counted " + deltas.show({"TcpExt.TW", "TcpExt.TWKilled"});
        QVERIFY2(deltas("TcpExt.TW") == tw && deltas("TcpExt.TWKilled") == twKilled, seen.constData());
    }

    void boundConnectReusesTimeWaitWithReuseOff()
    {
        // tcp_twsk_unique() gets no port hint from a bound connect(): !twp reuses any timewait socket
        // that saw timestamps, whatever tcp_tw_reuse says.
        SysctlSetting reuse("net.ipv4.tcp_tw_reuse", "0");
        QVERIFY(reuse.ok());
        auto listener = Sockets::listen(Loopback, 4);
        constexpr quint16 ClientPort = 42000;
        auto first = connectFromPort(ClientPort, listener.port);
        QVERIFY2(first.has_value(), qPrintable(qt_error_string(first.error_or(0))));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        Sockets::closeGracefully(*first);
        QThread::msleep(50);
        Sockets::closeGracefully(server);
        QThread::msleep(200);
        CounterDeltas deltas;
        auto second = connectFromPort(ClientPort, listener.port);
        deltas.take();
        QVERIFY2(second.has_value(),
            qPrintable(u"a bound connect() over our own TIME_WAIT failed with tcp_tw_reuse = 0: "_s +
                qt_error_string(second.error_or(0))));
        QVERIFY2(deltas("TcpExt.TWRecycled") == 1, deltas.show({"TcpExt.TWRecycled"}).constData());
    }

    void syncookieDecisionsAndWhatDropsAtTheSynQueue_data()
    {
        QTest::addColumn<QByteArray>("syncookies");
        QTest::addRow("cookies when full") << QByteArray("1");
        QTest::addRow("cookies off") << QByteArray("0");
    }

    void syncookieDecisionsAndWhatDropsAtTheSynQueue()
    {
        // TCP_DEFER_ACCEPT keeps each request socket after its bare final ACK (TCPDeferAcceptDrop), so
        // 20 silent clients fill a backlog-8 SYN queue without a packet filter.
        QFETCH(QByteArray, syncookies);
        SysctlSetting setting("net.ipv4.tcp_syncookies", syncookies);
        QVERIFY(setting.ok());
        auto listener = Sockets::listen(Loopback, 8, false, 5);
        QVERIFY(listener.fd);
        CounterDeltas deltas;
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 20; ++i)
            clients.push_back(Sockets::connectTo(Loopback, listener.port));
        // Well before the clients' first SYN retransmission (1 s).
        QThread::msleep(300);
        deltas.take();
        const QByteArray seen = "the kernel counted " +
            deltas.show({"TcpExt.TCPDeferAcceptDrop", "TcpExt.TCPReqQFullDoCookies", "TcpExt.SyncookiesSent",
                "TcpExt.TCPReqQFullDrop", "TcpExt.ListenDrops", "TcpExt.ListenOverflows"});
        // Since 6.14 the SYN queue holds backlog + 1 request sockets.
        QVERIFY2(deltas("TcpExt.TCPDeferAcceptDrop") == 9, seen.constData());
        const qint64 overflows = deltas("TcpExt.ListenOverflows");
        if (syncookies == "1") {
            // A full SYN queue drops nothing with cookies on; tcp_syn_flood_action() counts the decision
            // before the accept-queue check, so SYNs then dropped there count as cookies never sent.
            QVERIFY2(deltas("TcpExt.TCPReqQFullDoCookies") == 11, seen.constData());
            QVERIFY2(
                deltas("TcpExt.TCPReqQFullDoCookies") - deltas("TcpExt.SyncookiesSent") == overflows, seen.constData());
            QVERIFY2(deltas("TcpExt.TCPReqQFullDrop") == 0, seen.constData());
            QVERIFY2(deltas("TcpExt.ListenDrops") == overflows, seen.constData());
        } else {
            QVERIFY2(deltas("TcpExt.TCPReqQFullDrop") == 11, seen.constData());
            QVERIFY2(deltas("TcpExt.ListenDrops") - overflows == 11, seen.constData());
            QVERIFY2(deltas("TcpExt.TCPReqQFullDoCookies") == 0, seen.constData());
        }
    }

    void alwaysCookiesCountEverySyn()
    {
        SysctlSetting setting("net.ipv4.tcp_syncookies", "2");
        QVERIFY(setting.ok());
        auto listener = Sockets::listen(Loopback, 64);
        CounterDeltas deltas;
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(clients.back().get(), 2s));
        }
        QThread::msleep(100);
        deltas.take();
        const QByteArray seen = "the kernel counted " +
            deltas.show({"TcpExt.TCPReqQFullDoCookies", "TcpExt.SyncookiesSent", "TcpExt.SyncookiesRecv"});
        // The SYN queue never filled: tcp_syncookies = 2 alone makes each SYN a cookie decision.
        QVERIFY2(deltas("TcpExt.TCPReqQFullDoCookies") == 5 && deltas("TcpExt.SyncookiesSent") == 5, seen.constData());
    }

    void keepaliveProbesZeroResetsWithoutAProbe()
    {
        // tcp_keepalive_timer(): icsk_probes_out (0) >= keepalive_probes (0) at the first expiry.
        SysctlSetting setting("net.ipv4.tcp_keepalive_probes", "0");
        QVERIFY(setting.ok());
        auto listener = Sockets::listen(Loopback, 4);
        UniqueFd client = Sockets::connectTo(Loopback, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 2s));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        const int one = 1;
        ::setsockopt(client.get(), SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
        ::setsockopt(client.get(), IPPROTO_TCP, TCP_KEEPIDLE, &one, sizeof one);
        CounterDeltas deltas;
        const auto aborted = [&] {
            deltas.take();
            return deltas("TcpExt.TCPAbortOnTimeout") > 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(aborted(), 5000);
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(client.get(), SOL_SOCKET, SO_ERROR, &error, &length);
        const QByteArray seen = "the kernel counted " +
            deltas.show({"TcpExt.TCPKeepAlive", "TcpExt.TCPAbortOnTimeout", "Tcp.OutRsts"}) + ", socket error " +
            QByteArray::number(error);
        QVERIFY2(deltas("TcpExt.TCPKeepAlive") == 0 && deltas("Tcp.OutRsts") == 1, seen.constData());
        QVERIFY2(error == ETIMEDOUT, seen.constData());
    }

    void negativeLinger2ResetsFinWait2AtClose()
    {
        auto listener = Sockets::listen(Loopback, 4);
        UniqueFd client = Sockets::connectTo(Loopback, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 2s));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        const int minusOne = -1;
        ::setsockopt(client.get(), IPPROTO_TCP, TCP_LINGER2, &minusOne, sizeof minusOne);
        ::shutdown(client.get(), SHUT_WR);
        QThread::msleep(100); // the peer's ACK: FIN_WAIT2
        CounterDeltas deltas;
        Sockets::closeGracefully(client);
        deltas.take();
        // tcp_close(): a FIN_WAIT2 socket with linger2 < 0 is reset at once; no time runs out.
        const QByteArray seen =
            "the kernel counted " + deltas.show({"TcpExt.TCPAbortOnLinger", "TcpExt.TCPAbortOnData"});
        QVERIFY2(deltas("TcpExt.TCPAbortOnLinger") == 1, seen.constData());
    }

    void connectPortsFollowTheRangeStartsParity()
    {
        // __inet_hash_connect() steps by 2 from the range's start (offset &= ~1); bind(0) takes the others.
        SysctlSetting range("net.ipv4.ip_local_port_range", "40001\t40999");
        QVERIFY(range.ok());
        auto listener = Sockets::listen(Loopback, 64);
        std::vector<UniqueFd> clients;
        QStringList ports;
        int even = 0;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(clients.back().get(), 2s));
            const quint16 port = Sockets::localPort(clients.back().get());
            ports.append(QString::number(port));
            even += port % 2 == 0 ? 1 : 0;
        }
        const QString seen = u"connect() took these ports from a range starting at 40001: "_s + ports.join(u' ');
        QVERIFY2(even == 0, qPrintable(seen));
    }

    void byteCountersAndTheHandshake()
    {
        // tcpi_bytes_acked moves with snd_una, so the connecting side counts its SYN; the child's
        // snd_una starts after it (tcp_create_openreq_child()) and rcv_nxt is set, never advanced, by SYNs.
        auto listener = Sockets::listen(Loopback, 4);
        UniqueFd client = Sockets::connectTo(Loopback, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 2s));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        const QByteArray data(5000, 'x');
        QCOMPARE(::send(client.get(), data.constData(), std::size_t(data.size()), 0), ssize_t(data.size()));
        QByteArray buffer(8192, Qt::Uninitialized);
        qsizetype got = 0;
        while (got < data.size()) {
            const ssize_t n = ::recv(server.get(), buffer.data(), std::size_t(buffer.size()), 0);
            QVERIFY(n > 0);
            got += n;
        }
        QTRY_COMPARE(bytesAckedAndReceived(client.get()).first, quint64(5001));
        QCOMPARE(bytesAckedAndReceived(client.get()).second, quint64(0));
        QCOMPARE(bytesAckedAndReceived(server.get()), std::make_pair(quint64(0), quint64(5000)));
        ::shutdown(client.get(), SHUT_WR);
        ::shutdown(server.get(), SHUT_WR);
        QTRY_COMPARE(bytesAckedAndReceived(client.get()), std::make_pair(quint64(5002), quint64(1)));
        QCOMPARE(bytesAckedAndReceived(server.get()), std::make_pair(quint64(1), quint64(5001)));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestKernelClaims, QCoreApplication)

#include "tst_kernelclaims.moc"
