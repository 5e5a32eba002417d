// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "synthetickernel.h"

#include "collect/listenerqueuebuilder.h"

#include <sys/socket.h>

#include <algorithm>

namespace TcpLens::Test::SyntheticKernel {

using namespace Qt::StringLiterals;

namespace {

std::array<quint8, 16> loopback(quint8 family)
{
    std::array<quint8, 16> address{};
    if (family == AF_INET6)
        address[15] = 1;
    else
        address = {127, 0, 0, 1};
    return address;
}

// Script times count from here: a tracker takes time 0 for "no poll yet".
constexpr qint64 Origin = 1'000'000'000;

qint64 scriptNs(double ms)
{
    return Origin + qint64(ms * double(Millisecond));
}

} // namespace

SocketRecord socket(quint64 cookie, TcpState state, quint16 localPort, quint16 remotePort, quint8 flags, quint8 family)
{
    SocketRecord record;
    record.cookie = cookie;
    record.family = family;
    record.state = state;
    record.localAddress = loopback(family);
    record.remoteAddress = state == TcpState::Listen ? std::array<quint8, 16>{} : loopback(family);
    record.localPort = localPort;
    record.remotePort = state == TcpState::Listen ? 0 : remotePort;
    record.flags = flags;
    return record;
}

SocketSnapshot snapshotAt(qint64 timeNs, std::vector<SocketRecord> sockets, qint64 dumpNs)
{
    static quint64 generation = 0;
    SocketSnapshot::Data data;
    data.generation = ++generation;
    data.monotonicNs = timeNs;
    data.statistics.durationNs = dumpNs;
    data.listeners = buildListenerQueues(sockets);
    data.sockets = std::move(sockets);
    return SocketSnapshot(std::move(data));
}

DestroyedSockets destroyedAt(qint64 timeNs, QList<SocketRecord> sockets)
{
    DestroyedSockets destroyed;
    destroyed.monotonicNs = timeNs;
    destroyed.sockets = std::move(sockets);
    return destroyed;
}

StateChangeEvent stateChange(qint64 timeNs, quint64 socketAddress, TcpState from, TcpState to, quint16 localPort,
    quint16 remotePort, quint8 family)
{
    StateChangeEvent change;
    change.timeNs = timeNs;
    change.socketAddress = socketAddress;
    change.oldState = from;
    change.newState = to;
    change.family = family;
    change.localPort = localPort;
    change.remotePort = remotePort;
    change.localAddress = loopback(family);
    change.remoteAddress = loopback(family);
    return change;
}

QString pathText(const TrackedConnection &connection)
{
    QStringList steps;
    for (const ConnectionStep &step : connection.path) {
        const char how = step.knowledge == StepKnowledge::Exact ? 'e'
            : step.knowledge == StepKnowledge::Polled           ? 'p'
                                                                : 'i';
        steps.append(u"%1(%2)"_s.arg(stateName(step.state)).arg(QLatin1Char(how)));
    }
    return steps.join(u" > "_s);
}

Input poll(double ms, std::vector<SocketRecord> sockets, double dumpMs)
{
    Input input;
    input.kind = Input::Kind::Poll;
    input.snapshot = snapshotAt(scriptNs(ms), std::move(sockets), qint64(dumpMs * double(Millisecond)));
    return input;
}

Input notices(double ms, QList<SocketRecord> sockets)
{
    Input input;
    input.kind = Input::Kind::Notices;
    input.destroyed = destroyedAt(scriptNs(ms), std::move(sockets));
    return input;
}

Input events(QList<StateChangeEvent> changes)
{
    Input input;
    input.kind = Input::Kind::Events;
    input.changes = std::move(changes);
    return input;
}

StateChangeEvent traced(
    double ms, quint64 socketAddress, TcpState from, TcpState to, quint16 localPort, quint16 remotePort, quint8 family)
{
    return stateChange(scriptNs(ms), socketAddress, from, to, localPort, remotePort, family);
}

ConnectionEvents run(ConnectionTracker &tracker, const Script &script)
{
    ConnectionEvents told;
    for (const Input &input : script) {
        switch (input.kind) {
        case Input::Kind::Poll:
            told += tracker.applySnapshot(input.snapshot);
            break;
        case Input::Kind::Notices:
            told += tracker.applyDestroyed(input.destroyed);
            break;
        case Input::Kind::Events:
            told += tracker.applyExact(input.changes);
            break;
        }
    }
    return told;
}

namespace {
bool sameState(TcpState recorded, TcpState reported)
{
    return recorded == reported || (recorded == TcpState::NewSynRecv && reported == TcpState::SynRecv);
}
} // namespace

QHash<quint64, QString> replayedPaths(const ConnectionEvents &events)
{
    QHash<quint64, ConnectionPath> paths;
    for (const ConnectionEvent &event : events) {
        ConnectionPath &path = paths[event.connectionId];
        const ConnectionStep step{event.to, event.timeNs, event.timeNs, event.knowledge};
        switch (event.kind) {
        case ConnectionEvent::Kind::Opened:
            path = {step};
            break;
        case ConnectionEvent::Kind::Transition:
            path.append(step);
            break;
        case ConnectionEvent::Kind::Confirmed:
            for (qsizetype k = path.size() - 1; k >= 1; --k) {
                if (path[k].knowledge != StepKnowledge::Exact && sameState(path[k].state, event.to) &&
                    sameState(path[k - 1].state, event.from)) {
                    path[k - 1].state = event.from;
                    path[k] = step;
                    break;
                }
            }
            break;
        case ConnectionEvent::Kind::Revised:
            path.resize(event.kept);
            if (event.kept == 0)
                path = {step};
            break;
        case ConnectionEvent::Kind::Closed:
            break;
        }
    }
    QHash<quint64, QString> texts;
    for (auto it = paths.cbegin(); it != paths.cend(); ++it) {
        TrackedConnection connection;
        connection.path = it.value();
        texts.insert(it.key(), pathText(connection));
    }
    return texts;
}

QStringList connectionPaths(const ConnectionTracker &tracker)
{
    QList<const TrackedConnection *> connections;
    tracker.forEachOpen([&](const TrackedConnection &connection) { connections.append(&connection); });
    for (const TrackedConnection &connection : tracker.closed())
        connections.append(&connection);
    std::sort(connections.begin(), connections.end(),
        [](const TrackedConnection *a, const TrackedConnection *b) { return a->id < b->id; });
    QStringList paths;
    for (const TrackedConnection *connection : std::as_const(connections)) {
        if (connection->last->remotePort != 0)
            paths.append(u"%1>%2: %3"_s.arg(connection->last->localPort)
                    .arg(connection->last->remotePort)
                    .arg(pathText(*connection)));
    }
    return paths;
}

} // namespace TcpLens::Test::SyntheticKernel
