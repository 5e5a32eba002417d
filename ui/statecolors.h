// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisrule.h"
#include "model/tcpstate.h"
#include "tracking/connectionstep.h"

#include <QBrush>
#include <QColor>
#include <QPalette>

namespace TcpLens {

// The colours every view gives the TCP states, so a state looks the same in the table, the timeline
// and the diagram. Hues group the phases of a connection's life (opening warm, established green,
// our close blue to purple, the peer's close red); lightness follows the palette, so a fill keeps its
// contrast with the window in light and dark themes alike.
class StateColors
{
public:
    // The fill for a state on `palette` (the application's palette by default).
    static QColor color(TcpState state, const QPalette &palette = QPalette());
    // A text colour readable on `fill`: the palette's darkest or lightest text colour.
    static QColor textOn(const QColor &fill, const QPalette &palette = QPalette());
    // A diagnosis's severity (errors red, warnings amber, notes blue), strong enough to read as text
    // or an icon on the palette's window and base colours.
    static QColor severityColor(DiagnosisRule::Severity severity, const QPalette &palette = QPalette());
    // True when the palette draws light text on dark windows.
    static bool isDark(const QPalette &palette);

    // How sure a step is, drawn: exact solid, polled dashed, inferred dotted.
    static Qt::PenStyle penStyle(StepKnowledge knowledge);
    // The fill of a step: exact solid, polled hatched, inferred none (an outline only).
    static QBrush brush(TcpState state, StepKnowledge knowledge, const QPalette &palette = QPalette());
};

} // namespace TcpLens
