// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "samplechartview.h"

#include "charts/axisticks.h"
#include "statecolors.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <array>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QFont smallFont(const QFont &base, qreal factor = 0.85)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    return font;
}

// An axis from 0 to `value` or a little more, with about `ticks` intervals a reader takes in at a glance.
void setNiceRange(QValueAxis *axis, qreal value, int ticks)
{
    axis->setTickInterval(AxisTicks::niceInterval(value, ticks));
    axis->setRange(0, AxisTicks::niceEnd(value, ticks));
}

} // namespace

SampleChartView::SampleChartView(const QString &title, const QStringList &seriesNames, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_xAxis(new QValueAxis)
    , m_yAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(160, 120);
    QChart *chart = this->chart();
    m_title = title;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->addAxis(m_xAxis, Qt::AlignBottom);
    chart->addAxis(m_yAxis, Qt::AlignLeft);
    m_xAxis->setLabelFormat(u"%g s"_s);
    m_yAxis->setLabelFormat(u"%g"_s);
    for (QValueAxis *axis : {m_xAxis, m_yAxis}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
        axis->setTickInterval(0.25);
        axis->setMinorTickCount(0);
    }
    m_xAxis->setRange(0, 1);
    m_yAxis->setRange(0, 1);
    for (const QString &name : seriesNames) {
        auto *series = new QLineSeries(chart);
        series->setName(name);
        chart->addSeries(series);
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
        m_series.append(series);
    }
    chart->legend()->setVisible(false);
    applyPalette();
}

void SampleChartView::setTitle(const QString &title)
{
    m_title = title;
    updateTitle();
}

void SampleChartView::updateTitle()
{
    if (m_series.size() < 2) {
        chart()->setTitle(m_title.toHtmlEscaped());
        return;
    }
    // Several series are named in the title, each in its colour, instead of a legend that would
    // shrink this plot and set it apart from its neighbours.
    QStringList names;
    for (const QLineSeries *series : std::as_const(m_series))
        names.append(u"<span style=\"color:%1\">━ %2</span>"_s.arg(
            series->pen().color().name(), series->name().toHtmlEscaped()));
    chart()->setTitle(u"%1 %2"_s.arg(m_title.toHtmlEscaped(), names.join(u' ')));
}

void SampleChartView::setPoints(int index, const QList<QPointF> &points)
{
    m_series.at(index)->replace(points);
}

void SampleChartView::setRanges(qreal seconds, qreal largestValue)
{
    m_seconds = qMax<qreal>(seconds, 0.001);
    m_largest = largestValue > 0 ? largestValue * 1.05 : 1;
    applyRanges();
}

void SampleChartView::applyRanges()
{
    // As many ticks as their labels have room for ("0.15 s" is about 40 pixels wide): a narrow chart
    // gets fewer rather than labels cut to "0.1…".
    const QFontMetrics metrics(m_xAxis->labelsFont());
    const int xTicks = std::clamp(width() / (metrics.horizontalAdvance(u"0.15 s"_s) * 2), 2, 6);
    const int yTicks = std::clamp(height() / (metrics.height() * 3), 2, 5);
    setNiceRange(m_xAxis, m_seconds, xTicks);
    setNiceRange(m_yAxis, m_largest, yTicks);
    viewport()->update();
}

void SampleChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    applyRanges();
}

void SampleChartView::setStateMarkers(const QList<StateMarker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

void SampleChartView::applyPalette()
{
    const QPalette palette = this->palette();
    QChart *chart = this->chart();
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.color(QPalette::WindowText));
    chart->setTitleFont(smallFont(font(), 0.95));
    QColor grid = palette.color(QPalette::WindowText);
    grid.setAlphaF(0.12);
    QColor axisLine = palette.color(QPalette::WindowText);
    axisLine.setAlphaF(0.4);
    for (QValueAxis *axis : {m_xAxis, m_yAxis}) {
        axis->setLabelsBrush(palette.color(QPalette::WindowText));
        axis->setLabelsFont(smallFont(font(), 0.8));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(axisLine);
    }
    // The first series in the palette's highlight, the second in a hue across the wheel from it.
    const QColor first = palette.color(QPalette::Highlight);
    const QColor second = QColor::fromHsl(
        (first.hslHue() + 150) % 360, qMax(first.hslSaturation(), 140), StateColors::isDark(palette) ? 160 : 100);
    for (int i = 0; i < m_series.size(); ++i) {
        QPen pen(i == 0 ? first : second, 2);
        m_series.at(i)->setPen(pen);
    }
    updateTitle();
}

void SampleChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void SampleChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_markers.isEmpty())
        return;
    const QRectF plot = chart()->plotArea();
    QColor line = palette().color(QPalette::WindowText);
    line.setAlphaF(0.3);
    QColor text = palette().color(QPalette::WindowText);
    text.setAlphaF(0.6);
    painter->save();
    painter->setFont(smallFont(font(), 0.75));
    const QFontMetricsF metrics(painter->font());
    // Labels go in rows below the plot's top edge; one that would overlap the label before it in
    // its row tries the next row, and is left out (its line stays) when all are taken.
    constexpr int LabelRows = 3;
    std::array<qreal, LabelRows> rowRight;
    rowRight.fill(plot.left() - 1000);
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        const StateMarker &marker = m_markers.at(i);
        const qreal x = chart()->mapToPosition(QPointF(marker.seconds, m_yAxis->min()), m_series.constFirst()).x();
        // States entered within a few pixels of each other (at one poll, or a handshake of
        // microseconds) share one line, named after the last of them.
        if (i + 1 < m_markers.size()) {
            const qreal nextX =
                chart()->mapToPosition(QPointF(m_markers.at(i + 1).seconds, m_yAxis->min()), m_series.constFirst()).x();
            if (nextX - x < 3)
                continue;
        }
        if (x < plot.left() - 0.5 || x > plot.right() + 0.5)
            continue;
        painter->setPen(QPen(line, 1, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const qreal width = metrics.horizontalAdvance(marker.label);
        const qreal left = qMin(x + 2, plot.right() - width);
        for (int row = 0; row < LabelRows; ++row) {
            if (left < rowRight[row] + 4)
                continue;
            painter->setPen(text);
            painter->drawText(QPointF(left, plot.top() + metrics.ascent() + row * metrics.height()), marker.label);
            rowRight[row] = left + width;
            break;
        }
    }
    painter->restore();
}

} // namespace TcpLens
