// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "tracking/connectionevent.h"
#include "tracking/exacteventjoiner.h"
#include "tracking/slottable.h"
#include "tracking/socketendpoints.h"
#include "tracking/statechangeevent.h"
#include "tracking/trackedconnection.h"

#include <QHash>
#include <QSet>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace TcpLens {

// Follows connections across snapshots and destroy notices and tells what happened to each: opened,
// moved from one state to another (with the states a poll skipped filled in from the state machine
// and marked inferred), closed. Identity is the socket cookie; a request socket and its child, which
// have different cookies, are joined by their 4-tuple. Closed connections are kept for a while, up
// to a count, so memory stays bounded however many connections come and go. In exact mode the
// ExactEventJoiner writes the tracepoint's events into the paths.
class ConnectionTracker
{
public:
    struct Settings
    {
        qint64 closedRetentionNs = 120'000'000'000; // how long closed connections stay
        qsizetype maxClosed = 5000; // and how many at most
        qsizetype maxSamples = 600; // tcp_info samples kept per connection
    };

    ConnectionTracker();
    explicit ConnectionTracker(Settings settings);

    // New limits apply from the next snapshot on (the closed list shrinks then).
    void setSettings(const Settings &settings) { m_settings = settings; }
    const Settings &settings() const { return m_settings; }

    ConnectionEvents applySnapshot(const SocketSnapshot &snapshot);
    // Destroy notices: connections that closed, some before any poll saw them. A full socket that
    // becomes TIME_WAIT is destroyed too (the timewait socket takes its cookie), so a notice closes a
    // connection only when the next snapshot does not show the cookie again.
    ConnectionEvents applyDestroyed(const DestroyedSockets &destroyed);

    // Exact mode: state changes from the tracepoint sock:inet_sock_set_state, in time order. They
    // mark the steps they prove as exact, also those a poll recorded before they came. The tracepoint
    // is global (every namespace) and names no namespace, so a socket the snapshots and destroy
    // notices of the watched namespace never show is held back, and forgotten after a few polls: those
    // events belonged to another namespace (ExactEventJoiner).
    ConnectionEvents applyExact(const QList<StateChangeEvent> &changes);
    // How many tracepoint events could not be applied: another namespace's, or for a connection that
    // had closed, or contradicting the socket's earlier events.
    qint64 exactEventsSetAside() const { return m_exact.setAside(); }

    const TrackedConnection *find(quint64 id) const;
    const TrackedConnection *findByCookie(quint64 cookie) const;
    qsizetype openCount() const { return m_openCount; }
    const std::deque<TrackedConnection> &closed() const { return m_closed; }
    void forEachOpen(const std::function<void(const TrackedConnection &)> &visit) const;

private:
    // The joiner's view of this tracker (ExactEventJoiner::Connections), made for each call.
    class JoinerAccess;

    // How a connection's last step is known: as the kernel reported it (one step from the state it
    // was in), or only that its socket is gone (the likeliest legal path).
    enum class Ending : quint8 { AsReported, Likeliest };
    TrackedConnection &open(const SharedSocketRecord &record, bool passive, qint64 nowNs, ConnectionEvents &events);
    // Along the state machine's shortest legal path; the steps before the last are inferred.
    void moveTo(TrackedConnection &connection, TcpState state, qint64 nowNs, StepKnowledge knowledge,
        ConnectionEvents &events, TcpState avoid = TcpState::Unknown);
    void close(quint64 id, qint64 nowNs, StepKnowledge knowledge, ConnectionEvents &events, Ending ending);
    // The same connection under another socket's cookie: a request's child, or a timewait socket.
    void rekey(TrackedConnection &connection, quint64 cookie);
    // A destroy notice's tcp_info: the socket's last figures.
    void takeFinalFigures(TrackedConnection &connection, const SocketRecord &socket, qint64 nowNs);
    // Accepted from a listener (the server side), as opposed to connect().
    bool isPassive(const SocketRecord &socket) const;
    TrackedConnection *findOpen(quint64 id);
    TrackedConnection *findAny(quint64 id);
    // One destroy notice; returns the connection it belongs to (0 if none).
    quint64 applyNotice(
        ExactEventJoiner::Connections &joiner, const SocketRecord &socket, qint64 now, ConnectionEvents &events);
    void markSeen(const TrackedConnection &connection) { m_seenGeneration[connection.slot] = m_generation; }
    void sample(TrackedConnection &connection, SharedSocketRecord record, qint64 nowNs);
    void forget(const TrackedConnection &connection);
    void purgeClosed(qint64 nowNs);

    // The slot numbers of open connections, by what identifies them. The tables keep no key: a slot
    // holds a key if the connection in it has that id, cookie or pair of endpoints.
    quint32 slotById(quint64 id) const;
    quint32 slotByCookie(quint64 cookie) const;
    quint32 slotByEndpoints(const SocketEndpoints &endpoints) const;
    // Makes slot `slot` the holder of its connection's cookie and endpoints, in place of another's.
    void indexCookie(quint32 slot);
    void indexEndpoints(quint32 slot);
    quint32 allocateSlot();
    // Asks the memory for a connection a few sockets ahead of the one in hand: a million open
    // connections do not fit any cache, and a lookup that waits for each one in turn is what made
    // the cost per socket grow with their number (docs/benchmarks.md).
    void prefetch(quint64 cookie) const;
    TrackedConnection &at(quint32 slot) { return m_chunks[slot >> ChunkBits][slot & ChunkMask]; }
    const TrackedConnection &at(quint32 slot) const { return m_chunks[slot >> ChunkBits][slot & ChunkMask]; }

    Settings m_settings;
    qint64 m_longestDumpNs = 0; // how long a dump may run after its snapshot's time stamp
    // Open connections, in chunks of slots: no heap block per connection, and a connection does not
    // move while others open (the joiner holds one across calls). A closed connection's slot is
    // reused by the next to open.
    static constexpr quint32 ChunkBits = 12;
    static constexpr quint32 ChunkMask = (1u << ChunkBits) - 1;
    std::vector<std::unique_ptr<TrackedConnection[]>> m_chunks;
    // Per slot, the last applySnapshot() that saw its connection, or FreeSlot. Finding the
    // connections a snapshot did not show walks 4 bytes per slot instead of every connection.
    // 32 bits: a poll a second wraps it after 136 years.
    static constexpr quint32 FreeSlot = ~quint32(0);
    std::vector<quint32> m_seenGeneration;
    std::vector<quint32> m_freeSlots;
    qsizetype m_openCount = 0;
    SlotTable m_slotById;
    SlotTable m_slotByCookie;
    SlotTable m_slotByEndpoints; // open connections
    QHash<SocketEndpoints, quint64> m_requestByEndpoints; // open request sockets, for the child to join
    QHash<quint64, qint64> m_destroyedAt; // cookie -> when its destroy notice came, until the next poll
    std::deque<TrackedConnection> m_closed;
    QHash<quint64, quint64> m_closedIdByCookie; // closed connections still kept, for late destroy notices
    // Closed connections dropped from m_closed (its cap) while their destroy notice may still come:
    // (closedNs, cookie), oldest first. The notice is queued to a workqueue
    // (sock_diag_broadcast_destroy()) and was seen 1.5 s late under load; a notice for a cookie
    // nobody remembers opens a new connection, which would count this one twice.
    std::deque<std::pair<qint64, quint64>> m_droppedCookies;
    void dropOldestClosed(qint64 nowNs);
    ExactEventJoiner m_exact;
    QSet<quint16> m_listenerPorts; // of the last snapshot: a socket on one of them was accepted
    qint64 m_lastPollNs = 0;
    quint32 m_generation = 0; // counts applySnapshot() calls, to find who was not seen
    quint64 m_nextId = 1;
};

} // namespace TcpLens
