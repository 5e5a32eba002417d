// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontracker.h"

#include "tracking/tcpstatemachine.h"

#include <utility>

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

ConnectionTracker::ConnectionTracker()
    : ConnectionTracker(Settings{})
{
}

ConnectionTracker::ConnectionTracker(Settings settings)
    : m_settings(settings)
{
}

class ConnectionTracker::JoinerAccess final : public ExactEventJoiner::Connections
{
public:
    explicit JoinerAccess(ConnectionTracker &tracker)
        : m_tracker(tracker)
    {
    }
    TrackedConnection *openConnection(quint64 id) override { return m_tracker.findOpen(id); }
    quint64 openConnectionAt(const SocketEndpoints &endpoints) const override
    {
        const quint32 slot = m_tracker.slotByEndpoints(endpoints);
        return slot == SlotTable::None ? 0 : m_tracker.at(slot).id;
    }
    TrackedConnection &openAt(
        const SocketRecord &socket, TcpState first, qint64 timeNs, ConnectionEvents &events) override
    {
        SocketRecord start = socket;
        start.state = first;
        start.info = {};
        const qsizetype firstEvent = events.size();
        // A listener's child if the kernel saw it cloned; otherwise as its endpoints say.
        const bool passive = first == TcpState::Listen || m_tracker.isPassive(start);
        TrackedConnection &connection = m_tracker.open(SharedSocketRecord::copyOf(start), passive, timeNs, events);
        // The kernel said where it started: no inferred prefix.
        connection.path = {{first, timeNs, timeNs, StepKnowledge::Exact}};
        events.resize(firstEvent + 1);
        events.last().to = first;
        events.last().knowledge = StepKnowledge::Exact;
        return connection;
    }
    void moveTo(TrackedConnection &connection, TcpState state, qint64 timeNs, StepKnowledge knowledge,
        ConnectionEvents &events) override
    {
        m_tracker.moveTo(connection, state, timeNs, knowledge, events);
    }
    void closeConnection(quint64 id, qint64 timeNs, StepKnowledge knowledge, ConnectionEvents &events) override
    {
        m_tracker.close(
            id, timeNs, knowledge, events, knowledge == StepKnowledge::Exact ? Ending::AsReported : Ending::Likeliest);
    }
    qint64 longestDumpNs() const override { return m_tracker.m_longestDumpNs; }

private:
    ConnectionTracker &m_tracker;
};

quint32 ConnectionTracker::slotById(quint64 id) const
{
    return m_slotById.find(SlotTable::mix(id), [this, id](quint32 slot) { return at(slot).id == id; });
}

quint32 ConnectionTracker::slotByCookie(quint64 cookie) const
{
    return m_slotByCookie.find(
        SlotTable::mix(cookie), [this, cookie](quint32 slot) { return at(slot).cookie == cookie; });
}

quint32 ConnectionTracker::slotByEndpoints(const SocketEndpoints &endpoints) const
{
    return m_slotByEndpoints.find(SlotTable::mix(qHash(endpoints)),
        [this, &endpoints](quint32 slot) { return SocketEndpoints::of(*at(slot).last) == endpoints; });
}

void ConnectionTracker::indexCookie(quint32 slot)
{
    const quint64 cookie = at(slot).cookie;
    m_slotByCookie.insert(
        SlotTable::mix(cookie), slot, [this, cookie](quint32 other) { return at(other).cookie == cookie; });
}

void ConnectionTracker::indexEndpoints(quint32 slot)
{
    const SocketEndpoints endpoints = SocketEndpoints::of(*at(slot).last);
    m_slotByEndpoints.insert(SlotTable::mix(qHash(endpoints)), slot,
        [this, &endpoints](quint32 other) { return SocketEndpoints::of(*at(other).last) == endpoints; });
}

quint32 ConnectionTracker::allocateSlot()
{
    if (!m_freeSlots.empty()) {
        const quint32 slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        return slot;
    }
    const auto slot = quint32(m_seenGeneration.size());
    if ((slot >> ChunkBits) == m_chunks.size())
        m_chunks.push_back(std::make_unique<TrackedConnection[]>(ChunkMask + 1));
    m_seenGeneration.push_back(FreeSlot);
    return slot;
}

void ConnectionTracker::prefetch(quint64 cookie) const
{
    const quint32 slot = m_slotByCookie.guess(SlotTable::mix(cookie));
    if (slot == SlotTable::None)
        return;
    const auto *bytes = reinterpret_cast<const char *>(&at(slot));
    // Written too: the record is replaced and the seen mark set.
    for (std::size_t offset = 0; offset < sizeof(TrackedConnection); offset += 64)
        __builtin_prefetch(bytes + offset, 1);
    __builtin_prefetch(&m_seenGeneration[slot], 1);
}

TrackedConnection *ConnectionTracker::findOpen(quint64 id)
{
    const quint32 slot = slotById(id);
    return slot == SlotTable::None ? nullptr : &at(slot);
}

const TrackedConnection *ConnectionTracker::find(quint64 id) const
{
    if (const quint32 slot = slotById(id); slot != SlotTable::None)
        return &at(slot);
    for (const auto &connection : m_closed) {
        if (connection.id == id)
            return &connection;
    }
    return nullptr;
}

TrackedConnection *ConnectionTracker::findAny(quint64 id)
{
    if (TrackedConnection *open = findOpen(id))
        return open;
    // The newest last: a late notice is for a connection closed a moment ago.
    for (auto it = m_closed.rbegin(); it != m_closed.rend(); ++it) {
        if (it->id == id)
            return &*it;
    }
    return nullptr;
}

const TrackedConnection *ConnectionTracker::findByCookie(quint64 cookie) const
{
    const quint32 slot = slotByCookie(cookie);
    return slot == SlotTable::None ? nullptr : &at(slot);
}

void ConnectionTracker::forEachOpen(const std::function<void(const TrackedConnection &)> &visit) const
{
    for (std::size_t slot = 0; slot < m_seenGeneration.size(); ++slot) {
        if (m_seenGeneration[slot] != FreeSlot)
            visit(at(quint32(slot)));
    }
}

bool ConnectionTracker::isPassive(const SocketRecord &socket) const
{
    // A request socket is a listener's by definition; a full socket on a listening port was accepted,
    // unless it is the listener itself or a client that bound the same port (SO_REUSEPORT aside,
    // only a connect()ing socket can: it is in SYN_SENT).
    return socket.hasFlag(IsRequest) ||
        (socket.state != TcpState::Listen && socket.state != TcpState::SynSent &&
            m_listenerPorts.contains(socket.localPort));
}

void ConnectionTracker::rekey(TrackedConnection &connection, quint64 cookie)
{
    m_slotByCookie.remove(SlotTable::mix(connection.cookie), connection.slot); // if it holds the old one
    connection.cookie = cookie;
    indexCookie(connection.slot);
}

void ConnectionTracker::takeFinalFigures(TrackedConnection &connection, const SocketRecord &socket, qint64 nowNs)
{
    SocketRecord final = *connection.last;
    final.info = socket.info;
    sample(connection, SharedSocketRecord::copyOf(final), nowNs);
}

void ConnectionTracker::sample(TrackedConnection &connection, SharedSocketRecord record, qint64 nowNs)
{
    const SocketRecord &socket = *record;
    const bool hasFigures = socket.info.isPresent() && socket.state != TcpState::Listen;
    const ConnectionSample next = ConnectionSample::of(nowNs, socket);
    // The first sample is still told by `last`: before `last` changes its figures, write it down.
    if (connection.moved.isEmpty() && connection.firstSampleNs != 0) {
        const ConnectionSample first = ConnectionSample::of(connection.firstSampleNs, *connection.last);
        if (!hasFigures || !first.sameFigures(next))
            connection.moved.append(first, m_settings.maxSamples);
    }
    connection.last = std::move(record);
    if (!hasFigures)
        return;
    if (connection.moved.isEmpty()) {
        if (connection.firstSampleNs == 0)
            connection.firstSampleNs = nowNs;
        return; // nothing moved: an idle connection costs no memory
    }
    if (connection.moved.list().constLast().sameFigures(next))
        return;
    connection.moved.append(next, m_settings.maxSamples);
}

TrackedConnection &ConnectionTracker::open(
    const SharedSocketRecord &record, bool passive, qint64 nowNs, ConnectionEvents &events)
{
    const SocketRecord &socket = *record;
    const quint32 slot = allocateSlot();
    TrackedConnection &connection = at(slot);
    connection = TrackedConnection{};
    connection.slot = slot;
    connection.id = m_nextId++;
    connection.cookie = socket.cookie;
    connection.passive = passive;
    connection.openedNs = nowNs;
    connection.seenFromStart = m_lastPollNs != 0;
    const TcpState state = socket.state;
    // Where this connection must have started: a listener's SYN (server side), or connect().
    const TcpState start = passive && state != TcpState::Listen ? TcpState::Listen : TcpState::Close;
    if (connection.seenFromStart)
        connection.path.append({start, nowNs, m_lastPollNs, StepKnowledge::Inferred});
    sample(connection, record, nowNs);
    m_seenGeneration[slot] = m_generation;
    ++m_openCount;
    // Ids are never reused: no slot holds this one yet.
    m_slotById.insert(SlotTable::mix(connection.id), slot, [](quint32) { return false; });
    indexCookie(slot);
    indexEndpoints(slot);
    TrackedConnection &stored = connection;
    if (socket.hasFlag(IsRequest))
        m_requestByEndpoints.insert(SocketEndpoints::of(socket), stored.id);
    events.append({ConnectionEvent::Kind::Opened, stored.id, TcpState::Unknown,
        stored.path.isEmpty() ? state : stored.path.constFirst().state, nowNs,
        stored.path.isEmpty() ? StepKnowledge::Polled : StepKnowledge::Inferred});
    if (stored.path.isEmpty()) {
        stored.path.append({state, nowNs, nowNs, StepKnowledge::Polled});
        return stored;
    }
    // connect() enters SYN_SENT before anything else (tcp_v4_connect()): a client first seen later
    // went through it, never through LISTEN.
    if (start == TcpState::Close && state != TcpState::Listen && state != TcpState::SynSent)
        moveTo(stored, TcpState::SynSent, nowNs, StepKnowledge::Inferred, events);
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
    // Each table loses the entry only if this connection is the one it holds.
    m_slotByCookie.remove(SlotTable::mix(connection.cookie), connection.slot);
    const SocketEndpoints endpoints = SocketEndpoints::of(*connection.last);
    if (m_requestByEndpoints.value(endpoints) == connection.id)
        m_requestByEndpoints.remove(endpoints);
    m_slotByEndpoints.remove(SlotTable::mix(qHash(endpoints)), connection.slot);
    m_destroyedAt.remove(connection.cookie);
    m_exact.connectionClosed(connection.id);
}

void ConnectionTracker::close(
    quint64 id, qint64 nowNs, StepKnowledge knowledge, ConnectionEvents &events, Ending ending)
{
    const quint32 slot = slotById(id);
    if (slot == SlotTable::None)
        return;
    forget(at(slot));
    m_slotById.remove(SlotTable::mix(id), slot);
    TrackedConnection connection = std::exchange(at(slot), TrackedConnection{});
    m_seenGeneration[slot] = FreeSlot;
    m_freeSlots.push_back(slot);
    --m_openCount;
    const TcpState last = connection.state();
    // A handshake that never completed ran out of retries, was refused, or was reset. (Had it
    // completed and closed since, the half-open path would still be the likelier story.)
    if (ending == Ending::AsReported || last == TcpState::SynSent || last == TcpState::NewSynRecv) {
        const qint64 notBefore = knowledge == StepKnowledge::Exact ? nowNs : (m_lastPollNs ? m_lastPollNs : nowNs);
        connection.path.append({TcpState::Close, nowNs, notBefore, knowledge});
        events.append({ConnectionEvent::Kind::Transition, connection.id, last, TcpState::Close, nowNs, knowledge});
    } else {
        // A socket that vanished without a poll seeing TIME_WAIT did not pass through it: its
        // timewait socket would have kept the 4-tuple for 60 s.
        moveTo(connection, TcpState::Close, nowNs, knowledge, events, TcpState::TimeWait);
    }
    connection.closedNs = nowNs;
    connection.last.detach(); // kept after its snapshot is gone
    events.append(
        {ConnectionEvent::Kind::Closed, connection.id, connection.state(), TcpState::Close, nowNs, knowledge});
    m_closedIdByCookie.insert(connection.cookie, connection.id);
    m_closed.push_back(std::move(connection));
    if (qsizetype(m_closed.size()) > m_settings.maxClosed)
        dropOldestClosed(nowNs);
}

namespace {
// How long a closed connection's cookie is remembered for its destroy notice, kept or not.
constexpr qint64 LateNoticeNs = 5'000'000'000;
} // namespace

void ConnectionTracker::dropOldestClosed(qint64 nowNs)
{
    const TrackedConnection &oldest = m_closed.front();
    if (nowNs - oldest.closedNs < LateNoticeNs)
        m_droppedCookies.emplace_back(oldest.closedNs, oldest.cookie); // its notice may be on its way
    else
        m_closedIdByCookie.remove(oldest.cookie);
    m_closed.pop_front();
}

void ConnectionTracker::purgeClosed(qint64 nowNs)
{
    while (!m_closed.empty() && nowNs - m_closed.front().closedNs > m_settings.closedRetentionNs)
        dropOldestClosed(nowNs);
    while (!m_droppedCookies.empty() && nowNs - m_droppedCookies.front().first >= LateNoticeNs) {
        m_closedIdByCookie.remove(m_droppedCookies.front().second);
        m_droppedCookies.pop_front();
    }
}

ConnectionEvents ConnectionTracker::applySnapshot(const SocketSnapshot &snapshot)
{
    ConnectionEvents events;
    JoinerAccess joiner(*this);
    const qint64 now = snapshot.monotonicNs();
    const auto &sockets = snapshot.sockets();
    if (++m_generation == FreeSlot) // never the free mark
        m_generation = 0;
    m_longestDumpNs = std::max(m_longestDumpNs, snapshot.statistics().durationNs);
    m_listenerPorts.clear();
    for (const auto &listener : snapshot.listeners())
        m_listenerPorts.insert(sockets[std::size_t(listener.socketIndex)].localPort);

    // Sized for the snapshot once, not grown by doubling on the way.
    const auto expected = qsizetype(sockets.size());
    m_slotByCookie.reserve(expected);
    m_slotById.reserve(expected);
    m_slotByEndpoints.reserve(expected);

    // How far ahead to prefetch: enough sockets to cover a miss to memory, few enough that the
    // lines are still in cache when their turn comes.
    constexpr std::size_t TableAhead = 16;
    constexpr std::size_t SlotAhead = 8;
    for (std::size_t index = 0; index < sockets.size(); ++index) {
        if (index + TableAhead < sockets.size())
            m_slotByCookie.prefetch(SlotTable::mix(sockets[index + TableAhead].cookie));
        if (index + SlotAhead < sockets.size())
            prefetch(sockets[index + SlotAhead].cookie);
        const SocketRecord &socket = sockets[index];
        const quint32 found = slotByCookie(socket.cookie);
        TrackedConnection *connection = found == SlotTable::None ? nullptr : &at(found);
        if (socket.state == TcpState::Close) {
            // A full socket on its way out (tcp_done() ran, the hash still holds it for a moment): it
            // says nothing new. The timewait socket that may replace it, or its absence, will.
            if (connection) {
                markSeen(*connection);
                connection->last.detach(); // its record stays, its snapshot goes
            }
            continue;
        }
        if (!connection && socket.hasFlag(IsTimeWaitSocket)) {
            // inet_twsk_alloc() copies the full socket's cookie only if one was made already; a socket
            // no dump saw before it closed gets a cookie of its own. Its endpoints say whose it is,
            // unless that connection has its timewait socket already: then this is a later socket's,
            // which took the 4-tuple over (tcp_twsk_unique(), or a SYN in tcp_timewait_state_process()).
            if (const quint32 slot = slotByEndpoints(SocketEndpoints::of(socket));
                slot != SlotTable::None && !at(slot).last->hasFlag(IsTimeWaitSocket)) {
                connection = &at(slot);
                rekey(*connection, socket.cookie);
            }
        }
        if (connection) {
            if (SocketEndpoints::of(*connection->last) != SocketEndpoints::of(socket)) {
                // The same cookie on other endpoints: a new socket, whatever the number says.
                close(connection->id, now, StepKnowledge::Inferred, events, Ending::Likeliest);
                open(snapshot.sharedRecord(index), isPassive(socket), now, events);
                continue;
            }
            markSeen(*connection);
            if (connection->last->state != socket.state) {
                m_destroyedAt.remove(socket.cookie); // the full socket died, its timewait socket lives on
                moveTo(*connection, socket.state, now, StepKnowledge::Polled, events);
            }
            sample(*connection, snapshot.sharedRecord(index), now);
            continue;
        }
        if (!socket.hasFlag(IsRequest) && !m_requestByEndpoints.isEmpty()) {
            // A child accepted from a request socket: the same connection under a new cookie.
            if (const auto request = m_requestByEndpoints.constFind(SocketEndpoints::of(socket));
                request != m_requestByEndpoints.cend()) {
                TrackedConnection &child = *findOpen(*request);
                m_requestByEndpoints.erase(request);
                rekey(child, socket.cookie);
                markSeen(child);
                moveTo(child, socket.state, now, StepKnowledge::Polled, events);
                sample(child, snapshot.sharedRecord(index), now);
                continue;
            }
        }
        if (const quint64 id = m_exact.adopt(joiner, socket, events)) {
            TrackedConnection *adopted = findOpen(id);
            if (!adopted)
                continue; // the tracepoint closed it already
            markSeen(*adopted);
            moveTo(*adopted, socket.state, now, StepKnowledge::Polled, events);
            sample(*adopted, snapshot.sharedRecord(index), now);
            continue;
        }
        open(snapshot.sharedRecord(index), isPassive(socket), now, events);
    }

    // Connections whose socket is gone. A request socket whose child we just joined is not among them.
    QList<quint32> gone;
    for (std::size_t slot = 0; slot < m_seenGeneration.size(); ++slot) {
        if (m_seenGeneration[slot] != FreeSlot && m_seenGeneration[slot] != m_generation)
            gone.append(quint32(slot));
    }
    for (const quint32 slot : std::as_const(gone)) {
        const quint64 id = at(slot).id;
        const quint64 cookie = at(slot).cookie;
        if (const auto handover = m_exact.handoverAt(id))
            close(id, *handover, StepKnowledge::Exact, events, Ending::AsReported); // no timewait socket came
        else if (const auto destroyed = m_destroyedAt.constFind(cookie); destroyed != m_destroyedAt.cend())
            close(id, *destroyed, StepKnowledge::Exact, events, Ending::Likeliest); // the kernel said when
        else
            close(id, now, StepKnowledge::Inferred, events, Ending::Likeliest);
    }
    m_destroyedAt.clear();
    m_exact.pollApplied(joiner);
    m_lastPollNs = now;
    purgeClosed(now);
    return events;
}

ConnectionEvents ConnectionTracker::applyDestroyed(const DestroyedSockets &destroyed)
{
    ConnectionEvents events;
    JoinerAccess joiner(*this);
    const qint64 now = destroyed.monotonicNs;
    for (const auto &socket : destroyed.sockets) {
        const quint64 owner = applyNotice(joiner, socket, now, events);
        if (owner == 0)
            continue;
        // Its end, if the tracepoint reported it, is accounted for: a later socket on the same
        // 4-tuple must not take it, nor this notice's end if the tracepoint reports it after.
        m_exact.noticeTaken(SocketEndpoints::of(socket), owner);
        if (TrackedConnection *connection = findOpen(owner))
            connection->noticed = true;
    }
    return events;
}

quint64 ConnectionTracker::applyNotice(
    ExactEventJoiner::Connections &joiner, const SocketRecord &socket, qint64 now, ConnectionEvents &events)
{
    if (const quint32 slot = slotByCookie(socket.cookie); slot != SlotTable::None) {
        TrackedConnection *known = &at(slot);
        takeFinalFigures(*known, socket, now);
        m_destroyedAt.insert(socket.cookie, now);
        return known->id;
    }
    // Closed already (the tracepoint said so first, or a poll found it gone): the notice brings the
    // final figures, or nothing when the connection is no longer kept.
    if (const quint64 closedId = m_closedIdByCookie.value(socket.cookie, 0)) {
        if (TrackedConnection *closed = findAny(closedId))
            takeFinalFigures(*closed, socket, now);
        return closedId;
    }
    // The child of a request socket a poll saw: the same connection, under the child's cookie.
    if (const auto request = m_requestByEndpoints.constFind(SocketEndpoints::of(socket));
        request != m_requestByEndpoints.cend()) {
        TrackedConnection &child = *findOpen(*request);
        m_requestByEndpoints.erase(request);
        rekey(child, socket.cookie);
        moveTo(child, TcpState::Established, now, StepKnowledge::Inferred, events);
        takeFinalFigures(child, socket, now);
        m_destroyedAt.insert(socket.cookie, now);
        return child.id;
    }
    // Exact events that waited for this socket: they belong to the newest connection on these
    // endpoints, so they go before an older, closed one (ports are reused within a second).
    if (const quint64 id = m_exact.adopt(joiner, socket, events)) {
        if (TrackedConnection *adopted = findAny(id))
            takeFinalFigures(*adopted, socket, now);
        if (findOpen(id))
            m_destroyedAt.insert(socket.cookie, now);
        return id;
    }
    // A full socket known under another cookie: a request's child whose end the tracepoint
    // reported, or a socket whose timewait socket (with a cookie of its own) the last poll showed
    // first. An aborted socket's notice has lost its peer's port (tcp_disconnect()): such endpoints
    // name nothing.
    if (socket.remotePort != 0 && !socket.localIsUnspecified()) {
        const SocketEndpoints endpoints = SocketEndpoints::of(socket);
        if (const quint64 id = m_exact.endedAt(endpoints)) {
            if (TrackedConnection *ended = findAny(id))
                takeFinalFigures(*ended, socket, now);
            return 0;
        }
        if (const quint32 slot = slotByEndpoints(endpoints); slot != SlotTable::None) {
            TrackedConnection &holder = at(slot);
            if (holder.last->hasFlag(IsTimeWaitSocket) && holder.path.constLast().enteredNs >= m_lastPollNs) {
                takeFinalFigures(holder, socket, now);
                return holder.id;
            }
        }
    }
    if (m_lastPollNs == 0)
        return 0; // before the first poll there is nothing to join it to
    // Born and destroyed between two polls. Its last tcp_info says how far it got; a listener's
    // child got to ESTABLISHED at least (inet_csk_clone_lock() runs at the handshake's end).
    SocketRecord seen = socket;
    seen.state = TcpState::Established;
    const bool passive = isPassive(seen);
    if (!passive && socket.info.bytesAcked == 0 && socket.info.bytesReceived == 0)
        seen.state = TcpState::SynSent;
    TrackedConnection &connection = open(SharedSocketRecord::copyOf(seen), passive, now, events);
    connection.path.last().knowledge = StepKnowledge::Inferred;
    if (socket.remotePort != 0 && !socket.localIsUnspecified())
        m_exact.openedByLateNotice(SocketEndpoints::of(socket), connection.id);
    events.last().knowledge = StepKnowledge::Inferred;
    m_destroyedAt.insert(socket.cookie, now);
    return connection.id;
}

ConnectionEvents ConnectionTracker::applyExact(const QList<StateChangeEvent> &changes)
{
    ConnectionEvents events;
    JoinerAccess joiner(*this);
    m_exact.apply(joiner, changes, events);
    return events;
}

} // namespace TcpLens
