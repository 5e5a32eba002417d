// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketrecord.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

namespace TcpLens {

// Full sockets the kernel destroyed, with their final tcp_info, as the destroy notices delivered them.
struct DestroyedSockets
{
    qint64 monotonicNs = 0; // when the notices were read
    QList<SocketRecord> sockets;
    QList<QByteArray> congestionNames; // SocketRecord::congestion indexes this
    int lostNotices = 0; // > 0: the socket buffer overflowed (ENOBUFS) and some notices are missing
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::DestroyedSockets)
