// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/tcpstatemachine.h"

#include <QFont>
#include <QList>
#include <QPolygonF>
#include <QRectF>

namespace TcpLens {

// Where the state diagram puts things for a given widget size. States and edges come from
// TcpStateMachine; only the places are this class's table (normalized coordinates), laid out like
// the classic RFC 793 / Stevens figure: CLOSED on top, LISTEN below it, the passive open down the
// middle, SYN-RECEIVED left and SYN-SENT right, ESTABLISHED in the centre, the active close lower
// left and the passive close lower right.
//
// CLOSED appears twice, as in RFC 793's figure: on top, where connections begin, and at the bottom
// ("end"), where TIME-WAIT and LAST-ACK return, so that no edge has to climb the whole figure.
class StateDiagramLayout
{
public:
    struct Box
    {
        TcpState state = TcpState::Unknown;
        QRectF rect;
        bool end = false; // the second CLOSED box
    };

    struct Edge
    {
        const TcpTransition *transition = nullptr;
        QPolygonF line; // from the source box's border to the target box's border (arrow tip)
        bool endsAtEnd = false; // goes into the bottom CLOSED box
    };

    // Lays the diagram out in `size` pixels, with fonts derived from `font`.
    void layout(QSizeF size, const QFont &font);

    QSizeF size() const { return m_size; }
    const QList<Box> &boxes() const { return m_boxes; }
    const QList<Edge> &edges() const { return m_edges; }
    QRectF stateRect(TcpState state) const;
    QRectF endRect() const { return m_endRect; }
    const Edge *edge(const TcpTransition *transition) const;

    // Fonts and the length unit everything else scales with (1 at about 640x440).
    QFont nameFont() const { return m_nameFont; }
    QFont countFont() const { return m_countFont; }
    QFont smallFont() const { return m_smallFont; }
    double scale() const { return m_scale; }
    // Maps a normalized point of the layout table to pixels.
    QPointF map(QPointF normalized) const;

    // The point at fraction `t` of the polyline's length.
    static QPointF pointAlong(const QPolygonF &line, double t);
    // The direction (unit vector) of the polyline at fraction `t`.
    static QPointF directionAlong(const QPolygonF &line, double t);
    static double distanceTo(const QPolygonF &line, QPointF point);

private:
    QSizeF m_size;
    QList<Box> m_boxes;
    QList<Edge> m_edges;
    QRectF m_endRect;
    QFont m_nameFont;
    QFont m_countFont;
    QFont m_smallFont;
    double m_scale = 1;
};

} // namespace TcpLens
