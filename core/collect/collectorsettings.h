// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/snapshotsource.h"

#include <QMetaType>
#include <QString>

namespace TcpLens {

struct CollectorSettings
{
    QString netns; // empty: the app's own namespace; else /proc/PID/ns/net, /run/netns/NAME or NAME
    int intervalMs = 1000;
    // A dump that takes more than this share of the interval makes the collector poll less often, so
    // that watching a busy machine does not become its load.
    double maxDumpShare = 0.25;
    // Subscribe to the kernel's destroy notices (final tcp_info of every full socket that closes).
    bool watchDestroyed = true;
    // Exact mode: read every state change from the tracepoint sock:inet_sock_set_state (root or
    // CAP_PERFMON). Without the right, the collector polls and says why.
    bool exact = false;
    SnapshotSource::Options snapshot;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::CollectorSettings)
