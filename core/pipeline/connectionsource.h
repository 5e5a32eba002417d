// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/descriptorbroker.h"
#include "collect/listenersamplebatch.h"
#include "model/destroyedsockets.h"
#include "model/monotonicclock.h"
#include "model/socketsnapshot.h"
#include "model/timelinemarker.h"
#include "pipeline/sourcedescription.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlchange.h"
#include "tracking/statechangeevent.h"

#include <QList>
#include <QObject>

#include <memory>

namespace TcpLens {

// Where kernel observations come from: this machine's kernel, a lab namespace, a recording, a remote
// agent. A source only observes and reports, in the order things happened; LiveConnections turns
// what it reports into connections and events, the same way for every source. Its signals may come
// from any thread (Qt queues them to the pipeline's).
class ConnectionSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual SourceDescription description() const = 0;
    virtual SourceCapabilities capabilities() const = 0;

    // Begins reporting. Called once.
    virtual void start() = 0;
    // How often to poll the sockets (ignored where capabilities().live is false).
    virtual void setPollIntervalMs(int intervalMs) = 0;
    // Stops and resumes reporting, e.g. while nobody looks.
    virtual void setPaused(bool paused) = 0;
    virtual void pollNow() = 0;
    // How far back the per-listener series reach, for listenerHistoryReady().
    virtual void setListenerWindowNs(qint64 windowNs) = 0;
    // How often to sample the listeners: fast while a chart shows them, about once a second while
    // only the diagnosis and the counters need them (ignored where capabilities().live is false).
    virtual void setListenerIntervalMs(int intervalMs) = 0;
    // Whether snapshots carry each socket's SocketDetails: a recording wants them, the window alone
    // shows none. Sources whose snapshots always carry them (a recording, a remote agent) ignore it.
    virtual void setSocketDetailsWanted(bool wanted) { Q_UNUSED(wanted); }
    // Asks for listenerHistoryReady(cookie, ...): the stored samples of one listener.
    virtual void requestListenerHistory(quint64 cookie) = 0;
    // Now, on the clock of the times this source reports (CLOCK_MONOTONIC ns of the machine observed),
    // for views that show "the last minute": this machine's clock for its own kernel (and for a
    // remote host, whose times RemoteSource moves onto it), the position of a recording played back.
    virtual qint64 nowNs() const { return MonotonicClock::nowNs(); }
    // For a namespace this process may not enter: what opens its sockets and /proc/sys files for us
    // (the sysctl panel reads and writes through it). Null: enter description().netns instead.
    virtual std::shared_ptr<DescriptorBroker> descriptorBroker() const { return nullptr; }

Q_SIGNALS:
    // Every dump of the namespace's sockets; generations grow by one per dump of this source.
    void snapshotReady(const TcpLens::SocketSnapshot &snapshot);
    // Full sockets that closed, also those that lived and died between two dumps.
    void socketsDestroyed(const TcpLens::DestroyedSockets &destroyed);
    // Exact transitions, always before the snapshot that follows them.
    void stateChanges(const QList<TcpLens::StateChangeEvent> &changes);
    void exactModeChanged(bool active, const QString &status);
    void exactEventsLost(qint64 count);
    // effectiveMs differs from the asked interval when dumps were too slow for it.
    void pacingChanged(int effectiveMs, bool backedOff, qint64 lastDumpNs);
    // Listener queues, many times a second.
    void listenersSampled(const TcpLens::ListenerSampleBatch &batch);
    void listenerHistoryReady(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    // The catalog's counters with deltas and rates, about once a second.
    void countersSampled(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    // A sysctl of the namespace changed (found by polling, or written through this source).
    void sysctlChanged(const TcpLens::SysctlChange &change, qint64 monotonicNs);
    // Every watched sysctl's value, once when the source has read them first (changes follow through
    // sysctlChanged()); the diagnosis reads its thresholds' context from them.
    void sysctlsRead(qint64 monotonicNs, const QHash<QString, QString> &values);
    // A moment worth a line on every chart: a lab step, a note.
    void markerAdded(const TcpLens::TimelineMarker &marker);
    // Something stopped working; one line a person can act on.
    void failed(const QString &message);
};

} // namespace TcpLens
