// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QLineSeries;
class QValueAxis;

namespace TcpLens {

// One small line chart of a connection's figures over time (seconds since it opened), with faint
// vertical lines where the connection changed state, so a jump of RTT or cwnd can be read against
// the state it happened in. Coloured from the palette.
class SampleChartView : public QChartView
{
    Q_OBJECT
public:
    struct StateMarker
    {
        qreal seconds = 0;
        QString label; // the state entered
    };

    SampleChartView(const QString &title, const QStringList &seriesNames, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Points of series `index`, x in seconds since the connection opened.
    void setPoints(int index, const QList<QPointF> &points);
    // The x range [0, seconds] and the y range [0, the largest value, rounded up].
    void setRanges(qreal seconds, qreal largestValue);
    void setStateMarkers(const QList<StateMarker> &markers);
    QLineSeries *series(int index) const { return m_series.at(index); }
    QValueAxis *xAxis() const { return m_xAxis; }
    QValueAxis *yAxis() const { return m_yAxis; }

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyPalette();
    void applyRanges();
    void updateTitle();

    QList<QLineSeries *> m_series;
    QValueAxis *m_xAxis;
    QValueAxis *m_yAxis;
    QList<StateMarker> m_markers;
    QString m_title;
    qreal m_seconds = 1;
    qreal m_largest = 1;
};

} // namespace TcpLens
