// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectioneventjson.h"

#include <QDateTime>
#include <QTimeZone>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
QString kindName(ConnectionEvent::Kind kind)
{
    switch (kind) {
    case ConnectionEvent::Kind::Opened:
        return u"opened"_s;
    case ConnectionEvent::Kind::Transition:
        return u"transition"_s;
    case ConnectionEvent::Kind::Closed:
        return u"closed"_s;
    case ConnectionEvent::Kind::Confirmed:
        return u"confirmed"_s;
    case ConnectionEvent::Kind::Revised:
        return u"revised"_s;
    }
    return u"unknown"_s;
}
} // namespace

QJsonObject connectionEventToJson(
    const ConnectionEvent &event, const TrackedConnection *connection, qint64 wallOffsetNs)
{
    const qint64 wallMs = (event.timeNs + wallOffsetNs) / 1'000'000;
    QJsonObject object{
        {u"event"_s, kindName(event.kind)},
        {u"id"_s, qint64(event.connectionId)},
        {u"time"_s, QDateTime::fromMSecsSinceEpoch(wallMs, QTimeZone::UTC).toString(Qt::ISODateWithMs)},
        {u"monotonic_ns"_s, double(event.timeNs)},
        {u"how"_s, QString(knowledgeName(event.knowledge))},
    };
    if (event.kind == ConnectionEvent::Kind::Transition || event.kind == ConnectionEvent::Kind::Confirmed) {
        object.insert(u"from"_s, QString(stateName(event.from)));
        object.insert(u"to"_s, QString(stateName(event.to)));
    } else if (event.kind == ConnectionEvent::Kind::Opened) {
        object.insert(u"state"_s, QString(stateName(event.to)));
    } else if (event.kind == ConnectionEvent::Kind::Revised) {
        object.insert(u"kept"_s, qint64(event.kept));
        if (event.kept == 0)
            object.insert(u"state"_s, QString(stateName(event.to)));
    }
    if (connection) {
        const SocketRecord &socket = *connection->last;
        object.insert(u"cookie"_s, QString::number(connection->cookie));
        object.insert(u"family"_s, socket.isIpv6() ? u"inet6"_s : u"inet"_s);
        object.insert(u"local"_s, socket.localEndpoint());
        object.insert(u"remote"_s, socket.remoteEndpoint());
        object.insert(u"side"_s, connection->passive ? u"passive"_s : u"active"_s);
    }
    return object;
}

} // namespace TcpLens
