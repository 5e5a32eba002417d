// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// `tcplens doctor --json`, the real binary, on the real kernel: each rule of the diagnosis provoked
// with real sockets in this test's private network namespace (nftables drops and sysctls stay in
// there too), and the rule must name exactly the sockets that hold the condition, by the cookies
// the kernel gives them (SO_COOKIE) or, for request sockets that have no descriptor, by their
// endpoints. A healthy namespace must give no problem and exit status 0.
//
// The slots run in order and share the namespace: the healthy one comes first, before any test left
// a socket behind, and the TIME-WAIT one last, since its sockets outlive it by a minute.
#include "loopbacksockets.h"
#include "model/tcpstate.h"
#include "privatenetworknamespace.h"
#include "proc/kernelcounters.h"
#include "sysctlsetting.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using TcpLens::Test::SysctlSetting;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

const QString Loopback = u"127.0.0.1"_s;
constexpr auto Table = "tcplens_doctor_test";

quint64 cookieOf(int fd)
{
    quint64 cookie = 0;
    socklen_t length = sizeof cookie;
    return ::getsockopt(fd, SOL_SOCKET, SO_COOKIE, &cookie, &length) == 0 ? cookie : 0;
}

QString endpoint(quint16 port)
{
    return Loopback + u':' + QString::number(port);
}

tcp_info tcpInfo(int fd)
{
    tcp_info info{};
    socklen_t length = sizeof info;
    ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length);
    return info;
}

// Polls `condition` every 20 ms until it holds or `timeout` passes.
bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(20);
    }
    return true;
}

// A listener with a receive buffer set before listen(), so that accepted sockets inherit it
// (inet_csk_clone_lock() copies sk_rcvbuf and SOCK_RCVBUF_LOCK).
Sockets::Listener listenWithReceiveBuffer(int bytes)
{
    Sockets::Listener listener;
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(fd.get(), 8) != 0)
        return listener;
    listener.port = Sockets::localPort(fd.get());
    listener.fd = std::move(fd);
    return listener;
}

// What one run of `tcplens doctor` said.
struct DoctorRun
{
    int exitCode = -1;
    QJsonObject document;
    QByteArray output;
    QByteArray errors;

    QJsonObject problem(const QString &id) const
    {
        for (const QJsonValue &problem : document.value(u"problems"_s).toArray()) {
            if (problem[u"id"_s].toString() == id)
                return problem.toObject();
        }
        return {};
    }
    QSet<QString> cookies(const QString &id) const
    {
        QSet<QString> cookies;
        for (const QJsonValue &row : problem(id).value(u"rows"_s).toArray())
            cookies.insert(row[u"cookie"_s].toString());
        return cookies;
    }
    // The rows as "local->remote STATE", for rules whose sockets have no descriptor to ask.
    QSet<QString> remotes(const QString &id, const QString &state) const
    {
        QSet<QString> remotes;
        for (const QJsonValue &row : problem(id).value(u"rows"_s).toArray()) {
            if (row[u"state"_s].toString() == state)
                remotes.insert(row[u"remote"_s].toString());
        }
        return remotes;
    }
    QSet<QString> states(const QString &id) const
    {
        QSet<QString> states;
        for (const QJsonValue &row : problem(id).value(u"rows"_s).toArray())
            states.insert(row[u"state"_s].toString());
        return states;
    }
    // Everything the doctor reported, for failure messages: "close-wait-leak: 123 CLOSE-WAIT a -> b".
    QByteArray show() const
    {
        QByteArray text = "exit " + QByteArray::number(exitCode) + "; ";
        const QJsonArray problems = document.value(u"problems"_s).toArray();
        if (problems.isEmpty())
            text += "no problem";
        for (const QJsonValue &problem : problems) {
            text += problem[u"id"_s].toString().toUtf8() + ": [";
            for (const QJsonValue &row : problem[u"rows"_s].toArray()) {
                text += row[u"cookie"_s].toString().toUtf8() + ' ' + row[u"state"_s].toString().toUtf8() + ' ' +
                    row[u"local"_s].toString().toUtf8() + "->" + row[u"remote"_s].toString().toUtf8() + ", ";
            }
            text += "] ";
        }
        if (!errors.isEmpty())
            text += "; stderr: " + errors.trimmed();
        return text;
    }
};

QByteArray numbers(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.join(u", "_s).toUtf8();
}

QSet<QString> cookieSet(std::initializer_list<quint64> cookies)
{
    QSet<QString> set;
    for (const quint64 cookie : cookies)
        set.insert(QString::number(cookie));
    return set;
}

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

public:
    // The built-in rules with the age thresholds a test can wait for (the defaults are minutes or
    // seconds that a person would wait); `--rules` reads this copy.
    QString m_fastRules;

private:
    QTemporaryDir m_dir;
    std::vector<UniqueFd> m_sockets; // closed with an RST after each test: nothing lingers for the next
    bool m_filtered = false;

    int keep(UniqueFd fd)
    {
        m_sockets.push_back(std::move(fd));
        return m_sockets.back().get();
    }

    // `tcplens doctor --json` in this namespace; `watch` runs while it looks (the doctor looks twice).
    DoctorRun doctor(QStringList arguments = {}, const std::function<void()> &watch = {})
    {
        DoctorRun run;
        QProcess process;
        if (!arguments.contains(u"--rules"_s) && !arguments.contains(u"--built-in"_s))
            arguments += {u"--rules"_s, m_fastRules};
        arguments.removeAll(u"--built-in"_s);
        const bool json = !arguments.contains(u"--text"_s);
        arguments.removeAll(u"--text"_s);
        process.start(QStringLiteral(TCPLENS_BINARY),
            QStringList{u"doctor"_s} + (json ? QStringList{u"--json"_s} : QStringList()) + arguments);
        if (!process.waitForStarted(5000))
            return run;
        while (!process.waitForFinished(watch ? 50 : 30000)) {
            if (process.state() == QProcess::NotRunning)
                break;
            if (watch)
                watch();
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.output = process.readAllStandardOutput();
        run.errors = process.readAllStandardError();
        if (json)
            run.document = QJsonDocument::fromJson(run.output).object();
        return run;
    }

    bool filter(const QByteArray &rules)
    {
        const QString nft =
            QStandardPaths::findExecutable(u"nft"_s, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
        if (nft.isEmpty())
            return false;
        // On the input hook: the sender's TCP sent the segment and sees it lost (docs/kernel-notes.md;
        // on output the drop would be an error to the sender instead).
        const QByteArray text = "table inet " + QByteArray(Table) + "\ndelete table inet " + Table + "\ntable inet " +
            Table + " {\n  chain input {\n    type filter hook input priority 0; policy accept;\n" + rules +
            "\n  }\n}\n";
        QProcess process;
        process.start(nft, {u"-f"_s, u"-"_s});
        process.write(text);
        process.closeWriteChannel();
        process.waitForFinished(10000);
        m_filtered = true;
        if (process.exitCode() != 0)
            qWarning("nft: %s", process.readAllStandardError().constData());
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    // A client connected to `port`, and the server's end accepted, both kept for cleanup().
    std::pair<int, int> connectedPair(int listenerFd, quint16 port)
    {
        const int client = keep(Sockets::connectTo(Loopback, port));
        if (!Sockets::waitConnected(client, 2s))
            return {-1, -1};
        return {client, keep(Sockets::acceptOne(listenerFd, 2s))};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(TCPLENS_BINARY)), "build the tcplens target first");
        QVERIFY(m_dir.isValid());
        QFile builtIn(QStringLiteral(TCPLENS_RULES_FILE));
        QVERIFY2(builtIn.open(QIODevice::ReadOnly), qPrintable(builtIn.errorString()));
        QJsonObject document = QJsonDocument::fromJson(builtIn.readAll()).object();
        QJsonArray rules = document.value(u"rules"_s).toArray();
        QVERIFY2(!rules.isEmpty(), "resources/diagnosis/rules.json has no \"rules\" array: update this test's reader");
        // Ages a test waits for instead of the built-in minutes.
        const QHash<QString, double> fastAges{{u"minSeconds"_s, 0.5}, {u"idleSeconds"_s, 0.5}};
        for (qsizetype i = 0; i < rules.size(); ++i) {
            QJsonObject rule = rules[i].toObject();
            QJsonObject thresholds = rule.value(u"thresholds"_s).toObject();
            for (auto it = fastAges.cbegin(); it != fastAges.cend(); ++it) {
                if (thresholds.contains(it.key()))
                    thresholds.insert(it.key(), it.value());
            }
            if (!thresholds.isEmpty())
                rule.insert(u"thresholds"_s, thresholds);
            rules[i] = rule;
        }
        document.insert(u"rules"_s, rules);
        m_fastRules = m_dir.filePath(u"fast-rules.json"_s);
        QFile fast(m_fastRules);
        QVERIFY(fast.open(QIODevice::WriteOnly));
        fast.write(QJsonDocument(document).toJson());
    }

    void cleanup()
    {
        if (m_filtered) {
            filter(QByteArray());
            m_filtered = false;
        }
        // An RST kills what a FIN would leave behind (FIN-WAIT-2, TIME-WAIT on our side).
        for (UniqueFd &fd : m_sockets) {
            if (fd)
                Sockets::closeWithReset(fd);
        }
        m_sockets.clear();
    }

    void healthyNamespaceHasNoProblems()
    {
        auto listener = Sockets::listen(Loopback, 16);
        QVERIFY(listener.fd);
        for (int i = 0; i < 3; ++i) {
            const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
            QVERIFY(client >= 0 && server >= 0);
            char byte = 'x';
            QCOMPARE(::write(client, &byte, 1), 1);
            QCOMPARE(::read(server, &byte, 1), 1);
            QCOMPARE(::write(server, &byte, 1), 1);
            QVERIFY(waitFor(
                [client] {
                    char in;
                    return ::read(client, &in, 1) == 1;
                },
                2s));
        }
        // One clean close: the client first, the server on end of file.
        UniqueFd client = Sockets::connectTo(Loopback, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 2s));
        UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
        Sockets::closeGracefully(client);
        char byte;
        QCOMPARE(::read(server.get(), &byte, 1), 0);
        Sockets::closeGracefully(server);

        const DoctorRun run = doctor({u"--built-in"_s});
        QVERIFY2(run.exitCode == 0 && run.document.value(u"problems"_s).toArray().isEmpty(),
            QByteArray(
                "a listener, three connections that exchanged data and one clean close are healthy, but doctor said: " +
                run.show() + " (a rule's condition matches normal sockets: tighten it in diagnoser.cpp)")
                .constData());
        QCOMPARE(run.document.value(u"schema"_s).toString(), u"tcplens.doctor"_s);

        const DoctorRun text = doctor({u"--built-in"_s, u"--text"_s});
        QVERIFY2(text.exitCode == 0 && text.output.startsWith("No problems found in"),
            QByteArray("the text form of a healthy namespace must start with \"No problems found in\": " + text.output)
                .constData());
    }

    void closeWaitLeak()
    {
        auto listener = Sockets::listen(Loopback, 8);
        QVERIFY(listener.fd);
        const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
        QVERIFY(client >= 0 && server >= 0);
        // The peer closes its side (and keeps its descriptor: an owned FIN-WAIT-2, no orphan); our
        // application never calls close(): CLOSE-WAIT until it does (tcp_fin() moves it there).
        QCOMPARE(::shutdown(client, SHUT_WR), 0);
        QVERIFY(waitFor([server] { return tcpInfo(server).tcpi_state == quint8(TcpState::CloseWait); }, 2s));
        const QSet<QString> expected = cookieSet({cookieOf(server)});

        // The built-in threshold is seconds: a socket younger than that is no leak yet.
        const DoctorRun young = doctor({u"--built-in"_s});
        QVERIFY2(!young.cookies(u"close-wait-leak"_s).intersects(expected),
            QByteArray(
                "a CLOSE-WAIT socket younger than the rule's minSeconds was reported as a leak: the age check of "
                "the CloseWait condition is missing: " +
                young.show())
                .constData());

        const DoctorRun run = doctor();
        QVERIFY2(run.exitCode == 1 && run.cookies(u"close-wait-leak"_s) == expected,
            QByteArray("expected close-wait-leak with exactly the server's socket " + numbers(expected) +
                " (CLOSE-WAIT longer than minSeconds, nothing sent), got: " + run.show())
                .constData());
        QVERIFY2(!run.cookies(u"orphan-fin-wait2"_s).contains(QString::number(cookieOf(client))),
            QByteArray("the client's FIN-WAIT-2 still has its descriptor, so it is no orphan: check the owner test of "
                       "OrphanFinWait2: " +
                run.show())
                .constData());
        const QJsonObject problem = run.problem(u"close-wait-leak"_s);
        QVERIFY2(QDateTime::fromString(problem.value(u"since"_s).toString(), Qt::ISODateWithMs).isValid(),
            QByteArray("\"since\" must be an ISO date: " + QJsonDocument(problem).toJson(QJsonDocument::Compact))
                .constData());
        const QJsonObject row = problem.value(u"rows"_s).toArray().first().toObject();
        QCOMPARE(row.value(u"state"_s).toString(), u"CLOSE-WAIT"_s);
        QCOMPARE(row.value(u"local"_s).toString(), endpoint(listener.port));
        QCOMPARE(row.value(u"pid"_s).toInt(), int(::getpid()));
        QVERIFY2(!row.value(u"reading"_s).toArray().isEmpty(), "the affected row must carry its reading");

        // --netns looks at that namespace instead of ours: an empty one has none of our problems.
        QProcess empty;
        empty.start(u"unshare"_s, {u"--net"_s, u"sleep"_s, u"30"_s});
        QVERIFY2(empty.waitForStarted(5000), "unshare (util-linux) is needed for this check");
        const QByteArray emptyPath = "/proc/" + QByteArray::number(empty.processId()) + "/ns/net";
        const auto namespaceOf = [](const QByteArray &path) {
            char target[64] = {};
            return QByteArray(target, std::max<ssize_t>(0, ::readlink(path.constData(), target, sizeof target)));
        };
        const QByteArray ours = namespaceOf("/proc/self/ns/net");
        QVERIFY(waitFor(
            [&] {
                const QByteArray theirs = namespaceOf(emptyPath);
                return !theirs.isEmpty() && theirs != ours;
            },
            2s));
        const DoctorRun elsewhere = doctor({u"--netns"_s, QString::fromLatin1(emptyPath)});
        empty.kill();
        empty.waitForFinished(5000);
        QVERIFY2(elsewhere.exitCode == 0 && elsewhere.document.value(u"problems"_s).toArray().isEmpty(),
            QByteArray("doctor --netns of an empty namespace must find nothing there (ours has a CLOSE-WAIT leak): the "
                       "option is not applied to the snapshot source: " +
                elsewhere.show())
                .constData());

        const DoctorRun text = doctor({u"--text"_s});
        const QByteArray title = problem.value(u"title"_s).toString().toUtf8();
        QVERIFY2(text.exitCode == 1 && text.output.contains(title) &&
                text.output.contains(QByteArray(
                    endpoint(listener.port).toUtf8() + " → " + endpoint(Sockets::localPort(client)).toUtf8())),
            QByteArray("the text form must name the problem and its row: " + text.output).constData());
    }

    void orphanFinWait2()
    {
        auto listener = Sockets::listen(Loopback, 8);
        QVERIFY(listener.fd);
        const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
        QVERIFY(client >= 0 && server >= 0);
        const QSet<QString> expected = cookieSet({cookieOf(client)});
        // close() with the peer never answering with its FIN: FIN-WAIT-2 without an owner. With
        // tcp_fin_timeout at TCP_TIMEWAIT_LEN it is a timewait socket at once (tcp_rcv_state_process()
        // calls tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)), which keeps the cookie (inet_twsk_alloc()).
        for (UniqueFd &fd : m_sockets) {
            if (fd.get() == client)
                Sockets::closeGracefully(fd);
        }
        QVERIFY(waitFor([server] { return tcpInfo(server).tcpi_state == quint8(TcpState::CloseWait); }, 2s));

        const DoctorRun run = doctor();
        QVERIFY2(run.exitCode == 1 && run.cookies(u"orphan-fin-wait2"_s) == expected,
            QByteArray("expected orphan-fin-wait2 with exactly the closed client's socket " + numbers(expected) +
                " (FIN-WAIT-2, no process), got: " + run.show())
                .constData());
    }

    void synSentUnanswered()
    {
        // Nothing listens on the port, and the SYNs never arrive (an RST would end the connect).
        constexpr quint16 Port = 7501;
        QVERIFY(filter("    tcp dport " + QByteArray::number(Port) + " tcp flags & (syn | ack) == syn drop"));
        const int client = keep(Sockets::connectTo(Loopback, Port));
        const QSet<QString> expected = cookieSet({cookieOf(client)});
        // The first SYN retransmission after TCP_TIMEOUT_INIT (1 s, tcp_connect()).
        QVERIFY(waitFor([client] { return tcpInfo(client).tcpi_retransmits >= 1; }, 3s));

        const DoctorRun run = doctor();
        QVERIFY2(run.exitCode == 1 && run.cookies(u"syn-sent-unanswered"_s) == expected,
            QByteArray("expected syn-sent-unanswered with exactly the client " + numbers(expected) +
                " (SYN-SENT, SYN retransmitted), got: " + run.show())
                .constData());
    }

    void synAckUnanswered()
    {
        auto listener = Sockets::listen(Loopback, 16);
        QVERIFY(listener.fd);
        // The client's final ACK is lost: the server's request socket retransmits its SYN-ACK
        // (reqsk_timer_handler()) while its accept queue is empty.
        QVERIFY(filter("    tcp dport " + QByteArray::number(listener.port) +
            " tcp flags & (fin | syn | rst | psh | ack) == ack drop"));
        QSet<QString> expected;
        for (int i = 0; i < 2; ++i) {
            const int client = keep(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(client, 2s));
            expected.insert(endpoint(Sockets::localPort(client)));
        }
        QThread::msleep(1300); // the first SYN-ACK retransmission, after TCP_TIMEOUT_INIT

        const DoctorRun run = doctor();
        QVERIFY2(run.exitCode == 1 && run.remotes(u"synack-unanswered"_s, u"SYN-RECV"_s) == expected &&
                run.cookies(u"synack-unanswered"_s).size() == expected.size(),
            QByteArray("expected synack-unanswered with the two request sockets of clients " + numbers(expected) +
                ", got: " + run.show())
                .constData());
        QVERIFY2(!run.problem(u"acked-requests"_s).contains(u"id"_s),
            QByteArray(
                "the accept queue is empty, so no request is held for it (acked-requests is wrong here): " + run.show())
                .constData());
    }

    void ackedRequests()
    {
        // Backlog 4: the accept queue holds 5 (sk_acceptq_is_full() compares with '>'), the SYN queue
        // 4 (inet_csk_reqsk_queue_is_full() compares with '>=').
        constexpr int Backlog = 4;
        auto listener = Sockets::listen(Loopback, Backlog);
        QVERIFY(listener.fd);
        for (int i = 0; i < Backlog; ++i) {
            const int client = keep(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(client, 2s));
        }
        // Requests made while the accept queue has room (tcp_conn_request() drops SYNs once it is
        // full), their final ACKs lost for now.
        QVERIFY(filter("    tcp dport " + QByteArray::number(listener.port) +
            " tcp flags & (fin | syn | rst | psh | ack) == ack drop"));
        QList<int> late;
        QSet<QString> lateEndpoints;
        for (int i = 0; i < Backlog; ++i) {
            const int client = keep(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(client, 2s));
            late.append(client);
            lateEndpoints.insert(endpoint(Sockets::localPort(client)));
        }
        // The ACKs get through now, each with a byte: the first completes (accept queue 5, full), the
        // others find it full: tcp_check_req() marks the request acked and keeps it
        // (listen_overflow, tcp_abort_on_overflow 0).
        QVERIFY(filter(QByteArray()));
        for (const int client : std::as_const(late)) {
            char byte = 'x';
            QCOMPARE(::write(client, &byte, 1), 1);
        }
        QThread::msleep(100);

        const DoctorRun run = doctor();
        const QSet<QString> held = run.remotes(u"acked-requests"_s, u"SYN-RECV"_s);
        QVERIFY2(run.exitCode == 1 && held.size() == Backlog - 1 && lateEndpoints.contains(held),
            QByteArray("expected acked-requests with " + QByteArray::number(Backlog - 1) +
                " request sockets of the clients " + numbers(lateEndpoints) +
                " (their ACK came while the accept queue was full), got: " + run.show())
                .constData());
        QVERIFY2(run.cookies(u"accept-queue-full"_s) == cookieSet({cookieOf(listener.fd.get())}),
            QByteArray(
                "the listener's accept queue is full (5 of backlog 4): accept-queue-full must name it: " + run.show())
                .constData());
    }

    void acceptQueueFull()
    {
        auto listener = Sockets::listen(Loopback, 1);
        QVERIFY(listener.fd);
        // Backlog 1 holds 2; nobody accepts.
        for (int i = 0; i < 2; ++i) {
            const int client = keep(Sockets::connectTo(Loopback, listener.port));
            QVERIFY(Sockets::waitConnected(client, 2s));
        }
        auto roomy = Sockets::listen(Loopback, 16);
        QVERIFY(roomy.fd);
        const int other = keep(Sockets::connectTo(Loopback, roomy.port));
        QVERIFY(Sockets::waitConnected(other, 2s));

        const DoctorRun run = doctor();
        const QSet<QString> expected = cookieSet({cookieOf(listener.fd.get())});
        QVERIFY2(run.exitCode == 1 && run.cookies(u"accept-queue-full"_s) == expected,
            QByteArray("expected accept-queue-full with exactly the backlog-1 listener " + numbers(expected) +
                " (2 waiting, limit 1; the other listener holds 1 of 16), got: " + run.show())
                .constData());
    }

    void synQueueOverflow_data()
    {
        QTest::addColumn<QByteArray>("syncookies");
        QTest::addColumn<QString>("counter");
        // tcp_syn_flood_action(): with cookies it counts TCPReqQFullDoCookies and answers, without
        // it counts TCPReqQFullDrop and drops.
        QTest::addRow("dropped") << QByteArray("0") << u"TcpExt.TCPReqQFullDrop"_s;
        QTest::addRow("cookies") << QByteArray("1") << u"TcpExt.TCPReqQFullDoCookies"_s;
    }

    void synQueueOverflow()
    {
        QFETCH(QByteArray, syncookies);
        QFETCH(QString, counter);
        SysctlSetting cookies("net.ipv4.tcp_syncookies", syncookies);
        QVERIFY(cookies.ok());
        auto listener = Sockets::listen(Loopback, 2);
        QVERIFY(listener.fd);
        // Final ACKs lost: the requests stay in the SYN queue, which holds the backlog (2).
        QVERIFY(filter("    tcp dport " + QByteArray::number(listener.port) +
            " tcp flags & (fin | syn | rst | psh | ack) == ack drop"));
        for (int i = 0; i < 2; ++i)
            keep(Sockets::connectTo(Loopback, listener.port));
        const auto before = KernelCounters::read();
        QVERIFY(before.has_value());
        // And new SYNs all the time the doctor looks: the counter rises between its two readings.
        const DoctorRun run = doctor({}, [&] { keep(Sockets::connectTo(Loopback, listener.port)); });
        const auto after = KernelCounters::read();
        QVERIFY(after.has_value());
        const QByteArray name = counter.toLatin1();
        QVERIFY2(after->value(name).value_or(0) > before->value(name).value_or(0),
            QByteArray("the kernel did not count " + name +
                " for SYNs beyond a full SYN queue: see "
                "tcp_syn_flood_action() on this kernel and fix this test's premise")
                .constData());
        const QJsonObject problem = run.problem(u"syn-queue-overflow"_s);
        QVERIFY2(run.exitCode == 1 && !problem.isEmpty(),
            QByteArray("SYNs overflowed the SYN queue all the time the doctor looked (" + counter.toUtf8() +
                " rose), yet no syn-queue-overflow: " + run.show())
                .constData());
        const QSet<QString> rows = run.cookies(u"syn-queue-overflow"_s);
        QVERIFY2(rows == cookieSet({cookieOf(listener.fd.get())}),
            QByteArray("syn-queue-overflow must name the listener whose SYN queue holds the requests, and nothing "
                       "else (concerns() in diagnoser.cpp): " +
                run.show())
                .constData());
    }

    void peerZeroWindow()
    {
        // A receiver that never reads, with a tiny receive buffer: its window closes.
        auto listener = listenWithReceiveBuffer(4096);
        QVERIFY(listener.fd);
        const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
        QVERIFY(client >= 0 && server >= 0);
        const QByteArray chunk(65536, 'x');
        QVERIFY(waitFor([client, &chunk] { return ::write(client, chunk.constData(), chunk.size()) < 0; }, 5s));
        QVERIFY(waitFor([client] { return tcpInfo(client).tcpi_snd_wnd == 0; }, 3s));
        QThread::msleep(300);

        const DoctorRun run = doctor();
        const QSet<QString> expected = cookieSet({cookieOf(client)});
        QVERIFY2(run.exitCode == 1 && run.cookies(u"peer-zero-window"_s) == expected,
            QByteArray("expected peer-zero-window with exactly the sender " + numbers(expected) +
                " (data queued, the peer's window 0), got: " + run.show())
                .constData());
    }

    void retransmitting()
    {
        auto listener = Sockets::listen(Loopback, 8);
        QVERIFY(listener.fd);
        const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
        QVERIFY(client >= 0 && server >= 0);
        // The peer falls silent after the handshake: everything to it is lost.
        QVERIFY(filter("    tcp dport " + QByteArray::number(listener.port) + " drop"));
        const QByteArray data(100, 'x');
        QCOMPARE(::write(client, data.constData(), data.size()), data.size());
        // RTO 200 ms doubling (tcp_retransmit_timer()): three retransmissions by 1.4 s.
        QVERIFY(waitFor([client] { return tcpInfo(client).tcpi_retransmits >= 3; }, 4s));

        const DoctorRun run = doctor();
        const QSet<QString> expected = cookieSet({cookieOf(client)});
        QVERIFY2(run.exitCode == 1 && run.cookies(u"retransmitting"_s) == expected,
            QByteArray("expected retransmitting with exactly the sender " + numbers(expected) +
                " (the same segment retransmitted 3 times), got: " + run.show())
                .constData());
    }

    void keepaliveUnanswered()
    {
        auto listener = Sockets::listen(Loopback, 8);
        QVERIFY(listener.fd);
        const auto [client, server] = connectedPair(listener.fd.get(), listener.port);
        QVERIFY(client >= 0 && server >= 0);
        const int one = 1;
        const int probes = 20;
        QCOMPARE(::setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one), 0);
        QCOMPARE(::setsockopt(client, IPPROTO_TCP, TCP_KEEPIDLE, &one, sizeof one), 0);
        QCOMPARE(::setsockopt(client, IPPROTO_TCP, TCP_KEEPINTVL, &one, sizeof one), 0);
        QCOMPARE(::setsockopt(client, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes), 0);
        // The peer's answers to the probes are lost.
        QVERIFY(filter("    tcp dport " + QByteArray::number(Sockets::localPort(client)) + " drop"));
        // tcp_keepalive_timer() counts unanswered probes in icsk_probes_out.
        QVERIFY(waitFor([client] { return tcpInfo(client).tcpi_probes >= 2; }, 5s));

        const DoctorRun run = doctor();
        const QSet<QString> expected = cookieSet({cookieOf(client)});
        QVERIFY2(run.exitCode == 1 && run.cookies(u"keepalive-unanswered"_s) == expected,
            QByteArray("expected keepalive-unanswered with exactly the client " + numbers(expected) +
                " (keepalive probes without answer), got: " + run.show())
                .constData());
    }

    void portExhaustion()
    {
        constexpr quint16 Port = 7600;
        SysctlSetting range("net.ipv4.ip_local_port_range", "40000 40009");
        QVERIFY(range.ok());
        auto listener = Sockets::listenOnPort(Loopback, Port, 64);
        QVERIFY(listener.fd);
        QSet<QString> expected;
        for (int i = 0; i < 10; ++i) {
            const auto [client, server] = connectedPair(listener.fd.get(), Port);
            QVERIFY2(client >= 0 && server >= 0, "connection within the 10 ports failed");
            expected.insert(QString::number(cookieOf(client)));
        }

        const DoctorRun run = doctor();
        QVERIFY2(run.exitCode == 1 && run.cookies(u"port-exhaustion"_s) == expected,
            QByteArray("expected port-exhaustion with exactly the 10 clients of 127.0.0.1:7600 (all of "
                       "ip_local_port_range 40000 40009), got: " +
                run.show())
                .constData());
    }

    void errorsExitWithTwo()
    {
        const DoctorRun missing = doctor({u"--netns"_s, u"/run/netns/tcplens-no-such-ns"_s});
        QVERIFY2(missing.exitCode == 2 && missing.errors.contains("tcplens-no-such-ns") &&
                missing.errors.contains("what to do"),
            QByteArray("a namespace that cannot be entered must exit 2 naming it and what to do: " + missing.show())
                .constData());
        const QString broken = m_dir.filePath(u"broken-rules.json"_s);
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"rules\": [{\"id\": \"x\", \"condition\": \"no-such-condition\"}]}");
        file.close();
        const DoctorRun badRules = doctor({u"--rules"_s, broken});
        QVERIFY2(badRules.exitCode == 2 && badRules.errors.contains("broken-rules.json"),
            QByteArray("a rules file that does not parse must exit 2 naming the file: " + badRules.show()).constData());
    }

    // Last: its TIME-WAIT sockets stay for a minute.
    void timeWaitPileUp()
    {
        auto listener = Sockets::listen(Loopback, 16);
        QVERIFY(listener.fd);
        QSet<QString> expected;
        // The clients close first: theirs is the TIME-WAIT.
        for (int i = 0; i < 6; ++i) {
            UniqueFd client = Sockets::connectTo(Loopback, listener.port);
            QVERIFY(Sockets::waitConnected(client.get(), 2s));
            UniqueFd server = Sockets::acceptOne(listener.fd.get(), 2s);
            expected.insert(QString::number(cookieOf(client.get())));
            Sockets::closeGracefully(client);
            char byte;
            QCOMPARE(::read(server.get(), &byte, 1), 0);
            Sockets::closeGracefully(server);
        }
        const DoctorRun few = doctor();
        QVERIFY2(few.cookies(u"time-wait-pileup"_s).isEmpty(),
            QByteArray("6 TIME-WAIT sockets are nothing against the default tcp_max_tw_buckets: " + few.show())
                .constData());

        // tcp_max_tw_buckets is per namespace (net->ipv4.tcp_death_row): 6 of 10 is more than half.
        SysctlSetting buckets("net.ipv4.tcp_max_tw_buckets", "10");
        QVERIFY(buckets.ok());
        const DoctorRun run = doctor();
        const QSet<QString> rows = run.cookies(u"time-wait-pileup"_s);
        QVERIFY2(run.exitCode == 1 && rows.contains(expected) &&
                run.states(u"time-wait-pileup"_s) == QSet<QString>{u"TIME-WAIT"_s},
            QByteArray("expected time-wait-pileup naming the 6 clients' TIME-WAIT sockets " + numbers(expected) +
                " (6 of tcp_max_tw_buckets 10), got: " + run.show())
                .constData());
    }
};

TCPLENS_NETNS_TEST_MAIN(TestDoctor, QCoreApplication)

#include "tst_doctor.moc"
