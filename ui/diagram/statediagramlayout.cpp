// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "statediagramlayout.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace TcpLens {

namespace {

using S = TcpState;

// Box centres in normalized coordinates (0..1 across the widget).
struct Place
{
    TcpState state;
    QPointF centre;
};

constexpr double BoxWidth = 0.165;
constexpr double BoxHeight = 0.075;

const Place Places[] = {
    {S::Close, {0.50, 0.065}},
    {S::Listen, {0.50, 0.20}},
    {S::NewSynRecv, {0.50, 0.335}},
    {S::SynRecv, {0.13, 0.40}},
    {S::SynSent, {0.87, 0.40}},
    {S::Established, {0.50, 0.50}},
    {S::FinWait1, {0.13, 0.66}},
    {S::Closing, {0.40, 0.66}},
    {S::CloseWait, {0.87, 0.66}},
    {S::FinWait2, {0.13, 0.83}},
    {S::TimeWait, {0.40, 0.83}},
    {S::LastAck, {0.87, 0.83}},
};
// The second CLOSED box, between TIME-WAIT and LAST-ACK.
constexpr QPointF EndPlace{0.635, 0.83};

// Edges that return to the bottom CLOSED box rather than the top one.
bool endsAtEnd(const TcpTransition &edge)
{
    if (edge.to != S::Close)
        return false;
    switch (edge.from) {
    case S::TimeWait:
    case S::LastAck:
    case S::Established:
    case S::FinWait1:
    case S::FinWait2:
    case S::Closing:
    case S::CloseWait:
        return true;
    default:
        return false;
    }
}

// Bends for edges that must go around a box; others are straight.
struct Route
{
    TcpState from;
    TcpState to;
    QPointF bends[2];
    int bendCount;
};

const Route Routes[] = {
    // Aborts of the handshake climb beside LISTEN into CLOSED's left side.
    {S::SynRecv, S::Close, {{0.13, 0.055}, {}}, 1},
    {S::NewSynRecv, S::Close, {{0.37, 0.335}, {0.37, 0.075}}, 2},
    // FIN-WAIT-2's timeout passes under TIME-WAIT.
    {S::FinWait2, S::Close, {{0.13, 0.905}, {0.635, 0.905}}, 2},
};

// Where the segment from `inside` (in `rect`) towards `outside` leaves the rectangle.
QPointF exitPoint(const QRectF &rect, QPointF inside, QPointF outside)
{
    const QPointF d = outside - inside;
    double t = 1.0;
    if (d.x() > 0)
        t = std::min(t, (rect.right() - inside.x()) / d.x());
    else if (d.x() < 0)
        t = std::min(t, (rect.left() - inside.x()) / d.x());
    if (d.y() > 0)
        t = std::min(t, (rect.bottom() - inside.y()) / d.y());
    else if (d.y() < 0)
        t = std::min(t, (rect.top() - inside.y()) / d.y());
    return inside + d * std::clamp(t, 0.0, 1.0);
}

QFont withSize(const QFont &font, double factor)
{
    QFont scaled = font;
    if (font.pointSizeF() > 0)
        scaled.setPointSizeF(font.pointSizeF() * factor);
    else
        scaled.setPixelSize(std::max(1, int(std::lround(font.pixelSize() * factor))));
    return scaled;
}

double segmentDistance(QPointF a, QPointF b, QPointF p)
{
    const QPointF ab = b - a;
    const double lengthSquared = QPointF::dotProduct(ab, ab);
    double t = lengthSquared > 0 ? QPointF::dotProduct(p - a, ab) / lengthSquared : 0;
    t = std::clamp(t, 0.0, 1.0);
    return QLineF(a + ab * t, p).length();
}

} // namespace

QPointF StateDiagramLayout::map(QPointF normalized) const
{
    return {normalized.x() * m_size.width(), normalized.y() * m_size.height()};
}

void StateDiagramLayout::layout(QSizeF size, const QFont &font)
{
    m_size = size;
    m_boxes.clear();
    m_edges.clear();
    m_scale = std::clamp(std::min(size.width() / 640.0, size.height() / 440.0), 0.7, 3.0);

    // In a very wide dock the boxes would stretch into bars: their width follows the height too.
    const QSizeF boxSize(std::min(BoxWidth * size.width(), 0.33 * size.height()), BoxHeight * size.height());
    // The names must fit their boxes: shrink the font until the widest does, on two lines with the
    // count.
    const QLatin1StringView widest[] = {
        stateRfcName(S::SynRecv), stateRfcName(S::Established), QLatin1StringView("NEW-SYN-RECV")};
    QFont name = withSize(font, m_scale);
    name.setBold(true);
    for (int i = 0; i < 40; ++i) {
        const QFontMetricsF metrics(name);
        double width = 0;
        for (const auto text : widest)
            width = std::max(width, metrics.horizontalAdvance(QString(text)));
        if ((width <= boxSize.width() - 8 && metrics.height() * 2.0 <= boxSize.height() - 2) ||
            QFontInfo(name).pointSizeF() <= 5.5)
            break;
        name = withSize(name, 0.93);
    }
    m_nameFont = name;
    m_countFont = withSize(name, 0.92);
    m_countFont.setBold(false);
    m_smallFont = withSize(font, std::clamp(m_scale * 0.85, 0.75, 2.5));

    auto rectAround = [&](QPointF normalized) {
        const QPointF centre = map(normalized);
        return QRectF(centre - QPointF(boxSize.width() / 2, boxSize.height() / 2), boxSize);
    };
    for (const Place &place : Places)
        m_boxes.append({place.state, rectAround(place.centre), false});
    m_endRect = rectAround(EndPlace);
    m_boxes.append({S::Close, m_endRect, true});

    // Two edges between the same boxes in opposite directions run side by side.
    const double pairOffset = boxSize.height() * 0.2;
    const double arrowGap = 1.0;
    for (const TcpTransition &transition : TcpStateMachine::transitions()) {
        Edge edge;
        edge.transition = &transition;
        edge.endsAtEnd = endsAtEnd(transition);
        const QRectF fromRect = stateRect(transition.from);
        const QRectF toRect = edge.endsAtEnd ? m_endRect : stateRect(transition.to);
        QPolygonF line{fromRect.center()};
        for (const Route &route : Routes) {
            if (route.from == transition.from && route.to == transition.to) {
                for (int i = 0; i < route.bendCount; ++i)
                    line.append(map(route.bends[i]));
            }
        }
        line.append(toRect.center());
        if (line.size() == 2 && TcpStateMachine::isLegal(transition.to, transition.from) && !edge.endsAtEnd) {
            const QLineF straight(line[0], line[1]);
            const QLineF normal = straight.normalVector().unitVector();
            const QPointF offset = (normal.p2() - normal.p1()) * pairOffset;
            line[0] += offset;
            line[1] += offset;
        }
        line.first() = exitPoint(fromRect, line[0], line[1]);
        QPointF tip = exitPoint(toRect, line.last(), line[line.size() - 2]);
        const QLineF approach(line[line.size() - 2], tip);
        if (approach.length() > arrowGap)
            tip = approach.pointAt(1.0 - arrowGap / approach.length());
        line.last() = tip;
        edge.line = line;
        m_edges.append(edge);
    }
}

QRectF StateDiagramLayout::stateRect(TcpState state) const
{
    for (const Box &box : m_boxes) {
        if (box.state == state && !box.end)
            return box.rect;
    }
    return {};
}

const StateDiagramLayout::Edge *StateDiagramLayout::edge(const TcpTransition *transition) const
{
    for (const Edge &edge : m_edges) {
        if (edge.transition == transition)
            return &edge;
    }
    return nullptr;
}

QPointF StateDiagramLayout::pointAlong(const QPolygonF &line, double t)
{
    if (line.isEmpty())
        return {};
    double total = 0;
    for (qsizetype i = 1; i < line.size(); ++i)
        total += QLineF(line[i - 1], line[i]).length();
    double wanted = std::clamp(t, 0.0, 1.0) * total;
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QLineF segment(line[i - 1], line[i]);
        if (wanted <= segment.length() || i == line.size() - 1)
            return segment.length() > 0 ? segment.pointAt(std::min(1.0, wanted / segment.length())) : segment.p2();
        wanted -= segment.length();
    }
    return line.last();
}

QPointF StateDiagramLayout::directionAlong(const QPolygonF &line, double t)
{
    if (line.size() < 2)
        return {1, 0};
    double total = 0;
    for (qsizetype i = 1; i < line.size(); ++i)
        total += QLineF(line[i - 1], line[i]).length();
    double wanted = std::clamp(t, 0.0, 1.0) * total;
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QLineF segment(line[i - 1], line[i]);
        if (wanted <= segment.length() || i == line.size() - 1) {
            const QLineF unit = segment.unitVector();
            return unit.p2() - unit.p1();
        }
        wanted -= segment.length();
    }
    return {1, 0};
}

double StateDiagramLayout::distanceTo(const QPolygonF &line, QPointF point)
{
    double best = std::numeric_limits<double>::infinity();
    for (qsizetype i = 1; i < line.size(); ++i)
        best = std::min(best, segmentDistance(line[i - 1], line[i], point));
    return best;
}

} // namespace TcpLens
