// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/namespaceaccess.h"
#include "collect/snapshotsource.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace TcpLens {

struct CollectorSettings
{
    QString netns; // empty: the app's own namespace; else /proc/PID/ns/net, /run/netns/NAME or NAME
    // Set for a namespace this process may not enter (a lab an ordinary user made): `netns` is then
    // its /proc/PID/ns/net, and the sockets and counters come from the process inside.
    std::shared_ptr<DescriptorBroker> broker;

    NamespaceAccess access() const { return {netns, broker}; }
    int intervalMs = 1000;
    // A dump that takes more than this share of the interval makes the collector poll less often, so
    // that watching a busy machine does not become its load. The share is of the dump's wall time
    // or of the CPU the collector's thread spent on it, whichever is larger; after the first poll
    // the dump runs in one stream (SnapshotSource::Options::parallel), so 0.12 is about an eighth
    // of one CPU (bench_appcpu: a quarter of the interval, with split dumps, made the window cost
    // half a CPU at 120,000 sockets).
    double maxDumpShare = 0.12;
    // Subscribe to the kernel's destroy notices (final tcp_info of every full socket that closes).
    bool watchDestroyed = true;
    // Exact mode: read every state change from the tracepoint sock:inet_sock_set_state (root or
    // CAP_PERFMON). Without the right, the collector polls and says why.
    bool exact = false;
    SnapshotSource::Options snapshot;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::CollectorSettings)
