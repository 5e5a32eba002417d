// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labscenario.h"

#include <QString>

namespace TcpLens::LabSocketIo {

// "ECONNRESET" for ECONNRESET: the name the scenarios and `errno(3)` use.
QString errnoName(int error);
// Writes `bytes` (or, with `fill`, until the send buffer is full) without blocking; returns the
// error that stopped it, 0 when all was written or the buffer filled.
int send(int fd, qint64 bytes, bool fill);
// Reads and discards what is there without blocking. Returns 0 when nothing more is there for now,
// 1 at the peer's FIN, -errno on an error (ECONNRESET: the peer reset the connection).
int drain(int fd);
// close(), shutdown(SHUT_WR) or an abortive close (SO_LINGER {1, 0}: RST instead of FIN). Returns
// true when the descriptor is gone.
bool close(int fd, LabAction::CloseHow how);

} // namespace TcpLens::LabSocketIo
