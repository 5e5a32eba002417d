// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontracker.h"

#include "tracking/tcpstatemachine.h"

#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

QLatin1StringView knowledgeName(StepKnowledge knowledge)
{
    switch (knowledge) {
    case StepKnowledge::Polled:
        return "polled"_L1;
    case StepKnowledge::Inferred:
        return "inferred"_L1;
    case StepKnowledge::Exact:
        return "exact"_L1;
    }
    return "unknown"_L1;
}

size_t qHash(const ConnectionTracker::Endpoints &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.family, qHashBits(key.local.data(), key.local.size()),
        qHashBits(key.remote.data(), key.remote.size()), key.localPort, key.remotePort);
}

ConnectionTracker::ConnectionTracker()
    : ConnectionTracker(Settings{})
{
}

ConnectionTracker::ConnectionTracker(Settings settings)
    : m_settings(settings)
{
}

ConnectionTracker::Endpoints ConnectionTracker::endpointsOf(const SocketRecord &socket)
{
    return Endpoints{socket.family, socket.localAddress, socket.remoteAddress, socket.localPort, socket.remotePort};
}

const TrackedConnection *ConnectionTracker::find(quint64 id) const
{
    if (const auto it = m_open.find(id); it != m_open.end())
        return &it->second;
    for (const auto &connection : m_closed) {
        if (connection.id == id)
            return &connection;
    }
    return nullptr;
}

const TrackedConnection *ConnectionTracker::findByCookie(quint64 cookie) const
{
    return m_byCookie.value(cookie, nullptr);
}

void ConnectionTracker::forEachOpen(const std::function<void(const TrackedConnection &)> &visit) const
{
    for (const auto &[id, connection] : m_open)
        visit(connection);
}

void ConnectionTracker::sample(TrackedConnection &connection, const SocketRecord &socket, qint64 nowNs)
{
    connection.last = socket;
    if (!socket.info.isPresent() || socket.state == TcpState::Listen)
        return;
    const ConnectionSample next{
        nowNs, socket.info.rttUs, socket.info.congestionWindow, socket.info.bytesAcked, socket.info.bytesReceived};
    if (!connection.samples.isEmpty()) {
        const auto &previous = connection.samples.constLast();
        if (previous.rttUs == next.rttUs && previous.congestionWindow == next.congestionWindow &&
            previous.bytesAcked == next.bytesAcked && previous.bytesReceived == next.bytesReceived)
            return; // nothing moved: an idle connection costs no memory
    }
    if (connection.samples.size() >= m_settings.maxSamples)
        connection.samples.removeFirst();
    connection.samples.append(next);
}

TrackedConnection &ConnectionTracker::open(
    const SocketRecord &socket, bool passive, qint64 nowNs, ConnectionEvents &events)
{
    TrackedConnection connection;
    connection.id = m_nextId++;
    connection.cookie = socket.cookie;
    connection.passive = passive;
    connection.openedNs = nowNs;
    connection.seenFromStart = m_lastPollNs != 0;
    const TcpState state = socket.state;
    if (connection.seenFromStart) {
        // Where this connection must have started: a listener's SYN (server side) or connect().
        const TcpState start = state == TcpState::Listen ? TcpState::Close
            : passive                                    ? TcpState::Listen
                                                         : TcpState::Close;
        connection.path.append({start, nowNs, m_lastPollNs, StepKnowledge::Inferred});
    }
    sample(connection, socket, nowNs);
    if (m_freeSlots.empty()) {
        connection.slot = quint32(m_slots.size());
        m_slots.push_back({});
    } else {
        connection.slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    }
    m_slots[connection.slot] = {m_generation, connection.id};
    auto &stored = m_open.emplace(connection.id, std::move(connection)).first->second;
    m_byCookie.insert(socket.cookie, &stored);
    if (socket.hasFlag(IsRequest))
        m_requestByEndpoints.insert(endpointsOf(socket), connection.id);
    events.append({ConnectionEvent::Kind::Opened, stored.id, TcpState::Unknown,
        stored.path.isEmpty() ? state : stored.path.constFirst().state, nowNs,
        stored.path.isEmpty() ? StepKnowledge::Polled : StepKnowledge::Inferred});
    if (stored.path.isEmpty())
        stored.path.append({state, nowNs, nowNs, StepKnowledge::Polled});
    else
        moveTo(stored, state, nowNs, StepKnowledge::Polled, events);
    return stored;
}

void ConnectionTracker::moveTo(TrackedConnection &connection, TcpState state, qint64 nowNs, StepKnowledge knowledge,
    ConnectionEvents &events, TcpState avoid)
{
    const TcpState current = connection.state();
    if (current == state)
        return;
    QList<TcpState> path = TcpStateMachine::shortestPath(current, state);
    if (avoid != TcpState::Unknown && path.contains(avoid)) {
        // A detour the evidence rules out (a TIME_WAIT no poll saw): try without it.
        QList<TcpState> best;
        for (const auto &edge : TcpStateMachine::transitions()) {
            if (edge.from != current || edge.to == avoid)
                continue;
            auto rest = TcpStateMachine::shortestPath(edge.to, state);
            if (!rest.isEmpty() && !rest.contains(avoid) && (best.isEmpty() || rest.size() + 1 < best.size())) {
                rest.prepend(current);
                best = rest;
            }
        }
        if (!best.isEmpty())
            path = best;
    }
    if (path.size() < 2)
        path = {current, state}; // no legal path (a port reused under our eyes): record what was seen
    const qint64 notBefore = knowledge == StepKnowledge::Exact ? nowNs : (m_lastPollNs ? m_lastPollNs : nowNs);
    for (qsizetype i = 1; i < path.size(); ++i) {
        const bool last = i == path.size() - 1;
        const StepKnowledge how = last ? knowledge : StepKnowledge::Inferred;
        connection.path.append({path[i], nowNs, notBefore, how});
        events.append({ConnectionEvent::Kind::Transition, connection.id, path[i - 1], path[i], nowNs, how});
    }
}

void ConnectionTracker::forget(const TrackedConnection &connection)
{
    if (const auto *known = m_byCookie.value(connection.cookie, nullptr); known && known->id == connection.id)
        m_byCookie.remove(connection.cookie);
    const Endpoints endpoints = endpointsOf(connection.last);
    if (m_requestByEndpoints.value(endpoints) == connection.id)
        m_requestByEndpoints.remove(endpoints);
    m_destroyedAt.remove(connection.cookie);
}

void ConnectionTracker::close(quint64 id, qint64 nowNs, StepKnowledge knowledge, ConnectionEvents &events)
{
    auto it = m_open.find(id);
    if (it == m_open.end())
        return;
    forget(it->second);
    TrackedConnection connection = std::move(it->second);
    m_open.erase(it);
    m_slots[connection.slot] = {};
    m_freeSlots.push_back(connection.slot);
    const TcpState last = connection.state();
    if (last == TcpState::SynSent || last == TcpState::NewSynRecv) {
        // A handshake that never completed: it ran out of retries, was refused, or was reset. (Had it
        // completed and closed since, the half-open path would still be the likelier story.)
        connection.path.append({TcpState::Close, nowNs, m_lastPollNs ? m_lastPollNs : nowNs, knowledge});
        events.append({ConnectionEvent::Kind::Transition, connection.id, last, TcpState::Close, nowNs, knowledge});
    } else {
        // A socket that vanished without a poll seeing TIME_WAIT did not pass through it: its
        // timewait socket would have kept the cookie for 60 s.
        moveTo(connection, TcpState::Close, nowNs, knowledge, events, TcpState::TimeWait);
    }
    connection.closedNs = nowNs;
    events.append(
        {ConnectionEvent::Kind::Closed, connection.id, connection.state(), TcpState::Close, nowNs, knowledge});
    m_closed.push_back(std::move(connection));
    if (qsizetype(m_closed.size()) > m_settings.maxClosed)
        m_closed.pop_front();
}

void ConnectionTracker::purgeClosed(qint64 nowNs)
{
    while (!m_closed.empty() && nowNs - m_closed.front().closedNs > m_settings.closedRetentionNs)
        m_closed.pop_front();
}

ConnectionEvents ConnectionTracker::applySnapshot(const SocketSnapshot &snapshot)
{
    ConnectionEvents events;
    const qint64 now = snapshot.monotonicNs();
    const auto &sockets = snapshot.sockets();
    ++m_generation;
    m_listenerPorts.clear();
    for (const auto &listener : snapshot.listeners())
        m_listenerPorts.insert(sockets[std::size_t(listener.socketIndex)].localPort);

    for (const auto &socket : sockets) {
        if (TrackedConnection *connection = m_byCookie.value(socket.cookie, nullptr)) {
            if (connection->last.localPort != socket.localPort || connection->last.remotePort != socket.remotePort
                || endpointsOf(connection->last) != endpointsOf(socket)) {
                // The same cookie on other endpoints: a new socket, whatever the number says.
                close(connection->id, now, StepKnowledge::Inferred, events);
                open(socket, socket.hasFlag(IsRequest) || m_listenerPorts.contains(socket.localPort), now, events);
                continue;
            }
            m_slots[connection->slot].seenGeneration = m_generation;
            if (connection->last.state != socket.state) {
                m_destroyedAt.remove(socket.cookie); // the full socket died, its timewait socket lives on
                moveTo(*connection, socket.state, now, StepKnowledge::Polled, events);
            }
            sample(*connection, socket, now);
            continue;
        }
        if (!socket.hasFlag(IsRequest) && !m_requestByEndpoints.isEmpty()) {
            // A child accepted from a request socket: the same connection under a new cookie.
            if (const auto request = m_requestByEndpoints.constFind(endpointsOf(socket));
                request != m_requestByEndpoints.cend()) {
                TrackedConnection &connection = m_open.at(*request);
                m_requestByEndpoints.erase(request);
                m_byCookie.remove(connection.cookie);
                connection.cookie = socket.cookie;
                m_slots[connection.slot].seenGeneration = m_generation;
                m_byCookie.insert(socket.cookie, &connection);
                moveTo(connection, socket.state, now, StepKnowledge::Polled, events);
                sample(connection, socket, now);
                continue;
            }
        }
        const bool passive = socket.hasFlag(IsRequest)
            || (socket.state != TcpState::Listen && socket.state != TcpState::SynSent
                && m_listenerPorts.contains(socket.localPort));
        open(socket, passive, now, events);
    }

    // Connections whose socket is gone. A request socket whose child we just joined is not among them.
    QList<quint64> gone;
    for (const Slot &slot : m_slots) {
        if (slot.id != 0 && slot.seenGeneration != m_generation)
            gone.append(slot.id);
    }
    for (const quint64 id : std::as_const(gone)) {
        const quint64 cookie = m_open.at(id).cookie;
        if (const auto destroyed = m_destroyedAt.constFind(cookie); destroyed != m_destroyedAt.cend())
            close(id, *destroyed, StepKnowledge::Exact, events); // the kernel said when
        else
            close(id, now, StepKnowledge::Inferred, events);
    }
    m_destroyedAt.clear();
    m_lastPollNs = now;
    purgeClosed(now);
    return events;
}

ConnectionEvents ConnectionTracker::applyDestroyed(const DestroyedSockets &destroyed)
{
    ConnectionEvents events;
    for (const auto &socket : destroyed.sockets) {
        TrackedConnection *known = m_byCookie.value(socket.cookie, nullptr);
        if (!known) {
            // The child of a request socket a poll saw: the same connection, under the child's cookie.
            if (const auto request = m_requestByEndpoints.constFind(endpointsOf(socket));
                request != m_requestByEndpoints.cend()) {
                known = &m_open.at(*request);
                m_requestByEndpoints.erase(request);
                m_byCookie.remove(known->cookie);
                known->cookie = socket.cookie;
                m_byCookie.insert(socket.cookie, known);
                moveTo(*known, TcpState::Established, destroyed.monotonicNs, StepKnowledge::Inferred, events);
            }
        }
        if (!known) {
            if (m_lastPollNs == 0)
                continue; // before the first poll there is nothing to join it to
            // Born and destroyed between two polls. Its last tcp_info says how far it got.
            SocketRecord seen = socket;
            seen.state =
                socket.info.bytesAcked > 0 || socket.info.bytesReceived > 0 ? TcpState::Established : TcpState::SynSent;
            TrackedConnection &connection =
                open(seen, m_listenerPorts.contains(socket.localPort), destroyed.monotonicNs, events);
            connection.path.last().knowledge = StepKnowledge::Inferred;
            events.last().knowledge = StepKnowledge::Inferred;
            m_destroyedAt.insert(socket.cookie, destroyed.monotonicNs);
            continue;
        }
        known->last.info = socket.info; // the final figures
        sample(*known, known->last, destroyed.monotonicNs);
        m_destroyedAt.insert(socket.cookie, destroyed.monotonicNs);
    }
    return events;
}

} // namespace TcpLens
