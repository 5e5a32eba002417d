// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "watchcommand.h"

#include "collect/snapshotcollector.h"
#include "export/connectioneventjson.h"
#include "model/monotonicclock.h"

#include <QDateTime>
#include <QJsonDocument>

namespace TcpLens {

WatchCommand::WatchCommand(const CollectorSettings &settings, std::FILE *out, QObject *parent)
    : QObject(parent)
    , m_collector(new SnapshotCollector(settings, this))
    , m_out(out)
{
    // Events carry CLOCK_MONOTONIC times; the offset to the wall clock is taken once, so that the
    // printed times stay ordered even if the wall clock is stepped meanwhile.
    m_wallOffsetNs = MonotonicClock::wallOffsetNs();
    connect(m_collector, &SnapshotCollector::snapshotReady, this,
        [this](const SocketSnapshot &snapshot) { print(m_tracker.applySnapshot(snapshot)); });
    connect(m_collector, &SnapshotCollector::socketsDestroyed, this,
        [this](const DestroyedSockets &destroyed) { print(m_tracker.applyDestroyed(destroyed)); });
    connect(m_collector, &SnapshotCollector::stateChanges, this,
        [this](const QList<StateChangeEvent> &changes) { print(m_tracker.applyExact(changes)); });
    connect(m_collector, &SnapshotCollector::exactModeChanged, this, [](bool active, const QString &status) {
        // One status line on stderr: stdout stays pure JSON lines.
        if (active)
            std::fprintf(stderr, "tcplens watch: exact mode: %s\n", qPrintable(status));
        else
            std::fprintf(stderr, "tcplens watch: polling only, inferred steps marked (%s)\n", qPrintable(status));
    });
    connect(m_collector, &SnapshotCollector::failed, this, &WatchCommand::failed);
}

WatchCommand::~WatchCommand() = default;

void WatchCommand::start()
{
    m_collector->start();
}

void WatchCommand::print(const ConnectionEvents &events)
{
    for (const auto &event : events) {
        const QByteArray line =
            QJsonDocument(connectionEventToJson(event, m_tracker.find(event.connectionId), m_wallOffsetNs))
                .toJson(QJsonDocument::Compact);
        std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
        std::fputc('\n', m_out);
    }
    // Line by line, so that a pipe to jq or grep sees each event as it happens.
    std::fflush(m_out);
}

} // namespace TcpLens
