// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontracker.h"

#include "tracking/tcpstatemachine.h"

#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
// How long after a close a destroy notice with unknown cookie may still be that connection's.
constexpr qint64 RecentlyClosedNs = 200'000'000;
} // namespace

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
    m_idByEndpoints.insert(endpointsOf(socket), stored.id);
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
    if (m_idByEndpoints.value(endpoints) == connection.id)
        m_idByEndpoints.remove(endpoints);
    m_destroyedAt.remove(connection.cookie);
    m_exactCloseAt.remove(connection.id);
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
    m_closedIdByCookie.insert(connection.cookie, connection.id);
    // Only a request socket whose child the tracepoint followed: the child's cookie, which its destroy
    // notice will carry, was never seen. Others are matched by cookie alone (ports are reused fast).
    if (knowledge == StepKnowledge::Exact && connection.last.hasFlag(IsRequest))
        m_recentlyClosedByEndpoints.insert(endpointsOf(connection.last), {connection.id, nowNs});
    m_closed.push_back(std::move(connection));
    if (qsizetype(m_closed.size()) > m_settings.maxClosed) {
        m_closedIdByCookie.remove(m_closed.front().cookie);
        m_closed.pop_front();
    }
}

void ConnectionTracker::purgeClosed(qint64 nowNs)
{
    for (auto it = m_recentlyClosedByEndpoints.begin(); it != m_recentlyClosedByEndpoints.end();)
        it = nowNs - it->second >= RecentlyClosedNs ? m_recentlyClosedByEndpoints.erase(it) : std::next(it);
    while (!m_closed.empty() && nowNs - m_closed.front().closedNs > m_settings.closedRetentionNs) {
        m_closedIdByCookie.remove(m_closed.front().cookie);
        m_closed.pop_front();
    }
}

ConnectionEvents ConnectionTracker::applySnapshot(const SocketSnapshot &snapshot)
{
    ConnectionEvents events;
    const qint64 now = snapshot.monotonicNs();
    const auto &sockets = snapshot.sockets();
    ++m_generation;
    m_longestDumpNs = std::max(m_longestDumpNs, snapshot.statistics().durationNs);
    m_listenerPorts.clear();
    for (const auto &listener : snapshot.listeners())
        m_listenerPorts.insert(sockets[std::size_t(listener.socketIndex)].localPort);

    for (const auto &socket : sockets) {
        TrackedConnection *connection = m_byCookie.value(socket.cookie, nullptr);
        if (socket.state == TcpState::Close) {
            // A full socket on its way out (tcp_done() ran, the hash still holds it for a moment): it
            // says nothing new. The timewait socket that may replace it, or its absence, will.
            if (connection)
                m_slots[connection->slot].seenGeneration = m_generation;
            continue;
        }
        if (!connection && socket.hasFlag(IsTimeWaitSocket)) {
            // inet_twsk_alloc() copies the full socket's cookie only if one was made already; a socket
            // no dump saw before it closed gets a cookie of its own. Its endpoints say whose it is.
            if (const quint64 id = m_idByEndpoints.value(endpointsOf(socket), 0)) {
                connection = &m_open.at(id);
                m_byCookie.remove(connection->cookie);
                connection->cookie = socket.cookie;
                m_byCookie.insert(socket.cookie, connection);
            }
        }
        if (connection) {
            if (connection->last.localPort != socket.localPort || connection->last.remotePort != socket.remotePort ||
                endpointsOf(connection->last) != endpointsOf(socket)) {
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
                TrackedConnection &child = m_open.at(*request);
                m_requestByEndpoints.erase(request);
                m_byCookie.remove(child.cookie);
                child.cookie = socket.cookie;
                m_slots[child.slot].seenGeneration = m_generation;
                m_byCookie.insert(socket.cookie, &child);
                moveTo(child, socket.state, now, StepKnowledge::Polled, events);
                sample(child, socket, now);
                continue;
            }
        }
        if (adoptExact(socket, now, events)) {
            TrackedConnection *adopted = m_byCookie.value(socket.cookie, nullptr);
            if (!adopted)
                continue; // the tracepoint already closed it
            m_slots[adopted->slot].seenGeneration = m_generation;
            if (adopted->state() != socket.state)
                moveTo(*adopted, socket.state, now, StepKnowledge::Polled, events);
            sample(*adopted, socket, now);
            continue;
        }
        const bool passive = socket.hasFlag(IsRequest) ||
            (socket.state != TcpState::Listen && socket.state != TcpState::SynSent &&
                m_listenerPorts.contains(socket.localPort));
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
        if (const auto exact = m_exactCloseAt.constFind(id); exact != m_exactCloseAt.cend())
            close(id, *exact, StepKnowledge::Exact, events); // the tracepoint said when
        else if (const auto destroyed = m_destroyedAt.constFind(cookie); destroyed != m_destroyedAt.cend())
            close(id, *destroyed, StepKnowledge::Exact, events); // the kernel said when
        else
            close(id, now, StepKnowledge::Inferred, events);
    }
    m_destroyedAt.clear();
    m_exactCloseAt.clear();
    // Exact sockets no data of this namespace confirmed within three polls were another namespace's.
    for (auto it = m_exactSockets.begin(); it != m_exactSockets.end();) {
        const bool provisional = it->connectionId == 0;
        const bool stale = provisional ? it->bornGeneration + 3 < m_generation : !m_open.contains(it->connectionId);
        if (!stale) {
            ++it;
            continue;
        }
        if (provisional) {
            m_exactSetAside += it->pending.size();
            if (it->endpoints && m_provisionalByEndpoints.value(*it->endpoints) == it.key())
                m_provisionalByEndpoints.remove(*it->endpoints);
        }
        it = m_exactSockets.erase(it);
    }
    m_lastPollNs = now;
    purgeClosed(now);
    return events;
}

ConnectionEvents ConnectionTracker::applyDestroyed(const DestroyedSockets &destroyed)
{
    ConnectionEvents events;
    const auto updateClosed = [&](quint64 closedId, const SocketRecord &socket) {
        for (auto it = m_closed.rbegin(); it != m_closed.rend(); ++it) {
            if (it->id == closedId) {
                it->last.info = socket.info;
                sample(*it, it->last, destroyed.monotonicNs);
                return;
            }
        }
    };
    for (const auto &socket : destroyed.sockets) {
        TrackedConnection *known = m_byCookie.value(socket.cookie, nullptr);
        if (!known) {
            // Closed already (the tracepoint said so first): the notice brings the final figures.
            if (const quint64 closedId = m_closedIdByCookie.value(socket.cookie, 0)) {
                updateClosed(closedId, socket);
                continue;
            }
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
        // Exact events that waited for this socket: they belong to the newest connection on these
        // endpoints, so they go before an older, closed one (ports are reused within a second).
        if (!known && adoptExact(socket, destroyed.monotonicNs, events)) {
            if (TrackedConnection *adopted = m_byCookie.value(socket.cookie, nullptr)) {
                adopted->last.info = socket.info;
                sample(*adopted, adopted->last, destroyed.monotonicNs);
                m_destroyedAt.insert(socket.cookie, destroyed.monotonicNs);
            }
            continue;
        }
        if (!known) {
            // A request the tracepoint followed into its child closed a moment ago: this is that child.
            // An aborted socket's notice has lost its peer's port (tcp_disconnect()): such endpoints
            // name nothing, and the next socket on that port would look the same.
            const bool complete = socket.remotePort != 0 && !socket.localIsUnspecified();
            if (const auto recent = m_recentlyClosedByEndpoints.constFind(endpointsOf(socket)); complete &&
                recent != m_recentlyClosedByEndpoints.cend() &&
                destroyed.monotonicNs - recent->second < RecentlyClosedNs) {
                updateClosed(recent->first, socket);
                m_recentlyClosedByEndpoints.erase(recent); // one child per request
                continue;
            }
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

bool ConnectionTracker::adoptExact(const SocketRecord &socket, qint64 nowNs, ConnectionEvents &events)
{
    Q_UNUSED(nowNs)
    const auto provisional = m_provisionalByEndpoints.constFind(endpointsOf(socket));
    if (provisional == m_provisionalByEndpoints.cend())
        return false;
    const quint64 skaddr = *provisional;
    m_provisionalByEndpoints.erase(provisional);
    ExactSocket &entry = m_exactSockets[skaddr];
    if (entry.pending.isEmpty())
        return false;
    // Opened where the kernel says it started (CLOSE for connect(), LISTEN for an accepted child).
    const StateChangeEvent &first = entry.pending.constFirst();
    SocketRecord start = socket;
    start.state = first.oldState;
    start.info = {};
    const qsizetype firstEvent = events.size();
    TrackedConnection &connection = open(start, first.oldState == TcpState::Listen, first.timeNs, events);
    // The kernel said where it started: no inferred prefix.
    connection.path = {{first.oldState, first.timeNs, first.timeNs, StepKnowledge::Exact}};
    events.resize(firstEvent + 1);
    events.last().to = first.oldState;
    events.last().knowledge = StepKnowledge::Exact;
    entry.connectionId = connection.id;
    const quint64 id = connection.id;
    const QList<StateChangeEvent> pending = std::exchange(entry.pending, {});
    for (const auto &change : pending) {
        const auto it = m_open.find(id);
        if (it == m_open.end())
            break; // the tracepoint closed it
        applyExactStep(it->second, change, events);
    }
    return true;
}

void ConnectionTracker::applyExactStep(
    TrackedConnection &connection, const StateChangeEvent &change, ConnectionEvents &events)
{
    // A step a poll already recorded (the event was delivered late): make it exact. A request socket
    // a poll saw is the handshake the tracepoint reports as the child's SYN_RECV: the kernel's name wins.
    const auto same = [](TcpState recorded, TcpState reported) {
        return recorded == reported || (recorded == TcpState::NewSynRecv && reported == TcpState::SynRecv);
    };
    for (qsizetype i = connection.path.size() - 1; i >= 1; --i) {
        if (same(connection.path[i].state, change.newState) && same(connection.path[i - 1].state, change.oldState)) {
            ConnectionStep &step = connection.path[i];
            if (step.knowledge != StepKnowledge::Exact) {
                events.append({ConnectionEvent::Kind::Confirmed, connection.id, connection.path[i - 1].state,
                    change.newState, change.timeNs, StepKnowledge::Exact});
            }
            step.state = change.newState;
            step.knowledge = StepKnowledge::Exact;
            step.enteredNs = step.notBeforeNs = change.timeNs;
            return;
        }
    }
    const TcpState current = connection.state();
    // A request socket's child: the tracepoint knows it as SYN_RECV from LISTEN, we as the request.
    const bool requestChild = current == TcpState::NewSynRecv &&
        (change.oldState == TcpState::SynRecv ||
            (change.oldState == TcpState::Listen && change.newState == TcpState::SynRecv));
    if (requestChild && change.newState == TcpState::SynRecv)
        return;
    if (current != change.oldState && !requestChild) {
        // Events were lost or came out of order: the path in between is only inferred.
        ++m_exactSetAside;
        moveTo(connection, change.oldState, change.timeNs, StepKnowledge::Inferred, events);
    }
    if (change.newState == TcpState::Close) {
        if (change.oldState == TcpState::FinWait1 || change.oldState == TcpState::FinWait2 ||
            change.oldState == TcpState::Closing) {
            // tcp_time_wait(): the full socket closes and a timewait socket, which fires no event,
            // takes over. The next poll shows TIME_WAIT, or the connection is gone at this time.
            m_exactCloseAt.insert(connection.id, change.timeNs);
            return;
        }
        close(connection.id, change.timeNs, StepKnowledge::Exact, events);
        return;
    }
    moveTo(connection, change.newState, change.timeNs, StepKnowledge::Exact, events);
}

ConnectionEvents ConnectionTracker::applyExact(const QList<StateChangeEvent> &changes)
{
    ConnectionEvents events;
    for (const auto &change : changes) {
        ExactSocket &entry = m_exactSockets[change.socketAddress];
        // A new socket at an address the kernel reused: what we knew of the old one is over.
        const bool birth = (change.oldState == TcpState::Close &&
                               (change.newState == TcpState::SynSent || change.newState == TcpState::Listen)) ||
            (change.oldState == TcpState::Listen && change.newState == TcpState::SynRecv);
        if (birth) {
            if (entry.endpoints && m_provisionalByEndpoints.value(*entry.endpoints) == change.socketAddress)
                m_provisionalByEndpoints.remove(*entry.endpoints);
            entry = ExactSocket{};
            entry.bornGeneration = m_generation;
        }
        // connect() binds the port after the SYN_SENT event (its sport is 0): wait for one that names it.
        if (change.localPort != 0 && !entry.endpoints)
            entry.endpoints = endpointsOf(change);
        if (entry.connectionId == 0 && entry.endpoints) {
            entry.connectionId = m_idByEndpoints.value(*entry.endpoints, 0);
            if (entry.connectionId != 0 && birth && bornAfterAPollSawIt(entry.connectionId, change.timeNs, events))
                entry.connectionId = 0;
        }
        if (entry.connectionId == 0) {
            entry.pending.append(change);
            if (entry.endpoints)
                m_provisionalByEndpoints.insert(*entry.endpoints, change.socketAddress);
            continue;
        }
        const quint64 id = entry.connectionId;
        const QList<StateChangeEvent> pending = std::exchange(entry.pending, {});
        for (const auto &earlier : pending + QList<StateChangeEvent>{change}) {
            const auto it = m_open.find(id);
            if (it == m_open.end()) {
                ++m_exactSetAside; // it closed already
                break;
            }
            applyExactStep(it->second, earlier, events);
        }
    }
    return events;
}

bool ConnectionTracker::bornAfterAPollSawIt(quint64 connectionId, qint64 bornNs, ConnectionEvents &events)
{
    // A socket born on the 4-tuple of a connection a poll saw earlier is not that connection's late
    // event but a new socket: the old one is gone, for no two sockets share a 4-tuple. Loopback
    // reuses a TIME-WAIT 4-tuple after a second (tcp_tw_reuse = 2, tcp_twsk_unique()). Without this
    // the new socket's LISTEN -> SYN_RECV would be read as the old connection going back to LISTEN.
    const auto it = m_open.find(connectionId);
    if (it == m_open.end())
        return false;
    qint64 firstPolledNs = 0;
    for (const ConnectionStep &step : it->second.path) {
        if (step.knowledge == StepKnowledge::Polled) {
            firstPolledNs = step.enteredNs;
            break;
        }
    }
    // A snapshot is stamped when its dump starts; the dump may still meet a socket born while it ran.
    if (firstPolledNs == 0 || firstPolledNs + m_longestDumpNs >= bornNs)
        return false; // the poll came after the birth: this is the same socket's early event
    ++m_exactSetAside;
    close(connectionId, bornNs, StepKnowledge::Inferred, events);
    return true;
}

ConnectionTracker::Endpoints ConnectionTracker::endpointsOf(const StateChangeEvent &change)
{
    return Endpoints{change.family, change.localAddress, change.remoteAddress, change.localPort, change.remotePort};
}

} // namespace TcpLens
