// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "exacteventjoiner.h"

#include "tracking/tcpstatemachine.h"

#include <algorithm>
#include <utility>

namespace TcpLens {

namespace {

// Where a socket's life begins: connect() enters SYN_SENT before it binds a port (tcp_v4_connect()),
// listen() enters LISTEN (inet_csk_listen_start()), and a listener's child is cloned in SYN_RECV when
// the handshake's last ACK arrives (inet_csk_clone_lock() -> inet_sk_set_state()).
bool isBirth(const StateChangeEvent &change)
{
    return (change.oldState == TcpState::Close &&
               (change.newState == TcpState::SynSent || change.newState == TcpState::Listen)) ||
        (change.oldState == TcpState::Listen && change.newState == TcpState::SynRecv);
}

// A request socket (NEW_SYN_RECV) a poll saw is the handshake that the tracepoint reports as the
// child's SYN_RECV: request sockets never pass through inet_sk_state_store(), so they fire no event.
bool sameState(TcpState recorded, TcpState reported)
{
    return recorded == reported || (recorded == TcpState::NewSynRecv && reported == TcpState::SynRecv);
}

bool contains(const ConnectionPath &path, TcpState state)
{
    return std::any_of(path.cbegin(), path.cend(), [state](const ConnectionStep &step) { return step.state == state; });
}

// A dump stamped before an event may still have seen its result: steps it recorded are no earlier.
void settleAfter(ConnectionPath &path, qsizetype from, qint64 timeNs)
{
    for (qsizetype i = from; i < path.size(); ++i) {
        path[i].enteredNs = std::max(path[i].enteredNs, timeNs);
        path[i].notBeforeNs = std::max(path[i].notBeforeNs, timeNs);
    }
}

// Tells the listeners how `after` differs from the path they were told, `before`: the steps they
// keep, those the kernel's account confirmed, and the steps that now follow.
void reportRevision(
    quint64 id, const ConnectionPath &before, const ConnectionPath &after, qint64 timeNs, ConnectionEvents &events)
{
    // The start counts as changed when only its knowledge does, for no Confirmed event can say that.
    qsizetype kept = 0;
    while (kept < before.size() && kept < after.size() && before[kept].state == after[kept].state &&
        (kept > 0 || before[0].knowledge == after[0].knowledge))
        ++kept;
    if (kept < before.size()) {
        ConnectionEvent revised{ConnectionEvent::Kind::Revised, id, TcpState::Unknown, TcpState::Unknown, timeNs};
        revised.kept = quint32(kept);
        if (kept == 0) {
            revised.to = after[0].state;
            revised.knowledge = after[0].knowledge;
        }
        events.append(revised);
    }
    for (qsizetype i = 1; i < kept; ++i) {
        if (after[i].knowledge == StepKnowledge::Exact && before[i].knowledge != StepKnowledge::Exact) {
            events.append({ConnectionEvent::Kind::Confirmed, id, after[i - 1].state, after[i].state, after[i].enteredNs,
                StepKnowledge::Exact});
        }
    }
    for (qsizetype i = std::max<qsizetype>(kept, 1); i < after.size(); ++i) {
        events.append({ConnectionEvent::Kind::Transition, id, after[i - 1].state, after[i].state, after[i].enteredNs,
            after[i].knowledge});
    }
}

} // namespace

void ExactEventJoiner::apply(Connections &connections, const QList<StateChangeEvent> &changes, ConnectionEvents &events)
{
    for (const StateChangeEvent &change : changes) {
        const bool birth = isBirth(change);
        quint64 lifeId = m_lifeAt.value(change.socketAddress, 0);
        // A socket keeps its endpoints for life (tcp_disconnect() clears them only after its CLOSE
        // event): other endpoints at this address are another socket whose birth event was lost.
        const bool otherSocket = lifeId != 0 && change.localPort != 0 && m_lives.at(lifeId).endpoints &&
            *m_lives.at(lifeId).endpoints != SocketEndpoints::of(change);
        if (lifeId == 0 || birth || otherSocket) {
            // A new socket, maybe in a freed socket's memory (the slab hands it out again at once,
            // to any namespace's socket): the skaddr's old life is over.
            if (lifeId != 0)
                retire(lifeId);
            lifeId = m_nextLife++;
            Life fresh;
            fresh.socketAddress = change.socketAddress;
            fresh.generation = m_generation;
            fresh.bornNs = birth ? change.timeNs : 0;
            fresh.bornPassive = birth && change.oldState == TcpState::Listen;
            m_lives.emplace(lifeId, std::move(fresh));
            m_lifeAt.insert(change.socketAddress, lifeId);
        }
        Life &life = m_lives.at(lifeId);
        if (change.localPort != 0 && !life.endpoints)
            life.endpoints = SocketEndpoints::of(change);
        if (life.connectionId == 0 && life.endpoints)
            life.connectionId = bind(connections, life, lifeId, events);
        if (life.connectionId == 0) {
            life.pending.append(change);
            if (life.endpoints)
                m_unboundByEndpoints.insert(*life.endpoints, lifeId);
            continue;
        }
        const quint64 id = life.connectionId;
        QList<StateChangeEvent> steps = std::exchange(life.pending, {});
        steps.append(change);
        for (const StateChangeEvent &step : std::as_const(steps)) {
            TrackedConnection *connection = connections.openConnection(id);
            if (!connection) {
                ++m_setAside; // it closed already
                continue;
            }
            applyStep(connections, *connection, step, events);
        }
    }
}

quint64 ExactEventJoiner::bind(Connections &connections, Life &life, quint64 lifeId, ConnectionEvents &events)
{
    const quint64 candidate = connections.openConnectionAt(*life.endpoints);
    if (candidate == 0 || m_eventsSetAside.contains(candidate))
        return 0; // none, or one whose socket's events came and went: this is a later socket
    TrackedConnection *connection = connections.openConnection(candidate);
    // A request socket a poll saw becomes the child born when the handshake's last ACK comes
    // (tcp_check_req() -> inet_csk_clone_lock()): the same connection, born after the poll.
    const bool childOfRequest = life.bornPassive && connection->last->hasFlag(IsRequest);
    if (m_lifeOfConnection.contains(candidate) ||
        (life.bornNs != 0 && !childOfRequest && connection->openedNs + connections.longestDumpNs() < life.bornNs)) {
        if (life.bornNs == 0)
            return 0; // another socket of unknown age on these endpoints: another namespace's, held back
        // A socket born on the 4-tuple of a connection known before is a new socket, not that
        // connection's late event: no two sockets share a 4-tuple, so the old one is gone. Loopback
        // reuses a TIME-WAIT 4-tuple after a second (tcp_tw_reuse = 2, tcp_twsk_unique()), and a SYN
        // takes over a server's timewait socket (tcp_timewait_state_process() says TCP_TW_SYN). A
        // snapshot is stamped when its dump starts, and the dump may meet a socket born while it ran.
        connections.closeConnection(candidate, life.bornNs, StepKnowledge::Inferred, events);
        return 0;
    }
    if (m_unboundByEndpoints.value(*life.endpoints) == lifeId)
        m_unboundByEndpoints.remove(*life.endpoints);
    m_lifeOfConnection.insert(candidate, lifeId);
    if (life.bornNs != 0)
        connection->passive = life.bornPassive; // the kernel saw how it began
    return candidate;
}

quint64 ExactEventJoiner::adopt(Connections &connections, const SocketRecord &socket, ConnectionEvents &events)
{
    const auto unbound = m_unboundByEndpoints.constFind(SocketEndpoints::of(socket));
    if (unbound == m_unboundByEndpoints.cend())
        return 0;
    const quint64 lifeId = *unbound;
    m_unboundByEndpoints.erase(unbound);
    const auto it = m_lives.find(lifeId);
    if (it == m_lives.end() || it->second.connectionId != 0 || it->second.pending.isEmpty())
        return 0;
    Life &life = it->second;
    // Opened where the kernel says it started (CLOSE for connect(), LISTEN for an accepted child).
    const StateChangeEvent &first = life.pending.constFirst();
    const quint64 id = connections.openAt(socket, first.oldState, first.timeNs, events).id;
    life.connectionId = id;
    m_lifeOfConnection.insert(id, lifeId);
    for (const StateChangeEvent &change : std::exchange(life.pending, {})) {
        TrackedConnection *connection = connections.openConnection(id);
        if (!connection) {
            ++m_setAside; // the tracepoint closed it
            continue;
        }
        applyStep(connections, *connection, change, events);
    }
    return id;
}

void ExactEventJoiner::applyStep(
    Connections &connections, TrackedConnection &connection, const StateChangeEvent &change, ConnectionEvents &events)
{
    ConnectionPath &path = connection.path;
    // What the listeners were told so far, to tell them what the kernel's account changes.
    ConnectionPath told = path;
    // A step the path holds already (the event was delivered after a poll saw its result): now exact.
    for (qsizetype i = path.size() - 1; i >= 1; --i) {
        if (!sameState(path[i].state, change.newState) || !sameState(path[i - 1].state, change.oldState))
            continue;
        path[i - 1].state = change.oldState; // the kernel's name for the handshake wins
        if (i == 1 && isBirth(change)) // and it says where the socket began
            path[0] = {change.oldState, change.timeNs, change.timeNs, StepKnowledge::Exact};
        path[i] = {change.newState, change.timeNs, change.timeNs, StepKnowledge::Exact};
        settleAfter(path, i + 1, change.timeNs);
        reportRevision(connection.id, told, path, change.timeNs, events);
        return;
    }

    // Where the event continues the path: the latest step in its old state with nothing exact after
    // it, for the kernel's account of one socket is one chain.
    qsizetype at = -1;
    for (qsizetype i = path.size() - 1; i >= 0; --i) {
        if (sameState(path[i].state, change.oldState)) {
            at = i;
            break;
        }
        if (path[i].knowledge == StepKnowledge::Exact)
            break;
    }
    const bool anyExact = std::any_of(
        path.cbegin(), path.cend(), [](const ConnectionStep &step) { return step.knowledge == StepKnowledge::Exact; });
    if (at < 0 && isBirth(change) && !anyExact) {
        // A poll showed the socket before its first events came: the start it guessed gives way to the
        // kernel's (a client is not a server because a poll first saw it in FIN_WAIT1). A first poll
        // guesses no start; what it saw stays.
        const ConnectionStep start{change.oldState, change.timeNs, change.timeNs, StepKnowledge::Exact};
        if (path[0].knowledge == StepKnowledge::Inferred)
            path[0] = start;
        else
            path.prepend(start);
        connection.passive = change.oldState == TcpState::Listen;
        at = 0;
    }
    if (at < 0) {
        // Events before this one were lost (PERF_RECORD_LOST, or never written): the steps between
        // are inferred, unless they would go back to a state the path has left.
        const QList<TcpState> route = TcpStateMachine::shortestPath(connection.state(), change.oldState);
        bool fits = route.size() >= 2;
        for (qsizetype r = 1; fits && r < route.size(); ++r)
            fits = !contains(path, route[r]);
        if (!fits) {
            ++m_setAside; // contradicts what the kernel said of this socket before
            return;
        }
        connections.moveTo(connection, change.oldState, change.timeNs, StepKnowledge::Inferred, events);
        told = path;
        at = path.size() - 1;
    }
    path[at].state = change.oldState; // a request socket a poll saw is the child's SYN_RECV
    if (change.newState == TcpState::Close) {
        end(connections, connection, at, told, change, events);
        return;
    }

    // The new state follows step `at`. Steps inferred after it were guesses the kernel's account now
    // replaces. A polled step stays where the new state can still lead to it: the dump that saw it
    // ran after this event (inet_diag_dump_icsk() walks the hash while sockets change state, and the
    // snapshot bears the time the dump began); any other contradicts the kernel and goes.
    qsizetype kept = path.size();
    QList<TcpState> route;
    for (qsizetype k = at + 1; k < path.size(); ++k) {
        if (path[k].knowledge == StepKnowledge::Inferred)
            continue;
        route = TcpStateMachine::shortestPath(change.newState, path[k].state);
        if (!route.isEmpty()) {
            kept = k;
            break;
        }
    }
    const bool reachedPolled = kept < path.size() && route.size() == 1; // the poll saw this very state
    ConnectionPath rebuilt;
    for (qsizetype i = 0; i <= at; ++i)
        rebuilt.append(path[i]);
    rebuilt.append({change.newState, change.timeNs, change.timeNs, StepKnowledge::Exact});
    if (kept < path.size()) {
        const qint64 seenNs = std::max(path[kept].enteredNs, change.timeNs);
        for (qsizetype r = 1; r + 1 < route.size(); ++r)
            rebuilt.append({route[r], seenNs, change.timeNs, StepKnowledge::Inferred});
        for (qsizetype i = reachedPolled ? kept + 1 : kept; i < path.size(); ++i)
            rebuilt.append(path[i]);
        settleAfter(rebuilt, at + 2, change.timeNs);
    }
    reportRevision(connection.id, told, rebuilt, change.timeNs, events);
    path = std::move(rebuilt);
}

void ExactEventJoiner::end(Connections &connections, TrackedConnection &connection, qsizetype at,
    const ConnectionPath &told, const StateChangeEvent &change, ConnectionEvents &events)
{
    ConnectionPath &path = connection.path;
    // A connection takes one notice (__sk_free() sends one per socket). If its notice came before
    // this event, the next notice on these endpoints is a later socket's, which endedAt() must not
    // give away: the later socket's events may even have come here, when its predecessor's notice
    // was late (sock_diag_broadcast_destroy() queues it to a workqueue).
    if (!connection.noticed)
        m_endedByEndpoints.insert(SocketEndpoints::of(change), {connection.id, m_generation});
    for (qsizetype k = at + 1; k < path.size(); ++k) {
        if (path[k].state == TcpState::TimeWait && path[k].knowledge == StepKnowledge::Polled) {
            reportRevision(connection.id, told, path, change.timeNs, events);
            return; // a poll saw the timewait socket that took over already
        }
    }
    path.resize(at + 1); // what a poll saw after this end contradicts the kernel
    reportRevision(connection.id, told, path, change.timeNs, events);
    if (change.oldState == TcpState::FinWait2 || change.oldState == TcpState::Closing) {
        // tcp_time_wait(): the full socket closes and a timewait socket, which fires no event, takes
        // over (in FIN_WAIT2 still, for an orphan whose peer has yet to send FIN). The next poll shows
        // it, or the connection ended here.
        m_handoverAt.insert(connection.id, change.timeNs);
        return;
    }
    // Any other way to CLOSE is the socket's end: tcp_done() after the last ACK (LAST_ACK), a reset
    // or a timeout (tcp_reset(), tcp_write_timeout()), or close() of a listener or a half-open socket.
    connections.closeConnection(connection.id, change.timeNs, StepKnowledge::Exact, events);
}

std::optional<qint64> ExactEventJoiner::handoverAt(quint64 connectionId) const
{
    if (const auto it = m_handoverAt.constFind(connectionId); it != m_handoverAt.cend())
        return *it;
    return std::nullopt;
}

quint64 ExactEventJoiner::endedAt(const SocketEndpoints &endpoints)
{
    const auto it = m_endedByEndpoints.constFind(endpoints);
    if (it == m_endedByEndpoints.cend())
        return 0;
    const quint64 id = it->connectionId;
    m_endedByEndpoints.erase(it); // one notice per socket
    return id;
}

void ExactEventJoiner::noticeTaken(const SocketEndpoints &endpoints, quint64 connectionId)
{
    if (const auto it = m_endedByEndpoints.constFind(endpoints);
        it != m_endedByEndpoints.cend() && it->connectionId == connectionId)
        m_endedByEndpoints.erase(it);
}

void ExactEventJoiner::openedByLateNotice(const SocketEndpoints &endpoints, quint64 connectionId)
{
    if (m_setAsideEnded.remove(endpoints))
        m_eventsSetAside.insert(connectionId);
}

void ExactEventJoiner::pollApplied(Connections &connections)
{
    m_handoverAt.clear();
    ++m_generation;
    QList<quint64> over;
    for (const auto &[lifeId, life] : m_lives) {
        if (life.connectionId == 0 ? life.generation + 3 < m_generation
                                   : !connections.openConnection(life.connectionId))
            over.append(lifeId);
    }
    for (const quint64 lifeId : std::as_const(over)) {
        // No poll or notice of the watched namespace confirmed it within three polls: another's, or
        // one whose notice is late.
        const Life &life = m_lives.at(lifeId);
        if (life.connectionId == 0 && life.endpoints && !life.pending.isEmpty() &&
            life.pending.constLast().newState == TcpState::Close)
            m_setAsideEnded.insert(*life.endpoints, m_generation);
        m_setAside += life.pending.size();
        erase(lifeId);
    }
    // Notices were seen 0.85 s late under load; a few seconds of polls cover that many times over.
    constexpr quint64 LateNoticePolls = 25;
    for (auto it = m_setAsideEnded.begin(); it != m_setAsideEnded.end();)
        it = *it + LateNoticePolls < m_generation ? m_setAsideEnded.erase(it) : std::next(it);
    // A destroy notice follows the socket's end within moments (sk_destruct()).
    for (auto it = m_endedByEndpoints.begin(); it != m_endedByEndpoints.end();)
        it = it->generation + 2 < m_generation ? m_endedByEndpoints.erase(it) : std::next(it);
}

void ExactEventJoiner::connectionClosed(quint64 connectionId)
{
    m_lifeOfConnection.remove(connectionId);
    m_handoverAt.remove(connectionId);
    m_eventsSetAside.remove(connectionId);
}

void ExactEventJoiner::retire(quint64 lifeId)
{
    const Life &life = m_lives.at(lifeId);
    m_lifeAt.remove(life.socketAddress);
    // Bound, its connection may live on as a timewait socket; unbound with endpoints, a poll or a
    // notice may still show it (another socket took its memory before they came).
    if (life.connectionId == 0 && !(life.endpoints && m_unboundByEndpoints.value(*life.endpoints) == lifeId)) {
        m_setAside += life.pending.size(); // connect() that never got a port, or another's
        erase(lifeId);
    }
}

void ExactEventJoiner::erase(quint64 lifeId)
{
    const auto it = m_lives.find(lifeId);
    if (it == m_lives.end())
        return;
    const Life &life = it->second;
    if (m_lifeAt.value(life.socketAddress) == lifeId)
        m_lifeAt.remove(life.socketAddress);
    if (life.connectionId != 0 && m_lifeOfConnection.value(life.connectionId) == lifeId)
        m_lifeOfConnection.remove(life.connectionId);
    if (life.endpoints && m_unboundByEndpoints.value(*life.endpoints) == lifeId)
        m_unboundByEndpoints.remove(*life.endpoints);
    m_lives.erase(it);
}

} // namespace TcpLens
