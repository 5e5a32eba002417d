// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "socketrecord.h"

#include "model/ipaddresstext.h"

#include <sys/socket.h>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

static_assert(sizeof(SocketRecord) <= 120, "a snapshot's budget is 120 bytes per socket (docs/benchmarks.md)");

QLatin1StringView timerName(TimerKind timer)
{
    switch (timer) {
    case TimerKind::None:
        return "off"_L1;
    case TimerKind::Retransmit:
        return "on"_L1;
    case TimerKind::KeepAlive:
        return "keepalive"_L1;
    case TimerKind::TimeWait:
        return "timewait"_L1;
    case TimerKind::ZeroWindowProbe:
        return "persist"_L1;
    }
    return "unknown"_L1;
}

namespace {

QString addressText(quint8 family, const std::array<quint8, 16> &bytes)
{
    IpAddressTextBuffer buffer;
    const std::string_view text = ipAddressText(family, bytes, buffer);
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}

QString endpoint(quint8 family, const std::array<quint8, 16> &bytes, quint16 port)
{
    const bool unspecified = std::all_of(bytes.begin(), bytes.end(), [](quint8 b) { return b == 0; });
    const QString host = unspecified ? u"*"_s : addressText(family, bytes);
    const QString portText = port == 0 ? u"*"_s : QString::number(port);
    if (family == AF_INET6 && !unspecified)
        return u'[' + host + u"]:"_s + portText;
    return host + u':' + portText;
}

} // namespace

bool SocketRecord::isIpv6() const
{
    return family == AF_INET6;
}

QString SocketRecord::localAddressText() const
{
    return addressText(family, localAddress);
}

QString SocketRecord::remoteAddressText() const
{
    return addressText(family, remoteAddress);
}

QString SocketRecord::localEndpoint() const
{
    return endpoint(family, localAddress, localPort);
}

QString SocketRecord::remoteEndpoint() const
{
    return endpoint(family, remoteAddress, remotePort);
}

bool SocketRecord::localIsV4Mapped() const
{
    static constexpr std::array<quint8, 12> Prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return family == AF_INET6 && std::equal(Prefix.begin(), Prefix.end(), localAddress.begin());
}

bool SocketRecord::localIsUnspecified() const
{
    const auto size = family == AF_INET ? 4 : 16;
    return std::all_of(localAddress.begin(), localAddress.begin() + size, [](quint8 b) { return b == 0; });
}

} // namespace TcpLens
