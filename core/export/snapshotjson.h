// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <QJsonObject>

namespace TcpLens {

// The JSON form of a snapshot, as `tcplens snapshot --json` prints it. The schema is documented in
// docs/json-schema.md; bump SnapshotJsonSchemaVersion with any change a script could notice.
inline constexpr int SnapshotJsonSchemaVersion = 1;

struct SnapshotJsonOptions
{
    bool listenersOnly = false; // only LISTEN sockets, with their queues
};

QJsonObject snapshotToJson(const SocketSnapshot &snapshot, const SnapshotJsonOptions &options = {});
QJsonObject socketToJson(const SocketSnapshot &snapshot, const SocketRecord &socket);
// "not-accepted", "timewait-socket": why a socket has no owner, as "owner_absent" names it.
QLatin1StringView ownerAbsenceName(OwnerAbsence absence);

} // namespace TcpLens
