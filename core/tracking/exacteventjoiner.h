// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"
#include "tracking/connectionevent.h"
#include "tracking/socketendpoints.h"
#include "tracking/statechangeevent.h"
#include "tracking/trackedconnection.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>
#include <unordered_map>

namespace TcpLens {

// Exact mode's half of the tracker: joins the tracepoint sock:inet_sock_set_state to the connections
// that polls and destroy notices show, and writes each event into its connection's path.
//
// An event names its socket by address (skaddr), which the kernel hands to a later socket once the
// old one is freed (sk_prot_alloc() takes it from the slab again), so the joiner follows socket
// *lives*: one skaddr from a birth (CLOSE -> SYN_SENT, CLOSE -> LISTEN, or LISTEN -> SYN_RECV) on. A
// life belongs to at most one connection, found by its endpoints once an event names its local port
// (connect() is traced before it binds one). The tracepoint is global and names no namespace: a life
// no poll or notice of the watched namespace confirms is held back, then forgotten.
//
// Events arrive late: the collector drains the tracepoint before each dump, so an event that fires
// while the dump runs comes after the snapshot that already showed its result. The joiner then
// writes the event where it belongs in the path, in place of the steps inferred meanwhile.
class ExactEventJoiner
{
public:
    // What the joiner needs of the tracker that owns the connections.
    class Connections
    {
    public:
        // The open connection with this id; nullptr once it closed.
        virtual TrackedConnection *openConnection(quint64 id) = 0;
        // The open connection on these endpoints; 0 if none.
        virtual quint64 openConnectionAt(const SocketEndpoints &endpoints) const = 0;
        // Opens a connection for `socket` whose path starts in `first` at `timeNs`, as the kernel said.
        virtual TrackedConnection &openAt(
            const SocketRecord &socket, TcpState first, qint64 timeNs, ConnectionEvents &events) = 0;
        // Moves along the state machine's shortest legal path, the steps before the last inferred.
        virtual void moveTo(TrackedConnection &connection, TcpState state, qint64 timeNs, StepKnowledge knowledge,
            ConnectionEvents &events) = 0;
        // Ends the connection: directly from its current state when the kernel said so (exact), or
        // by the likeliest path when it is only known to be gone (inferred).
        virtual void closeConnection(quint64 id, qint64 timeNs, StepKnowledge knowledge, ConnectionEvents &events) = 0;
        // How long a dump may run after its snapshot's time stamp.
        virtual qint64 longestDumpNs() const = 0;

    protected:
        ~Connections() = default;
    };

    void apply(Connections &connections, const QList<StateChangeEvent> &changes, ConnectionEvents &events);
    // A socket that a snapshot or a destroy notice shows and no connection holds: if tracepoint events
    // waited for it, opens its connection from them and returns its id (the events may have closed it
    // already). 0 when none waited.
    quint64 adopt(Connections &connections, const SocketRecord &socket, ConnectionEvents &events);
    // When the tracepoint said that this connection's full socket gave way to a timewait socket
    // (FIN_WAIT2 or CLOSING -> CLOSE from tcp_time_wait()), if the next poll has yet to confirm it.
    std::optional<qint64> handoverAt(quint64 connectionId) const;
    // The connection whose full socket on these endpoints the tracepoint saw close lately, for a
    // destroy notice whose cookie no poll saw (the socket became a timewait socket with a cookie of its
    // own, or a request socket's child); 0 if none.
    quint64 endedAt(const SocketEndpoints &endpoints);
    // A destroy notice on these endpoints was found to be this connection's.
    void noticeTaken(const SocketEndpoints &endpoints, quint64 connectionId);
    // A destroy notice no event waited for opened this connection. If the events of a socket that
    // ended on these endpoints were set aside lately, they were this socket's: its notice came later
    // than the polls that wait for one (sock_diag_broadcast_destroy() queues it to a workqueue, which
    // ran 0.85 s late under load), and every later event on these endpoints is another socket's.
    void openedByLateNotice(const SocketEndpoints &endpoints, quint64 connectionId);
    // A poll was applied: handovers are decided, lives no poll confirmed within three polls belonged
    // to another namespace.
    void pollApplied(Connections &connections);
    void connectionClosed(quint64 connectionId);

    // How many events could not be applied: another namespace's, contradicting the events before them,
    // or the first after some were lost.
    qint64 setAside() const { return m_setAside; }

private:
    struct Life
    {
        quint64 socketAddress = 0;
        quint64 connectionId = 0; // 0 while no connection holds it
        QList<StateChangeEvent> pending; // its events while no connection holds it
        std::optional<SocketEndpoints> endpoints; // unknown until an event names the local port
        qint64 bornNs = 0; // 0 when its birth was not seen
        bool bornPassive = false; // born as a listener's child
        quint64 generation = 0; // the poll count when it began
    };

    quint64 bind(Connections &connections, Life &life, quint64 lifeId, ConnectionEvents &events);
    void applyStep(Connections &connections, TrackedConnection &connection, const StateChangeEvent &change,
        ConnectionEvents &events);
    // `told`: the path as the listeners know it, before this event.
    void end(Connections &connections, TrackedConnection &connection, qsizetype at, const ConnectionPath &told,
        const StateChangeEvent &change, ConnectionEvents &events);
    // Leaves the skaddr to a new socket; a life still waiting to be adopted stays adoptable.
    void retire(quint64 lifeId);
    void erase(quint64 lifeId);

    // By the joiner's own number. Node-based: a Life stays where it is while others come and go.
    std::unordered_map<quint64, Life> m_lives;
    QHash<quint64, quint64> m_lifeAt; // skaddr -> its current life
    QHash<SocketEndpoints, quint64> m_unboundByEndpoints; // lives no connection holds yet
    QHash<quint64, quint64> m_lifeOfConnection; // connection id -> life
    QHash<quint64, qint64> m_handoverAt; // connection id -> when, until the next poll
    struct Ended
    {
        quint64 connectionId = 0;
        quint64 generation = 0;
    };
    QHash<SocketEndpoints, Ended> m_endedByEndpoints;
    // Endpoints of unbound lives that ended and were set aside, with the poll count then, for a
    // notice that comes after them.
    QHash<SocketEndpoints, quint64> m_setAsideEnded;
    QSet<quint64> m_eventsSetAside; // open connections whose socket's events were set aside
    quint64 m_nextLife = 1;
    quint64 m_generation = 0;
    qint64 m_setAside = 0;
};

} // namespace TcpLens
