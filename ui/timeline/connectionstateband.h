// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QRectF>
#include <QWidget>

namespace TcpLens {

class ConnectionTimelineModel;

// A connection's life as one horizontal strip, a segment per state, each as wide as the state lasted.
// A handshake of 100 µs next to a TIME-WAIT of 60 s would vanish, so every segment is at least as
// wide as its label. Exact steps are filled, polled ones hatched, inferred ones only outlined; hovering
// a segment tells its step. Reads the timeline model, repaints when it changes.
class ConnectionStateBand : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionStateBand(ConnectionTimelineModel *model, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    struct Segment
    {
        QRectF rect;
        int row = -1;
    };
    // The segments as they are laid out in the current width (exposed for tests).
    QList<Segment> segments() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int stripHeight() const;
    QRectF stripRect() const;
    void paintSegment(QPainter &painter, const Segment &segment) const;
    // Paints the exact/polled/inferred legend at the right of `area`; returns where it begins.
    qreal paintLegend(QPainter &painter, const QRectF &area) const;

    ConnectionTimelineModel *m_model;
};

} // namespace TcpLens
