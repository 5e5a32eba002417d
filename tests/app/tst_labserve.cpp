// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// `tcplens-lab serve` as the window drives it (docs/lab.md, "The serve protocol"), on the real
// kernel: JSON lines on stdin and stdout, and descriptors opened inside the lab on fd 3. The
// descriptors must be the lab's, not this process's: the netlink socket dumps the scenario's
// listener, which this namespace does not have, and the sysctl file shows the lab's value while
// ours stays as it was. Run as root and, as a second test entry, as an ordinary user (the helper
// makes a user namespace).
#include "netlink/sockdiagclient.h"
#include "netlink/uniquefd.h"
#include "pipeline/labsource.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <functional>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

constexpr quint16 ListenerPort = 7353;
constexpr int TimeoutMs = 10000;

// A listener, then two clients: two steps to step through, both with a claim the kernel settles.
constexpr auto Scenario = R"({
  "format": 1,
  "name": "serve-test",
  "title": "Two connections",
  "steps": [
    {"title": "Listen", "narration": "A listener with backlog 4.",
     "actions": [{"do": "listen", "name": "server", "port": 7353, "backlog": 4}],
     "expect": [{"id": "limit", "text": "The accept queue's limit is the backlog", "check": "listener",
                 "port": 7353, "limit": {"eq": 4}, "within": 2}]},
    {"title": "Connect", "narration": "Two clients connect.",
     "actions": [{"do": "connect", "name": "clients", "port": 7353, "count": 2},
                 {"do": "mark", "text": "connected"}],
     "expect": [{"id": "established", "text": "Two connections are established on the server's side",
                 "check": "sockets", "state": "ESTABLISHED", "port": 7353, "side": "server", "eq": 2,
                 "within": 2}]}
  ]
})";

// One answer of the descriptor broker: its first byte, the rest, and the descriptor that came with it.
struct BrokerReply
{
    char kind = 0;
    QByteArray message;
    UniqueFd fd;
};

BrokerReply ask(int broker, QByteArrayView request)
{
    BrokerReply reply;
    if (::send(broker, request.data(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
        return reply;
    pollfd ready{broker, POLLIN, 0};
    if (::poll(&ready, 1, TimeoutMs) != 1)
        return reply;
    char data[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    iovec vector{data, sizeof data};
    msghdr message{};
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t got = ::recvmsg(broker, &message, MSG_CMSG_CLOEXEC);
    if (got <= 0)
        return reply;
    reply.kind = data[0];
    reply.message = QByteArray(data + 1, got - 1);
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(header), sizeof fd);
            reply.fd.reset(fd);
        }
    }
    return reply;
}

QByteArray readAt0(int fd)
{
    char buffer[256];
    const ssize_t got = ::pread(fd, buffer, sizeof buffer, 0);
    return got > 0 ? QByteArray(buffer, got).trimmed() : QByteArray();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

bool hasListener(const std::vector<SocketRecord> &sockets, quint16 port)
{
    for (const SocketRecord &socket : sockets) {
        if (socket.localPort == port && socket.state == TcpState::Listen)
            return true;
    }
    return false;
}

// tcplens-lab serve with one end of a SOCK_SEQPACKET pair as its fd 3.
class ServeProcess
{
public:
    bool start(QString *error)
    {
        int pair[2];
        if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
            *error = u"socketpair: "_s + QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        m_broker.reset(pair[0]);
        UniqueFd theirs(pair[1]);
        LabSource::passBrokerSocket(m_process, theirs.get());
        m_process.setProgram(QStringLiteral(TCPLENS_LAB_HELPER));
        m_process.setArguments({u"serve"_s});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(TimeoutMs)) {
            *error = m_process.errorString();
            return false;
        }
        return true;
    }

    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(TimeoutMs);
        }
    }

    int broker() const { return m_broker.get(); }
    QProcess &process() { return m_process; }

    void send(const QJsonObject &command)
    {
        m_process.write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
        m_process.waitForBytesWritten(TimeoutMs);
    }

    // The next event for which `matches` holds; the events before it are kept in seen().
    QJsonObject next(const std::function<bool(const QJsonObject &)> &matches)
    {
        QDeadlineTimer deadline(TimeoutMs);
        while (true) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine();
                QJsonParseError parseError;
                const QJsonObject event = QJsonDocument::fromJson(line, &parseError).object();
                if (parseError.error != QJsonParseError::NoError || event.value("event"_L1).toString().isEmpty())
                    qWarning("not a JSON event: %s", line.constData());
                m_seen.append(event);
                if (matches(event))
                    return event;
            }
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return {};
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }
    QJsonObject next(const QString &event)
    {
        return next([&](const QJsonObject &e) { return e.value("event"_L1).toString() == event; });
    }
    const QList<QJsonObject> &seen() const { return m_seen; }

private:
    QProcess m_process;
    UniqueFd m_broker;
    QList<QJsonObject> m_seen;
};

// What went wrong, for QVERIFY2, which evaluates its message even when all went right.
template<typename Expected>
QByteArray failure(const Expected &result)
{
    return result ? QByteArray() : result.error().toUtf8();
}

QString eventsText(const QList<QJsonObject> &events)
{
    QString text;
    for (const QJsonObject &event : events)
        text += QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) + u'\n';
    return text;
}

} // namespace

class TestLabServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(TCPLENS_LAB_HELPER)).isExecutable(),
            "tcplens-lab was not built: build the target tcplens-lab");
        QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
        m_scenarioPath = m_dir.filePath(u"serve-test.json"_s);
        QFile file(m_scenarioPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(QByteArray(Scenario)) > 0);
    }

    void servesOneScenarioAndItsNamespace()
    {
        const QString hostFinTimeoutPath = u"/proc/sys/net/ipv4/tcp_fin_timeout"_s;
        const QByteArray hostFinTimeout = readFile(hostFinTimeoutPath);
        QVERIFY(!hostFinTimeout.isEmpty());

        ServeProcess serve;
        QString error;
        QVERIFY2(serve.start(&error), qPrintable(error));

        // ready: which namespace, made how.
        const QJsonObject ready = serve.next(u"ready"_s);
        QVERIFY2(!ready.isEmpty(), qPrintable(eventsText(serve.seen())));
        QCOMPARE(ready.value("pid"_L1).toInteger(), serve.process().processId());
        QCOMPARE(ready.value("userNamespace"_L1).toBool(), ::geteuid() != 0);
        QVERIFY(ready.value("tools"_L1).toObject().contains("nft"_L1));
        struct stat ours{};
        QCOMPARE(::stat("/proc/self/ns/net", &ours), 0);
        QVERIFY(ready.value("netnsInode"_L1).toInteger() > 0);
        QVERIFY(quint64(ready.value("netnsInode"_L1).toInteger()) != quint64(ours.st_ino));

        // load: the parsed scenario, then a paused state at step 0.
        serve.send({{u"cmd"_s, u"load"_s}, {u"path"_s, m_scenarioPath}});
        const QJsonObject loaded = serve.next(u"loaded"_s);
        QVERIFY2(!loaded.isEmpty(), qPrintable(eventsText(serve.seen())));
        QCOMPARE(loaded.value("scenario"_L1).toObject().value("name"_L1).toString(), u"serve-test"_s);
        QCOMPARE(loaded.value("scenario"_L1).toObject().value("steps"_L1).toArray().size(), 2);
        const QJsonObject loadedState = serve.next(u"state"_s);
        QCOMPARE(loadedState.value("playing"_L1).toBool(), false);
        QCOMPARE(loadedState.value("step"_L1).toInt(), 0);

        // step: the first step runs, its claim is checked, and the run pauses before the second.
        serve.send({{u"cmd"_s, u"step"_s}});
        const QJsonObject first = serve.next(u"step"_s);
        QVERIFY2(!first.isEmpty(), qPrintable(eventsText(serve.seen())));
        QCOMPARE(first.value("index"_L1).toInt(), 0);
        QCOMPARE(first.value("title"_L1).toString(), u"Listen"_s);
        QVERIFY(first.value("monotonicNs"_L1).toInteger() > 0);
        const QJsonObject limit = serve.next([](const QJsonObject &e) {
            return e.value("event"_L1) == "expectation"_L1 && e.value("verdict"_L1) != "pending"_L1;
        });
        QVERIFY2(!limit.isEmpty(), qPrintable(eventsText(serve.seen())));
        QCOMPARE(limit.value("id"_L1).toString(), u"limit"_s);
        QCOMPARE(limit.value("step"_L1).toInt(), 0);
        QVERIFY2(limit.value("verdict"_L1) == "pass"_L1, qPrintable(limit.value("observed"_L1).toString()));
        const QJsonObject paused = serve.next(
            [](const QJsonObject &e) { return e.value("event"_L1) == "state"_L1 && !e.value("playing"_L1).toBool(); });
        QVERIFY2(!paused.isEmpty(), qPrintable(eventsText(serve.seen())));
        QCOMPARE(paused.value("step"_L1).toInt(), 1);
        QCOMPARE(paused.value("finished"_L1).toBool(), false);

        // n: a sock_diag socket of the lab: it dumps the scenario's listener, which is not ours.
        int brokered = 0;
        const NetlinkSocket::Maker fromLab = [&]() -> std::expected<UniqueFd, NetlinkSocket::Error> {
            BrokerReply reply = ask(serve.broker(), "n");
            if (reply.kind != 'n' || !reply.fd)
                return std::unexpected(NetlinkSocket::Error{EIO,
                    u"the broker answered '%1' %2"_s.arg(QLatin1Char(reply.kind))
                        .arg(QString::fromUtf8(reply.message))});
            ++brokered;
            return std::move(reply.fd);
        };
        auto labClient = SockDiagClient::open(fromLab);
        QVERIFY2(labClient, failure(labClient).constData());
        QVERIFY(brokered >= 1);
        const auto labDump = labClient->dump({});
        QVERIFY2(labDump, failure(labDump).constData());
        QVERIFY(hasListener(labDump->sockets, ListenerPort));
        auto hereClient = SockDiagClient::open();
        QVERIFY2(hereClient, failure(hereClient).constData());
        const auto hereDump = hereClient->dump({});
        QVERIFY2(hereDump, failure(hereDump).constData());
        QVERIFY(!hasListener(hereDump->sockets, ListenerPort));

        // s: the lab's tcp_fin_timeout, which a sysctl command changes there and not here.
        BrokerReply finTimeout = ask(serve.broker(), "snet/ipv4/tcp_fin_timeout");
        QCOMPARE(finTimeout.kind, 's');
        QVERIFY(finTimeout.fd);
        const QByteArray labFinTimeout = readAt0(finTimeout.fd.get());
        bool isNumber = false;
        labFinTimeout.toInt(&isNumber);
        QVERIFY2(isNumber, labFinTimeout.constData());
        QVERIFY(labFinTimeout != "7");
        serve.send({{u"cmd"_s, u"sysctl"_s}, {u"key"_s, u"net.ipv4.tcp_fin_timeout"_s}, {u"value"_s, u"7"_s}});
        const QJsonObject written = serve.next(u"sysctl"_s);
        QVERIFY2(written.value("ok"_L1).toBool(), qPrintable(written.value("error"_L1).toString()));
        QCOMPARE(written.value("key"_L1).toString(), u"net.ipv4.tcp_fin_timeout"_s);
        QCOMPARE(readAt0(finTimeout.fd.get()), QByteArray("7"));
        QCOMPARE(readFile(hostFinTimeoutPath), hostFinTimeout);

        // A request the broker does not know, or a path outside /proc/sys: 'e', a reason and no descriptor.
        for (const QByteArray &bad : {QByteArray("x"), QByteArray("nn"), QByteArray("s../../etc/passwd"),
                 QByteArray("s/etc/passwd"), QByteArray("s"), QByteArray("snet/ipv4/no_such_key")}) {
            const BrokerReply refused = ask(serve.broker(), bad);
            QVERIFY2(refused.kind == 'e', bad.constData());
            QVERIFY2(!refused.message.isEmpty(), bad.constData());
            QVERIFY2(!refused.fd, bad.constData());
        }
        // A command it does not know: an error event, and it keeps serving.
        serve.send({{u"cmd"_s, u"dance"_s}});
        QVERIFY(serve.next(u"error"_s).value("message"_L1).toString().contains("dance"_L1));

        // step: the second step, to the end of the scenario.
        serve.send({{u"cmd"_s, u"step"_s}});
        const QJsonObject second = serve.next(u"step"_s);
        QCOMPARE(second.value("index"_L1).toInt(), 1);
        const QJsonObject mark = serve.next(u"mark"_s);
        QCOMPARE(mark.value("text"_L1).toString(), u"connected"_s);
        const QJsonObject established = serve.next([](const QJsonObject &e) {
            return e.value("event"_L1) == "expectation"_L1 && e.value("verdict"_L1) != "pending"_L1;
        });
        QCOMPARE(established.value("id"_L1).toString(), u"established"_s);
        QVERIFY2(established.value("verdict"_L1) == "pass"_L1, qPrintable(established.value("observed"_L1).toString()));
        const QJsonObject finished = serve.next(u"finished"_s);
        QVERIFY2(finished.value("passed"_L1).toBool(), qPrintable(eventsText(serve.seen())));

        // reset: actors gone, step 0, and the sysctl back to the lab's value before the write.
        serve.send({{u"cmd"_s, u"reset"_s}});
        const QJsonObject resetState = serve.next(u"state"_s);
        QCOMPARE(resetState.value("step"_L1).toInt(), 0);
        QCOMPARE(resetState.value("finished"_L1).toBool(), false);
        QCOMPARE(readAt0(finTimeout.fd.get()), labFinTimeout);
        const auto afterReset = labClient->dump({});
        QVERIFY2(afterReset, failure(afterReset).constData());
        QVERIFY(!hasListener(afterReset->sockets, ListenerPort));
        QCOMPARE(readFile(hostFinTimeoutPath), hostFinTimeout);

        // quit: the helper ends on its own, with status 0.
        serve.send({{u"cmd"_s, u"quit"_s}});
        QVERIFY(serve.process().waitForFinished(TimeoutMs));
        QCOMPARE(serve.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.process().exitCode(), 0);
    }

    void endOfInputIsQuit()
    {
        ServeProcess serve;
        QString error;
        QVERIFY2(serve.start(&error), qPrintable(error));
        QVERIFY(!serve.next(u"ready"_s).isEmpty());
        serve.send({{u"cmd"_s, u"step"_s}});
        QVERIFY(serve.next(u"error"_s).value("message"_L1).toString().contains("no scenario"_L1));
        serve.process().closeWriteChannel();
        QVERIFY(serve.process().waitForFinished(TimeoutMs));
        QCOMPARE(serve.process().exitCode(), 0);
    }

private:
    QTemporaryDir m_dir; // in /tmp (TMPDIR), where the user 65534 may write too
    QString m_scenarioPath;
};

QTEST_GUILESS_MAIN(TestLabServe)
#include "tst_labserve.moc"
