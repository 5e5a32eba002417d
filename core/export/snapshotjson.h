// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <QJsonObject>

namespace TcpLens {

class JsonStreamWriter;

// The JSON form of a snapshot, as `tcplens snapshot --json` prints it. The schema is documented in
// docs/json-schema.md; bump SnapshotJsonSchemaVersion with any change a script could notice.
//
// Both forms below come from one list of fields (snapshotjson.cpp), so they cannot disagree:
// tst_snapshotjson parses what the writer streams and compares it with snapshotToJson().
inline constexpr int SnapshotJsonSchemaVersion = 1;

struct SnapshotJsonOptions
{
    bool listenersOnly = false; // only LISTEN sockets, with their queues
};

// The whole snapshot as one object, for callers that want to edit or embed it.
QJsonObject snapshotToJson(const SocketSnapshot &snapshot, const SnapshotJsonOptions &options = {});
// sockets()[index]. A snapshot taken without details (SnapshotSource::Options::keepDetails) has no
// "memory" and only the tcp_info fields the window reads; none of the commands takes one.
QJsonObject socketToJson(const SocketSnapshot &snapshot, std::size_t index);

// The same object streamed, ending with a newline: what `tcplens snapshot --json` prints. It never
// holds more than the writer's buffer, 120,000 sockets or 1.
void writeSnapshotJson(
    JsonStreamWriter &writer, const SocketSnapshot &snapshot, const SnapshotJsonOptions &options = {});
// JSON Lines (`--jsonl`), for a writer with the compact layout: first the top-level object without
// `listeners` and `sockets`, then one line per element of `sockets`, a LISTEN socket with its
// listener's queues added; with `listenersOnly`, one line per element of `listeners` instead.
void writeSnapshotJsonLines(
    JsonStreamWriter &writer, const SocketSnapshot &snapshot, const SnapshotJsonOptions &options = {});

// "not-accepted", "timewait-socket": why a socket has no owner, as "owner_absent" names it.
QLatin1StringView ownerAbsenceName(OwnerAbsence absence);

} // namespace TcpLens
