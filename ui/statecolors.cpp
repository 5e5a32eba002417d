// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "statecolors.h"

#include <array>

namespace TcpLens {

namespace {

// Hue in degrees per state, by the numbering of TcpState; -1: no hue (grey).
constexpr std::array<int, TcpStateCount> Hues = {
    -1, // Unknown
    125, // Established: green, the connection is up
    32, // SynSent: orange, our handshake
    48, // SynRecv: amber, theirs
    210, // FinWait1: blue, we closed first
    228, // FinWait2
    272, // TimeWait: purple, the end of the active close
    -1, // Close: grey, no connection
    0, // CloseWait: red, the peer closed and our application has not yet
    335, // LastAck
    185, // Listen: teal
    248, // Closing
    48, // NewSynRecv: as SYN-RECV, which users know it as
};

} // namespace

bool StateColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor StateColors::color(TcpState state, const QPalette &palette)
{
    const auto index = std::size_t(state);
    const int hue = index < Hues.size() ? Hues[index] : -1;
    const bool dark = isDark(palette);
    if (hue < 0)
        return QColor::fromHsl(0, 0, dark ? 110 : 175);
    // Mid-light pastel on light windows, deeper and less saturated on dark ones; both leave the
    // state's text readable (textOn()) and stand apart from the window colour.
    return dark ? QColor::fromHsl(hue, 120, 95) : QColor::fromHsl(hue, 150, 170);
}

QColor StateColors::severityColor(DiagnosisRule::Severity severity, const QPalette &palette)
{
    int hue = 210;
    if (severity == DiagnosisRule::Severity::Error)
        hue = 0;
    else if (severity == DiagnosisRule::Severity::Warning)
        hue = 32;
    // Text-strength, not a pastel fill: darker on light windows, lighter on dark ones.
    return isDark(palette) ? QColor::fromHsl(hue, 200, 160) : QColor::fromHsl(hue, 220, 95);
}

QColor StateColors::textOn(const QColor &fill, const QPalette &palette)
{
    QColor darker = palette.color(QPalette::WindowText);
    QColor lighter = palette.color(QPalette::Window);
    if (darker.lightness() > lighter.lightness())
        std::swap(darker, lighter);
    // Relative luminance decides, not HSL lightness: yellow is light, blue of the same lightness is not.
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.45 ? darker : lighter;
}

Qt::PenStyle StateColors::penStyle(StepKnowledge knowledge)
{
    switch (knowledge) {
    case StepKnowledge::Exact:
        return Qt::SolidLine;
    case StepKnowledge::Polled:
        return Qt::DashLine;
    case StepKnowledge::Inferred:
        return Qt::DotLine;
    }
    return Qt::SolidLine;
}

QBrush StateColors::brush(TcpState state, StepKnowledge knowledge, const QPalette &palette)
{
    const QColor fill = color(state, palette);
    switch (knowledge) {
    case StepKnowledge::Exact:
        return QBrush(fill);
    case StepKnowledge::Polled:
        return QBrush(fill, Qt::BDiagPattern);
    case StepKnowledge::Inferred:
        return QBrush(Qt::NoBrush);
    }
    return QBrush(fill);
}

} // namespace TcpLens
