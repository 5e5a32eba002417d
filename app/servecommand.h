// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

class QCoreApplication;

namespace TcpLens {

// `tcplens serve --metrics [ADDRESS:PORT]`: a Prometheus exporter (docs/metrics.md) until Ctrl+C or
// SIGTERM. The listener sampler of the window runs in a thread of its own (queues, owners, the
// overflows it attributes); each scrape adds a dump of every socket for the per-state counts, the
// catalog's counters and sysctls. The HTTP listener opens in our namespace before --netns is
// entered, so a host's Prometheus can scrape a container's namespace.
int runServeCommand(QCoreApplication &app, const QStringList &arguments);

} // namespace TcpLens
