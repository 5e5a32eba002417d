// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "metrics/openmetricswriter.h"
#include "model/tcpstate.h"
#include "proc/countercatalog.h"
#include "proc/kernelcounters.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreading.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace TcpLens {

// What one scrape of `tcplens serve --metrics` exposes (docs/metrics.md), written from values the
// command collected. Pure: the tests give it made-up inputs and read the text.
class MetricsScrape
{
public:
    static constexpr int DefaultMaxListeners = 200;

    // One listening socket as the listener sampler saw it last, with its overflow and drop shares
    // summed since the exporter started (ListenerSeries attributes them tick by tick).
    struct Listener
    {
        QString endpoint; // "127.0.0.1:8080", "[::]:443", as ss prints it
        quint16 port = 0;
        QString process; // "nginx (1234)" or empty
        quint32 acceptQueue = 0;
        quint32 acceptQueueLimit = 0;
        quint32 synQueue = 0;
        qint64 overflows = 0;
        qint64 drops = 0;
    };

    struct Inputs
    {
        // Sockets per state from a dump of every state; nothing when the dump failed.
        std::optional<std::array<qint64, TcpStateCount>> states;
        // Nothing until the listener sampler's first tick.
        std::optional<QList<Listener>> listeners;
        qint64 unattributedOverflows = 0;
        qint64 unattributedDrops = 0;
        int maxListeners = DefaultMaxListeners;
        std::optional<KernelCounters> counters;
        const CounterCatalog *counterCatalog = nullptr; // for HELP (English) and which counters
        QList<SysctlReading> sysctls;
        const SysctlCatalog *sysctlCatalog = nullptr;
        double collectSeconds = -1; // what collecting this scrape cost; < 0: unknown
    };

    static void write(OpenMetricsWriter &writer, const Inputs &inputs);

    // "tcplens_kernel_tcpext_listen_overflows" for "TcpExt.ListenOverflows".
    static QByteArray counterMetricName(QByteArrayView counter);
    // "tcplens_sysctl_net_ipv4_tcp_rmem" for "net.ipv4.tcp_rmem".
    static QByteArray sysctlMetricName(const QString &key);
    // "127.0.0.1" for "127.0.0.1:8080", "::1" for "[::1]:8080".
    static QString addressOf(const QString &endpoint);
    // "nginx" for "nginx (1234)": the pid would make a new series at every restart.
    static QString commandOf(const QString &process);
};

} // namespace TcpLens
