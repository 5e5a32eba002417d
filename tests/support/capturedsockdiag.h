// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace TcpLens::Test {

// The files of tests/data/ that capture_sockdiag wrote: sock_diag datagrams exactly as a real kernel
// sent them, each a u32 little-endian length and its bytes.
namespace CapturedSockDiag {

// The datagrams of one file; empty when it cannot be read or a length runs past its end.
QList<QByteArray> read(const QString &path);
// The files decoded (by the decoder under test elsewhere) into the snapshot a collector would have
// made of them, owners not resolved; a null snapshot when a datagram does not decode.
SocketSnapshot snapshot(const QStringList &paths, quint64 generation, qint64 monotonicNs);
// The same before it becomes a snapshot, for a test to add owners or a namespace; nothing when a
// datagram does not decode.
std::optional<SocketSnapshot::Data> snapshotData(const QStringList &paths, quint64 generation, qint64 monotonicNs);

} // namespace CapturedSockDiag

} // namespace TcpLens::Test
