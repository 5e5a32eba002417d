// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Exact mode held to the kernel's own account under churn: 200 short loopback connections (IPv4 and
// IPv6, closed first by the client or by the server, 50 ms apart) watched by the collector and the
// tracker as `tcplens watch --exact` watches them, while the kernel's text trace of
// sock:inet_sock_set_state, with every socket's address (skaddr), records what really happened:
//  (a) every traced transition of those sockets comes out as a step of one connection; only events
//      the collector reported lost may be missing (a full perf ring, or events the kernel counted and
//      never wrote: TcpStateTracepoint::countUnwritten());
//  (b) no step marked exact is one the kernel did not make on that connection's end;
//  (c) every path is one legal chain that never revisits a state.
// Runs in private network and mount namespaces (tracefs is mounted there); needs root, as CI is.
#include "expectedtext.h"
#include "kerneltexttrace.h"
#include "loopbacksockets.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "synthetickernel.h"
#include "tracking/connectiontracker.h"
#include "tracking/tcpstatemachine.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
using S = TcpState;
using K = StepKnowledge;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

constexpr int Connections = 200;

// One end of a connection: family and ports as the socket itself sees them.
struct End
{
    quint8 family = 0;
    quint16 localPort = 0;
    quint16 remotePort = 0;
    friend bool operator==(const End &, const End &) = default;
};

size_t qHash(const End &end, size_t seed = 0) noexcept
{
    return qHashMulti(seed, end.family, end.localPort, end.remotePort);
}

// One state change, from the text trace or from the perf ring.
struct Change
{
    qint64 timeNs = 0;
    quint64 skaddr = 0;
    S from = S::Unknown;
    S to = S::Unknown;
    quint8 family = 0;
    quint16 sport = 0;
    quint16 dport = 0;
};

// One socket's life as the kernel traced it: one skaddr from its first event on. The kernel reuses a
// freed struct sock for a later socket, so the same skaddr starts a new life at every birth.
struct KernelSocket
{
    End end; // localPort 0 until an event names it (connect() is traced before it binds)
    QList<Change> events;
    QList<qsizetype> delivered; // per event: index of the same event from the perf ring, or -1
};

bool isBirth(const Change &change)
{
    return (change.from == S::Close && (change.to == S::SynSent || change.to == S::Listen)) ||
        (change.from == S::Listen && change.to == S::SynRecv);
}

// Splits events into socket lives: by skaddr, a new life at each birth.
QList<KernelSocket> socketsOf(const QList<Change> &changes)
{
    QList<KernelSocket> sockets;
    QHash<quint64, qsizetype> current;
    for (const Change &change : changes) {
        auto it = current.find(change.skaddr);
        if (it == current.end() || isBirth(change)) {
            sockets.append(KernelSocket{});
            it = current.insert(change.skaddr, sockets.size() - 1);
        }
        KernelSocket &socket = sockets[*it];
        socket.events.append(change);
        socket.end.family = change.family;
        if (change.sport != 0)
            socket.end.localPort = change.sport;
        socket.end.remotePort = change.dport;
    }
    return sockets;
}

QString milliseconds(qint64 ns, qint64 originNs)
{
    return QString::number(double(ns - originNs) / 1e6, 'f', 3);
}

QString describe(const TrackedConnection &connection, qint64 originNs)
{
    QStringList steps;
    for (const ConnectionStep &step : connection.path) {
        const char how = step.knowledge == K::Exact ? 'e' : step.knowledge == K::Polled ? 'p' : 'i';
        steps.append(u"%1(%2 %3)"_s.arg(stateName(step.state))
                .arg(QLatin1Char(how))
                .arg(milliseconds(step.enteredNs, originNs)));
    }
    return u"connection %1 [%2 %3 -> %4]%5: %6"_s.arg(connection.id)
        .arg(connection.last->family == AF_INET6 ? u"v6"_s : u"v4"_s)
        .arg(connection.last->localPort)
        .arg(connection.last->remotePort)
        .arg(connection.isClosed() ? u" closed"_s : u""_s, steps.join(u" > "_s));
}

QString describe(const KernelSocket &socket, qint64 originNs)
{
    QStringList lines;
    for (qsizetype i = 0; i < socket.events.size(); ++i) {
        const Change &event = socket.events[i];
        lines.append(
            u"    kernel %1 ms skaddr %2 %3 -> %4 sport %5 dport %6%7"_s.arg(milliseconds(event.timeNs, originNs))
                .arg(event.skaddr, 0, 16)
                .arg(stateName(event.from), stateName(event.to))
                .arg(event.sport)
                .arg(event.dport)
                .arg(socket.delivered[i] < 0 ? u" (never delivered by perf)"_s : u""_s));
    }
    return lines.join(u'\n');
}

// Holds the tracker's connections to the kernel's account and lists what does not match. Each
// failure names the end it concerns; the message shows every path and kernel socket on that end.
class Comparison
{
public:
    Comparison(QList<KernelSocket> kernel, QList<Change> delivered, QList<TrackedConnection> connections, qint64 lost)
        : m_kernel(std::move(kernel))
        , m_delivered(std::move(delivered))
        , m_connections(std::move(connections))
        , m_lost(lost)
    {
        m_originNs = m_kernel.isEmpty() ? 0 : m_kernel.constFirst().events.constFirst().timeNs;
        m_socketOfDelivered.fill(-1, m_delivered.size());
        for (qsizetype s = 0; s < m_kernel.size(); ++s) {
            for (const qsizetype d : std::as_const(m_kernel[s].delivered)) {
                if (d >= 0)
                    m_socketOfDelivered[d] = s;
                else
                    ++m_undelivered;
            }
        }
        for (qsizetype i = 0; i < m_delivered.size(); ++i)
            m_deliveredAt.insert(m_delivered[i].timeNs, i);
        for (const TrackedConnection &connection : std::as_const(m_connections))
            m_connectionById.insert(connection.id, &connection);
    }

    // Empty when the tracker told what the kernel did.
    QString failures()
    {
        for (const TrackedConnection &connection : std::as_const(m_connections)) {
            checkChain(connection);
            checkExactSteps(connection);
        }
        for (const KernelSocket &socket : std::as_const(m_kernel))
            checkReported(socket);
        if (m_failures.isEmpty())
            return {};
        QStringList shown;
        for (const auto &[what, end] : m_failures.first(std::min<qsizetype>(m_failures.size(), 8))) {
            shown.append(what);
            for (const TrackedConnection &connection : std::as_const(m_connections)) {
                if (endOf(connection) == end)
                    shown.append(u"  "_s + describe(connection, m_originNs));
            }
            for (const KernelSocket &socket : std::as_const(m_kernel)) {
                if (socket.end == end)
                    shown.append(describe(socket, m_originNs));
            }
        }
        return u"%1 failures (%2 events perf never delivered, %3 reported lost); the first:\n%4"_s
            .arg(m_failures.size())
            .arg(m_undelivered)
            .arg(m_lost)
            .arg(shown.join(u'\n'));
    }

    qsizetype undelivered() const { return m_undelivered; }

private:
    static End endOf(const TrackedConnection &connection)
    {
        return {connection.last->family, connection.last->localPort, connection.last->remotePort};
    }

    void fail(const QString &what, const End &end) { m_failures.append({what, end}); }

    // (c) one legal chain that never revisits a state (CLOSED may start and end it).
    void checkChain(const TrackedConnection &connection)
    {
        QSet<S> visited;
        for (qsizetype i = 0; i < connection.path.size(); ++i) {
            const S state = connection.path[i].state;
            if (visited.contains(state) && !(state == S::Close && i == connection.path.size() - 1)) {
                fail(u"(c) connection %1 revisits %2"_s.arg(connection.id).arg(stateName(state)), endOf(connection));
                return;
            }
            visited.insert(state);
            if (i > 0 && !TcpStateMachine::isLegal(connection.path[i - 1].state, state)) {
                fail(u"(c) connection %1 takes an illegal step %2 -> %3"_s.arg(connection.id)
                         .arg(stateName(connection.path[i - 1].state), stateName(state)),
                    endOf(connection));
                return;
            }
        }
    }

    // (b) every exact step is a change the kernel made, all on this connection's end and socket. An
    // exact step bears the very time stamp of its perf sample.
    void checkExactSteps(const TrackedConnection &connection)
    {
        QSet<qsizetype> sockets;
        for (qsizetype i = 0; i < connection.path.size(); ++i) {
            const ConnectionStep &step = connection.path[i];
            if (step.knowledge != K::Exact)
                continue;
            qsizetype origin = -1;
            for (const qsizetype candidate : m_deliveredAt.values(step.enteredNs)) {
                const Change &change = m_delivered[candidate];
                if (i == 0 ? change.from == step.state
                           : change.from == connection.path[i - 1].state && change.to == step.state)
                    origin = candidate;
            }
            if (origin < 0) {
                fail(u"(b) connection %1 has an exact step to %2 at %3 ms that the kernel did not make"_s
                         .arg(connection.id)
                         .arg(stateName(step.state), milliseconds(step.enteredNs, m_originNs)),
                    endOf(connection));
                continue;
            }
            if (i > 0)
                m_connectionOfDelivered.insert(origin, connection.id);
            if (m_socketOfDelivered[origin] >= 0)
                sockets.insert(m_socketOfDelivered[origin]);
        }
        if (sockets.size() > 1)
            fail(u"(b) connection %1 holds exact steps of %2 kernel sockets"_s.arg(connection.id).arg(sockets.size()),
                endOf(connection));
        else if (sockets.size() == 1 && !(m_kernel[*sockets.cbegin()].end == endOf(connection)))
            fail(u"(b) connection %1 holds the exact steps of another end"_s.arg(connection.id), endOf(connection));
    }

    // (a) every traced transition is a step of one connection, unless perf lost it and said so.
    void checkReported(const KernelSocket &socket)
    {
        QSet<quint64> holders;
        for (const qsizetype d : socket.delivered) {
            if (d >= 0 && m_connectionOfDelivered.contains(d))
                holders.insert(m_connectionOfDelivered.value(d));
        }
        if (holders.size() != 1) {
            fail(u"(a) the transitions of the socket born at %1 ms are in %2 connections"_s
                     .arg(milliseconds(socket.events.constFirst().timeNs, m_originNs))
                     .arg(holders.size()),
                socket.end);
            return;
        }
        const TrackedConnection &holder = *m_connectionById.value(*holders.cbegin());
        for (qsizetype i = 0; i < socket.events.size(); ++i) {
            const Change &event = socket.events[i];
            const qsizetype d = socket.delivered[i];
            if (d < 0) {
                if (m_undelivered > m_lost)
                    fail(u"(a) perf never delivered %1 -> %2 at %3 ms, and reported only %4 events lost"_s
                             .arg(stateName(event.from), stateName(event.to), milliseconds(event.timeNs, m_originNs))
                             .arg(m_lost),
                        socket.end);
                continue;
            }
            if (m_connectionOfDelivered.contains(d))
                continue;
            // tcp_time_wait(): the full socket's last event hands over to a timewait socket, which the
            // path shows as TIME_WAIT (or as its FIN_WAIT2 substate while the peer's FIN is due).
            const bool handover = (event.from == S::FinWait2 || event.from == S::Closing) && event.to == S::Close &&
                i == socket.events.size() - 1;
            bool shown = false;
            for (qsizetype j = 0; handover && j < holder.path.size(); ++j) {
                if (holder.path[j].state == event.from)
                    shown = j + 1 < holder.path.size() ? holder.path[j + 1].state == S::TimeWait : !holder.isClosed();
            }
            if (!shown)
                fail(u"(a) %1 -> %2 at %3 ms is no exact step of connection %4"_s
                         .arg(stateName(event.from), stateName(event.to), milliseconds(event.timeNs, m_originNs))
                         .arg(holder.id),
                    socket.end);
        }
    }

    QList<KernelSocket> m_kernel;
    QList<Change> m_delivered;
    QList<TrackedConnection> m_connections;
    qint64 m_lost = 0;
    qint64 m_originNs = 0;
    qsizetype m_undelivered = 0;
    QList<qsizetype> m_socketOfDelivered; // perf event -> kernel socket
    QMultiHash<qint64, qsizetype> m_deliveredAt; // time stamp -> perf event
    QHash<qsizetype, quint64> m_connectionOfDelivered; // perf event -> connection with that exact step
    QHash<quint64, const TrackedConnection *> m_connectionById;
    QList<std::pair<QString, End>> m_failures;
};

// Which perf event is which traced event: the same socket and change, at nearly the same time. The
// two probes stamp separately (microseconds apart, milliseconds on a loaded machine); one skaddr
// serves one connection at a time here, 50 ms apart, so the nearest match within 20 ms is the one.
void matchDelivered(QList<KernelSocket> &kernel, const QList<Change> &delivered)
{
    QHash<quint64, QList<qsizetype>> deliveredBySocket;
    for (qsizetype i = 0; i < delivered.size(); ++i)
        deliveredBySocket[delivered[i].skaddr].append(i);
    QList<bool> matched(delivered.size(), false);
    for (KernelSocket &socket : kernel) {
        const QList<qsizetype> candidates = deliveredBySocket.value(socket.events.constFirst().skaddr);
        for (const Change &event : std::as_const(socket.events)) {
            qsizetype match = -1;
            for (const qsizetype candidate : candidates) {
                const Change &change = delivered[candidate];
                const qint64 distance = std::abs(change.timeNs - event.timeNs);
                if (matched[candidate] || change.from != event.from || change.to != event.to || distance > 20'000'000)
                    continue;
                if (match < 0 || distance < std::abs(delivered[match].timeNs - event.timeNs))
                    match = candidate;
            }
            if (match >= 0)
                matched[match] = true;
            socket.delivered.append(match);
        }
    }
}

} // namespace

class TestExactChurn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathsAreTheKernels_data()
    {
        QTest::addColumn<int>("intervalMs");
        // Polls often, so that many events fire while a dump runs and arrive after it.
        QTest::addRow("poll every 100 ms") << 100;
        QTest::addRow("poll every second (the app's default)") << 1000;
    }

    void pathsAreTheKernels()
    {
        QFETCH(int, intervalMs);
        QVERIFY2(Test::kernelProblem().isEmpty(), qPrintable(Test::kernelProblem()));

        // Listening ports below ip_local_port_range (32768-60999): the tracepoint reports every
        // namespace, and another namespace's connect() may pick any port in that range.
        Sockets::Listener listeners[2];
        const QString addresses[2] = {u"127.0.0.1"_s, u"::1"_s};
        for (int attempt = 0; attempt < 20 && !(listeners[0].fd && listeners[1].fd); ++attempt) {
            const auto base = quint16(10'000 + QRandomGenerator::global()->bounded(20'000));
            listeners[0] = Sockets::listenOnPort(addresses[0], base, 64);
            listeners[1] = Sockets::listenOnPort(addresses[1], quint16(base + 1), 64, true);
        }
        QVERIFY(listeners[0].fd && listeners[1].fd);
        const quint16 ports[2] = {listeners[0].port, listeners[1].port};
        const QByteArray filter = "sport == " + QByteArray::number(ports[0]) +
            " || dport == " + QByteArray::number(ports[0]) + " || sport == " + QByteArray::number(ports[1]) +
            " || dport == " + QByteArray::number(ports[1]);
        auto textTrace = Test::KernelTextTrace::start(filter, Test::KernelTextTrace::Fields::Raw);
        QVERIFY2(textTrace.has_value(), Test::errorText(textTrace).constData());

        CollectorSettings settings;
        settings.intervalMs = intervalMs;
        settings.exact = true;
        settings.snapshot.resolveOwners = false;
        LocalKernelSource collector({settings, false});
        ConnectionTracker tracker;
        ConnectionEvents told; // what the tracker's listeners heard
        QList<Change> delivered;
        qint64 lost = 0;
        // Wired as app/watchcommand.cpp wires it.
        connect(&collector, &ConnectionSource::snapshotReady, this,
            [&](const SocketSnapshot &snapshot) { told += tracker.applySnapshot(snapshot); });
        connect(&collector, &ConnectionSource::socketsDestroyed, this,
            [&](const DestroyedSockets &destroyed) { told += tracker.applyDestroyed(destroyed); });
        connect(&collector, &ConnectionSource::stateChanges, this, [&](const QList<StateChangeEvent> &changes) {
            for (const auto &change : changes) {
                for (const quint16 port : ports) {
                    if (change.localPort == port || change.remotePort == port) {
                        delivered.append({change.timeNs, change.socketAddress, change.oldState, change.newState,
                            change.family, change.localPort, change.remotePort});
                        break;
                    }
                }
            }
            told += tracker.applyExact(changes);
        });
        connect(&collector, &ConnectionSource::exactEventsLost, this, [&](qint64 count) { lost += count; });
        QSignalSpy exact(&collector, &ConnectionSource::exactModeChanged);
        QSignalSpy polls(&collector, &ConnectionSource::snapshotReady);
        collector.start();
        QTRY_VERIFY(!exact.isEmpty());
        QVERIFY2(exact.constFirst().at(0).toBool(), qPrintable(exact.constFirst().at(1).toString()));
        QTRY_VERIFY(!polls.isEmpty());

        // Both ends of every connection made, as each end sees itself.
        QSet<End> ours;
        for (int i = 0; i < Connections; ++i) {
            const int family = i % 2;
            const bool clientFirst = (i / 2) % 2 == 0;
            auto client = Sockets::connectTo(addresses[family], ports[family]);
            QVERIFY(client);
            QVERIFY(Sockets::waitConnected(client.get(), 1s));
            auto server = Sockets::acceptOne(listeners[family].fd.get(), 1s);
            QVERIFY(server);
            const quint16 clientPort = Sockets::localPort(client.get());
            const quint8 af = family == 0 ? AF_INET : AF_INET6;
            ours.insert({af, clientPort, ports[family]});
            ours.insert({af, ports[family], clientPort});
            (clientFirst ? client : server).reset();
            // The other end closes at once, or after the first FIN was answered.
            if (i % 3 != 0)
                QTest::qWait(i % 3 * 5);
            (clientFirst ? server : client).reset();
            QTest::qWait(50);
        }
        // Two more polls: every event is drained before a dump, and the second sees the last closes.
        for (int i = 0; i < 2; ++i) {
            const qsizetype seen = polls.size();
            collector.pollNow();
            QTRY_VERIFY(polls.size() > seen);
        }
        // A socket no poll saw is joined by its destroy notice, which sock_diag_broadcast_destroy()
        // sends from a workqueue: on a busy machine the last ones come after the last poll.
        const auto everyEndTracked = [&] {
            QSet<End> tracked;
            const auto note = [&](const TrackedConnection &connection) {
                tracked.insert({connection.last->family, connection.last->localPort, connection.last->remotePort});
            };
            tracker.forEachOpen(note);
            std::for_each(tracker.closed().cbegin(), tracker.closed().cend(), note);
            return tracked.contains(ours);
        };
        for (QDeadlineTimer deadline(10s); !everyEndTracked() && !deadline.hasExpired();)
            QTest::qWait(20);
        (*textTrace)->stop();

        // The kernel's account, split into socket lives; only the sockets this test made.
        QList<Change> traced;
        for (const auto &event : (*textTrace)->events()) {
            traced.append({event.timeNs, event.number(u"skaddr"_s), S(event.number(u"oldstate"_s)),
                S(event.number(u"newstate"_s)), quint8(event.number(u"family"_s)), quint16(event.number(u"sport"_s)),
                quint16(event.number(u"dport"_s))});
        }
        QList<KernelSocket> kernel = socketsOf(traced);
        matchDelivered(kernel, delivered);
        kernel.removeIf([&](const KernelSocket &socket) { return !ours.contains(socket.end); });
        QCOMPARE(kernel.size(), 2 * Connections);

        // Every tracked connection of those sockets, open or closed.
        QList<TrackedConnection> connections;
        const auto collect = [&](const TrackedConnection &connection) {
            if (ours.contains({connection.last->family, connection.last->localPort, connection.last->remotePort}))
                connections.append(connection);
        };
        tracker.forEachOpen(collect);
        std::for_each(tracker.closed().cbegin(), tracker.closed().cend(), collect);

        Comparison comparison(std::move(kernel), delivered, connections, lost);
        const QString failures = comparison.failures();
        qInfo("%d connections: %lld traced transitions, %lld delivered by perf, %lld reported lost, %lld tracked "
              "connections, %lld tracepoint events set aside (another namespace's)",
            Connections, qlonglong(traced.size()), qlonglong(delivered.size()), qlonglong(lost),
            qlonglong(connections.size()), qlonglong(tracker.exactEventsSetAside()));
        QVERIFY2(failures.isEmpty(), qPrintable(failures));

        // And the events said so: `tcplens watch --json` readers rebuild each path from them alone.
        const QHash<quint64, QString> replayed = Test::SyntheticKernel::replayedPaths(told);
        for (const TrackedConnection &connection : std::as_const(connections)) {
            QVERIFY2(replayed.value(connection.id) == Test::SyntheticKernel::pathText(connection),
                qPrintable(u"connection %1: the events tell %2, the tracker holds %3"_s.arg(connection.id)
                        .arg(replayed.value(connection.id), Test::SyntheticKernel::pathText(connection))));
        }
    }
};

TCPLENS_TRACEFS_NETNS_TEST_MAIN(TestExactChurn)

#include "tst_exactchurn.moc"
