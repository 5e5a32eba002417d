// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QMetaType>
#include <QString>

namespace TcpLens {

// Something the user should connect to the curves of a chart: a vertical line at `monotonicNs`
// (CLOCK_MONOTONIC, the clock of SocketSnapshot::monotonicNs()) with a short label.
struct TimelineMarker
{
    enum class Kind : quint8 {
        SysctlChange, // a sysctl value changed: written by TCP Lens (journal) or found by polling
        LabStep, // a step of a guided lab
        Note, // anything else the integrator wants on the timeline
    };

    qint64 monotonicNs = 0;
    QString label; // one line: "tcp_fin_timeout 60 → 10"
    QString detail; // the tooltip: where it came from, the full key
    Kind kind = Kind::Note;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::TimelineMarker)
