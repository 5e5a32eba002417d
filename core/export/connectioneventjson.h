// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionevent.h"
#include "tracking/trackedconnection.h"

#include <QJsonObject>

namespace TcpLens {

// One line of `tcplens watch --json` (docs/json-schema.md, "Events"). `wallOffsetNs` turns the
// monotonic event time into wall-clock time: wall = monotonic + offset.
inline constexpr int WatchJsonSchemaVersion = 1;
QJsonObject connectionEventToJson(
    const ConnectionEvent &event, const TrackedConnection *connection, qint64 wallOffsetNs);

} // namespace TcpLens
