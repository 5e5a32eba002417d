// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "watchcommand.h"

#include "export/connectioneventjson.h"
#include "model/monotonicclock.h"
#include "pipeline/localkernelsource.h"

#include <QJsonDocument>

namespace TcpLens {

WatchCommand::WatchCommand(const CollectorSettings &settings, std::FILE *out, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_out(out)
{
    connect(&m_connections, &LiveConnections::eventsReady, this, &WatchCommand::print);
    connect(&m_connections, &LiveConnections::statusChanged, this, [this, reported = false]() mutable {
        // One status line on stderr, once exact mode was tried: stdout stays pure JSON lines.
        const LiveConnections::Status &status = m_connections.status();
        if (reported || status.exactStatus.isEmpty())
            return;
        reported = true;
        if (status.exactActive)
            std::fprintf(stderr, "tcplens watch: exact mode: %s\n", qPrintable(status.exactStatus));
        else
            std::fprintf(
                stderr, "tcplens watch: polling only, inferred steps marked (%s)\n", qPrintable(status.exactStatus));
    });
    connect(&m_connections, &LiveConnections::failed, this, &WatchCommand::failed);
}

WatchCommand::~WatchCommand() = default;

void WatchCommand::start()
{
    LocalKernelSource::Options options;
    options.collector = m_settings;
    options.sampleListeners = false; // events only: no listener queues, counters or sysctls
    m_connections.setSource(std::make_unique<LocalKernelSource>(options));
}

void WatchCommand::print(const ConnectionEvents &events)
{
    // Events carry CLOCK_MONOTONIC times; the program's one wall-clock offset keeps the printed
    // times ordered even if the wall clock is stepped meanwhile.
    const qint64 wallOffsetNs = MonotonicClock::wallOffsetNs();
    // The connections as the tracking thread has them now: one wait per batch, not per event.
    const QHash<quint64, TrackedConnection> connections = m_connections.inspect([&](const TrackingWorker &worker) {
        QHash<quint64, TrackedConnection> found;
        for (const auto &event : events) {
            if (const TrackedConnection *connection = worker.tracker().find(event.connectionId))
                found.insert(event.connectionId, *connection);
        }
        return found;
    });
    for (const auto &event : events) {
        const auto connection = connections.constFind(event.connectionId);
        const QByteArray line = QJsonDocument(
            connectionEventToJson(event, connection == connections.cend() ? nullptr : &*connection, wallOffsetNs))
                                    .toJson(QJsonDocument::Compact);
        std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
        std::fputc('\n', m_out);
    }
    // Line by line, so that a pipe to jq or grep sees each event as it happens.
    std::fflush(m_out);
}

} // namespace TcpLens
