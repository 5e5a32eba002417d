// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "formatting.h"

#include "model/monotonicclock.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr qint64 NsPerMs = 1'000'000;
constexpr qint64 NsPerSecond = 1'000'000'000;
} // namespace

QString Formatting::duration(qint64 ns)
{
    if (ns <= 0)
        return tr("0 s");
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < NsPerMs)
        return tr("%1 µs").arg(ns / 1000);
    if (ns < 10 * NsPerMs)
        return tr("%1 ms").arg(double(ns) / NsPerMs, 0, 'f', 2);
    if (ns < NsPerSecond)
        return tr("%1 ms").arg(double(ns) / NsPerMs, 0, 'f', 1);
    if (ns < 60 * NsPerSecond)
        return tr("%1 s").arg(double(ns) / NsPerSecond, 0, 'f', 1);
    const qint64 seconds = ns / NsPerSecond;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds / 60) % 60);
}

QString Formatting::sinceStart(qint64 ns)
{
    return u'+' + duration(ns);
}

QString Formatting::timeOfDay(qint64 monotonicNs)
{
    return timeOfDay(monotonicNs, MonotonicClock::wallOffsetNs());
}

QString Formatting::timeOfDay(qint64 monotonicNs, qint64 wallMinusMonotonicNs)
{
    const qint64 wallMs = (monotonicNs + wallMinusMonotonicNs) / NsPerMs;
    return QDateTime::fromMSecsSinceEpoch(wallMs, QTimeZone::LocalTime).toString(u"hh:mm:ss.zzz"_s);
}

QString Formatting::bytes(quint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString Formatting::stateLabel(TcpState state)
{
    // stateRfcName() calls both kinds of SYN-RECEIVED the same; the diagram shows them apart.
    if (state == TcpState::NewSynRecv)
        return u"NEW-SYN-RECV"_s;
    return QString(stateRfcName(state));
}

} // namespace TcpLens
