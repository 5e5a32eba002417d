// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <expected>
#include <optional>

namespace TcpLens {

// A snapshot as bytes (docs/recording-format.md, "Snapshots"): a key frame holds all of it; a delta
// holds what changed since the snapshot before it (the sockets that changed, came or went, the
// owner table's changes) and the small parts whole. At 120,000 sockets with 1% changing between
// polls a delta is about 1% of a key frame. Pure code over bytes, no SQLite: a recording stores
// these blobs, a remote agent can send them.
enum class SnapshotBlobKind : quint8 { KeyFrame = 1, Delta = 2 };

QByteArray encodeSnapshotKeyFrame(const SocketSnapshot &snapshot);
// The difference from `base`, or nothing when more than `maximumChangedFraction` of the sockets
// changed, came or went: then a key frame is smaller and costs the reader less.
std::optional<QByteArray> encodeSnapshotDelta(
    const SocketSnapshot &snapshot, const SocketSnapshot &base, double maximumChangedFraction = 0.25);

// What kind of blob this is, without decoding it.
std::expected<SnapshotBlobKind, QString> snapshotBlobKind(QByteArrayView blob);
// Decodes a key frame (`base` ignored) or a delta against `base`, the snapshot its encoder was given.
// Hostile bytes give an error that says where, never a crash or a snapshot that points outside itself
// (a listener's socket index, a congestion name's index are checked).
std::expected<SocketSnapshot::Data, QString> decodeSnapshot(QByteArrayView blob, const SocketSnapshot *base);

} // namespace TcpLens
