// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "capturedsockdiag.h"

#include "collect/listenerqueuebuilder.h"
#include "netlink/inetdiagdecoder.h"

#include <QFile>
#include <QTimeZone>
#include <QtEndian>

namespace TcpLens::Test::CapturedSockDiag {

QList<QByteArray> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = file.readAll();
    QList<QByteArray> datagrams;
    qsizetype offset = 0;
    while (offset + 4 <= all.size()) {
        const quint32 length = qFromLittleEndian<quint32>(all.constData() + offset);
        offset += 4;
        if (offset + qsizetype(length) > all.size())
            return {};
        datagrams.append(all.mid(offset, length));
        offset += length;
    }
    return datagrams;
}

std::optional<SocketSnapshot::Data> snapshotData(const QStringList &paths, quint64 generation, qint64 monotonicNs)
{
    SocketSnapshot::Data data;
    data.generation = generation;
    data.monotonicNs = monotonicNs;
    data.takenAt = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000 + monotonicNs / 1'000'000, QTimeZone::UTC);
    CongestionNameTable congestion;
    for (const QString &path : paths) {
        const QList<QByteArray> datagrams = read(path);
        if (datagrams.isEmpty())
            return std::nullopt;
        for (const QByteArray &datagram : datagrams) {
            const auto bytes = std::as_bytes(std::span(datagram.constData(), std::size_t(datagram.size())));
            if (!decodeDumpChunk(bytes, congestion, data.sockets, &data.details))
                return std::nullopt;
        }
    }
    data.congestionNames = congestion.names();
    data.listeners = buildListenerQueues(data.sockets);
    return data;
}

SocketSnapshot snapshot(const QStringList &paths, quint64 generation, qint64 monotonicNs)
{
    auto data = snapshotData(paths, generation, monotonicNs);
    return data ? SocketSnapshot(std::move(*data)) : SocketSnapshot();
}

} // namespace TcpLens::Test::CapturedSockDiag
