// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/destroyedsockets.h"
#include "model/socketsnapshot.h"
#include "tracking/connectionevent.h"
#include "tracking/statechangeevent.h"
#include "tracking/trackedconnection.h"

#include <QHash>
#include <QSet>

#include <deque>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace TcpLens {

// Follows connections across snapshots and destroy notices and tells what happened to each: opened,
// moved from one state to another (with the states a poll skipped filled in from the state machine
// and marked inferred), closed. Identity is the socket cookie; a request socket and its child, which
// have different cookies, are joined by their 4-tuple. Closed connections are kept for a while, up
// to a count, so memory stays bounded however many connections come and go.
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
    // mark the steps they prove as exact. The tracepoint is global (every namespace) and names no
    // namespace, so a socket the snapshots and destroy notices of the watched namespace never show is
    // held back, and forgotten after a few polls: those events belonged to another namespace.
    ConnectionEvents applyExact(const QList<StateChangeEvent> &changes);
    // How many tracepoint events could not be applied (another namespace's, or overtaken by a poll).
    qint64 exactEventsSetAside() const { return m_exactSetAside; }

    const TrackedConnection *find(quint64 id) const;
    const TrackedConnection *findByCookie(quint64 cookie) const;
    qsizetype openCount() const { return qsizetype(m_open.size()); }
    const std::deque<TrackedConnection> &closed() const { return m_closed; }
    void forEachOpen(const std::function<void(const TrackedConnection &)> &visit) const;

private:
    struct Endpoints
    {
        quint8 family = 0;
        std::array<quint8, 16> local{};
        std::array<quint8, 16> remote{};
        quint16 localPort = 0;
        quint16 remotePort = 0;
        friend bool operator==(const Endpoints &, const Endpoints &) = default;
    };
    friend size_t qHash(const Endpoints &key, size_t seed) noexcept;
    static Endpoints endpointsOf(const SocketRecord &socket);
    static Endpoints endpointsOf(const StateChangeEvent &change);
    bool bornAfterAPollSawIt(quint64 connectionId, qint64 bornNs, ConnectionEvents &events);

    TrackedConnection &open(const SocketRecord &socket, bool passive, qint64 nowNs, ConnectionEvents &events);
    void moveTo(TrackedConnection &connection, TcpState state, qint64 nowNs, StepKnowledge knowledge,
        ConnectionEvents &events, TcpState avoid = TcpState::Unknown);
    void close(quint64 id, qint64 nowNs, StepKnowledge knowledge, ConnectionEvents &events);
    void sample(TrackedConnection &connection, const SocketRecord &socket, qint64 nowNs);
    void forget(const TrackedConnection &connection);
    void purgeClosed(qint64 nowNs);
    // The exact steps a socket took before the namespace's own data showed it: replays them.
    struct ExactSocket
    {
        quint64 connectionId = 0; // 0 while provisional
        QList<StateChangeEvent> pending;
        std::optional<Endpoints> endpoints; // unknown until an event names the local port
        quint64 bornGeneration = 0;
    };
    // True when exact events waited for this socket; it may be closed by them already.
    bool adoptExact(const SocketRecord &socket, qint64 nowNs, ConnectionEvents &events);
    void applyExactStep(TrackedConnection &connection, const StateChangeEvent &change, ConnectionEvents &events);

    Settings m_settings;
    qint64 m_longestDumpNs = 0; // how long a dump may run after its snapshot's time stamp
    // Open connections by id. Node-based, so the pointers in m_byCookie stay valid while it grows.
    std::unordered_map<quint64, TrackedConnection> m_open;
    QHash<quint64, TrackedConnection *> m_byCookie;
    QHash<Endpoints, quint64> m_requestByEndpoints; // open request sockets, for the child to join
    QHash<quint64, qint64> m_destroyedAt; // cookie -> when its destroy notice came, until the next poll
    std::deque<TrackedConnection> m_closed;
    QHash<Endpoints, quint64> m_idByEndpoints; // open connections
    QHash<quint64, ExactSocket> m_exactSockets; // by the kernel's socket address (skaddr)
    QHash<Endpoints, quint64> m_provisionalByEndpoints; // skaddr of exact sockets no data confirmed yet
    QHash<quint64, qint64> m_exactCloseAt;
    QHash<quint64, quint64> m_closedIdByCookie; // closed connections still kept, for late destroy notices
    // Connections closed in the last moments, by endpoints: a notice for a socket whose cookie we never
    // saw (the child of a request socket) may belong to one of them.
    QHash<Endpoints, std::pair<quint64, qint64>>
        m_recentlyClosedByEndpoints; // id, when // id -> when the tracepoint said CLOSE, until the next poll
    qint64 m_exactSetAside = 0;
    QSet<quint16> m_listenerPorts; // of the last snapshot: a socket on one of them was accepted
    qint64 m_lastPollNs = 0;
    quint64 m_generation = 0; // counts applySnapshot() calls, to find who was not seen
    // One entry per open connection, in a compact array: finding the connections a snapshot did not
    // show walks 16 bytes per connection instead of every connection's node (docs/benchmarks.md).
    struct Slot
    {
        quint64 seenGeneration = 0;
        quint64 id = 0; // 0: free
    };
    std::vector<Slot> m_slots;
    std::vector<quint32> m_freeSlots;
    quint64 m_nextId = 1;
};

} // namespace TcpLens
