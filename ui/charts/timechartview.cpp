// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "timechartview.h"

#include "charts/axisticks.h"
#include "charts/minmaxdownsampler.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "model/monotonicclock.h"
#include "uilogging.h"

#include <QAreaSeries>
#include <QElapsedTimer>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScopeGuard>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr qint64 MinimumSpanNs = 500'000'000; // zooming stops at half a second across
} // namespace

TimeChartView::TimeChartView(const QString &title, QWidget *parent)
    // The chart goes to QChartView's constructor: QChartView(parent) makes a chart of its own, which
    // setChart() would leave behind without an owner (LeakSanitizer found one per view).
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_timeAxis(new QValueAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart))
    , m_refreshTimer(new QTimer(this))
{
    m_chart->setTitle(title);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    // Seconds before the end of the view, as a scope shows them: the newest sample at 0 while
    // following; the title tells the wall-clock time of that end.
    m_timeAxis->setLabelFormat(u"%g"_s);
    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    m_timeAxis->setTickAnchor(0);
    m_timeAxis->setMinorTickCount(0);
    m_valueAxis->setLabelFormat(u"%g"_s);
    m_valueAxis->setMinorTickCount(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Drag to zoom in, wheel to zoom, Shift+wheel or middle-drag to pan, double-click to follow "
                  "the newest data again"));
    applyPalette();
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        // Following an empty chart moves nothing but the time axis: not worth a redraw 10 times a
        // second (an idle namespace's listener chart); new rows mark it dirty.
        const bool hasData = std::any_of(m_bindings.cbegin(), m_bindings.cend(),
            [](const Binding &binding) { return binding.model && binding.model->rowCount() > 0; });
        if (!m_frozen && (m_dirty || (m_following && hasData)))
            refresh();
    });
    // Started while shown only: a chart in a hidden dock, or one tabbed behind another, would redraw
    // ten times a second for nobody (the newcomer review found the window busy with every chart
    // hidden). Shown again, it catches up at once.
    m_refreshTimer->setInterval(m_refreshMs);
}

void TimeChartView::showEvent(QShowEvent *event)
{
    QChartView::showEvent(event);
    m_refreshTimer->start();
    if (!m_frozen)
        refresh();
}

void TimeChartView::hideEvent(QHideEvent *event)
{
    QChartView::hideEvent(event);
    m_refreshTimer->stop();
}

QColor TimeChartView::seriesColor(const QPalette &palette, int hue, int saturation)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return QColor::fromHsl(hue, saturation, dark ? 160 : 100);
}

void TimeChartView::applyPalette()
{
    const QPalette palette = this->palette();
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(40);
    m_chart->setBackgroundBrush(palette.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(palette.color(QPalette::Mid));
    }
    QBrush background(palette.color(QPalette::Base));
    setBackgroundBrush(background);
    for (const Binding &binding : std::as_const(m_bindings))
        recolor(binding);
}

void TimeChartView::recolor(const Binding &binding)
{
    // The same hue in the lightness that reads on the new background; greys follow the palette.
    const QPalette palette = this->palette();
    QColor grey = palette.color(QPalette::Text);
    grey.setAlpha(150);
    const QColor color = binding.color.hslSaturation() == 0
        ? grey
        : seriesColor(palette, binding.color.hslHue(), binding.color.hslSaturation());
    switch (binding.kind) {
    case Binding::Kind::Line: {
        QPen pen = binding.xy->pen();
        pen.setColor(color);
        binding.xy->setPen(pen);
        break;
    }
    case Binding::Kind::Events:
        binding.xy->setColor(color);
        if (auto *points = qobject_cast<QScatterSeries *>(binding.xy))
            points->setBorderColor(palette.color(QPalette::Base));
        break;
    case Binding::Kind::Area:
        if (auto *area = qobject_cast<QAreaSeries *>(binding.shown)) {
            QColor fill = color;
            fill.setAlpha(200);
            area->setBrush(fill);
            area->setPen(QPen(color.darker(130), 1));
        }
        break;
    }
}

void TimeChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void TimeChartView::attach(QAbstractSeries *series, const QString &tooltip)
{
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    const auto show = [this, name = series->name(), tooltip](bool state) {
        if (state)
            QToolTip::showText(
                QCursor::pos(), u"<b>%1</b><br>%2"_s.arg(name.toHtmlEscaped(), tooltip.toHtmlEscaped()), this);
        else
            QToolTip::hideText();
    };
    if (auto *xy = qobject_cast<QXYSeries *>(series))
        connect(xy, &QXYSeries::hovered, this, [show](const QPointF &, bool state) { show(state); });
    if (auto *area = qobject_cast<QAreaSeries *>(series))
        connect(area, &QAreaSeries::hovered, this, [show](const QPointF &, bool state) { show(state); });
    const auto markers = m_chart->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        connect(marker, &QLegendMarker::hovered, this, show);
}

void TimeChartView::scheduleRefresh()
{
    m_dirty = true;
}

QXYSeries *TimeChartView::addLine(
    TimeSeriesModel *model, int series, const QColor &color, const QString &tooltip, Qt::PenStyle style)
{
    auto *line = new QLineSeries;
    line->setName(model->seriesNames().value(series));
    attach(line, tooltip);
    QPen pen(color, 2);
    pen.setStyle(style);
    line->setPen(pen);
    m_bindings.append({Binding::Kind::Line, model, series, 0, line, nullptr, color, line});
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::modelReset, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    return line;
}

QXYSeries *TimeChartView::addEvents(TimeSeriesModel *model, int eventSeries, int heightSeries, const QString &name,
    const QColor &color, const QString &tooltip)
{
    auto *points = new QScatterSeries;
    points->setName(name);
    attach(points, tooltip);
    points->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    points->setMarkerSize(11);
    points->setColor(color);
    points->setBorderColor(palette().color(QPalette::Base));
    m_bindings.append({Binding::Kind::Events, model, eventSeries, heightSeries, points, nullptr, color, points});
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::modelReset, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    return points;
}

void TimeChartView::addStackedAreas(TimeSeriesModel *model, const QList<QColor> &colors, const QStringList &tooltips)
{
    for (int series = 0; series < model->seriesCount(); ++series) {
        auto *upper = new QLineSeries(m_chart);
        auto *lower = series == 0 ? nullptr : new QLineSeries(m_chart);
        auto *area = new QAreaSeries(upper, lower);
        area->setName(model->seriesNames().value(series));
        attach(area, tooltips.value(series));
        const QColor color = colors.value(series, palette().color(QPalette::Highlight));
        m_bindings.append({Binding::Kind::Area, model, series, 0, upper, lower, color, area});
        recolor(m_bindings.back());
    }
    connect(model, &QAbstractItemModel::rowsInserted, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::modelReset, this, &TimeChartView::scheduleRefresh, Qt::UniqueConnection);
}

void TimeChartView::setMarkerModel(TimelineMarkerModel *markers)
{
    m_markers = markers;
    connect(markers, &QAbstractItemModel::rowsInserted, this, [this] { viewport()->update(); });
    connect(markers, &QAbstractItemModel::rowsRemoved, this, [this] { viewport()->update(); });
}

void TimeChartView::setYAxisTitle(const QString &title)
{
    m_valueAxis->setTitleText(title);
}

void TimeChartView::setMinimumYMaximum(double minimum)
{
    m_minimumYMaximum = std::max(minimum, 1.0);
    scheduleRefresh();
}

void TimeChartView::setWindowNs(qint64 windowNs)
{
    m_windowNs = windowNs;
    follow();
}

void TimeChartView::setRefreshMs(int refreshMs)
{
    m_refreshMs = std::max(refreshMs, 16);
    m_refreshTimer->setInterval(m_refreshMs);
    if (isVisible())
        m_refreshTimer->start();
}

void TimeChartView::follow()
{
    const bool changed = !m_following;
    m_following = true;
    m_dirty = true;
    if (changed)
        Q_EMIT followingChanged(true);
    refresh();
}

void TimeChartView::showRange(qint64 fromNs, qint64 toNs)
{
    if (toNs - fromNs < MinimumSpanNs) {
        const qint64 middle = (fromNs + toNs) / 2;
        fromNs = middle - MinimumSpanNs / 2;
        toNs = middle + MinimumSpanNs / 2;
    }
    const bool changed = m_following;
    m_following = false;
    m_fromNs = fromNs;
    m_toNs = toNs;
    m_dirty = true;
    if (changed)
        Q_EMIT followingChanged(false);
    // An explicit range redraws even while frozen: zooming into a paused chart is the point of pausing.
    const bool frozen = m_frozen;
    m_frozen = false;
    refresh();
    m_frozen = frozen;
}

void TimeChartView::chooseRange(qint64 fromNs, qint64 toNs)
{
    showRange(fromNs, toNs);
    Q_EMIT rangeChosen(m_fromNs, m_toNs);
}

void TimeChartView::setFrozen(bool frozen)
{
    m_frozen = frozen;
    if (!frozen)
        refresh();
}

void TimeChartView::refreshAreas(TimeSeriesModel *model, int buckets)
{
    // Cumulative sums, one decimated row per bucket at most (the state counts come once a poll; a
    // stack has no single peak to keep).
    const int first = std::max(0, model->lowerBound(m_fromNs) - 1);
    const int end = std::min(model->rowCount(), model->lowerBound(m_toNs) + 1);
    const int step = std::max(1, (end - first) / std::max(buckets, 1));
    const int count = model->seriesCount();
    std::vector<QList<QPointF>> uppers;
    uppers.resize(std::size_t(count));
    for (int row = first; row < end; row += step) {
        const double x = double(model->timeAt(row) - m_toNs) / 1e9;
        double sum = 0;
        for (int series = 0; series < count; ++series) {
            sum += model->valueAt(row, series);
            uppers[std::size_t(series)].append({x, sum});
        }
    }
    for (const Binding &binding : std::as_const(m_bindings)) {
        if (binding.kind != Binding::Kind::Area || binding.model != model)
            continue;
        binding.xy->replace(uppers[std::size_t(binding.series)]);
        if (binding.lower)
            binding.lower->replace(uppers[std::size_t(binding.series - 1)]);
    }
}

void TimeChartView::setClock(std::function<qint64()> nowNs)
{
    m_nowNs = std::move(nowNs);
    scheduleRefresh();
}

void TimeChartView::refresh()
{
    if (m_frozen)
        return;
    if (m_following) {
        m_toNs = m_nowNs ? m_nowNs() : MonotonicClock::nowNs();
        m_fromNs = m_toNs - m_windowNs;
    }
    m_dirty = false;
    QElapsedTimer took;
    took.start();
    const auto pace = qScopeGuard([&] {
        // Qt Charts lays every point out again on replace(), on the GUI thread: on a loaded machine
        // the listener chart took 20 ms at 15 refreshes a second. Redrawing takes at most a tenth of
        // the thread; a chart that costs more moves less often, never less than once a second.
        const auto costMs = int(took.elapsed());
        m_refreshTimer->setInterval(std::clamp(10 * costMs, m_refreshMs, std::max(m_refreshMs, 1000)));
        if (costMs > 16)
            qCDebug(lcUi) << "chart" << m_chart->title() << "refreshed in" << costMs << "ms";
    });
    // A min/max pair per bucket: one bucket per two pixels draws a point per pixel.
    const int buckets = std::max(50, int(m_chart->plotArea().width()) / 2);
    double top = 0;
    QList<TimeSeriesModel *> areaModels;
    for (const Binding &binding : std::as_const(m_bindings)) {
        if (!binding.model)
            continue;
        QList<QPointF> points;
        switch (binding.kind) {
        case Binding::Kind::Line:
            points = MinMaxDownsampler::lines(*binding.model, binding.series, m_fromNs, m_toNs, buckets, m_toNs);
            binding.xy->replace(points);
            break;
        case Binding::Kind::Events:
            points = MinMaxDownsampler::events(
                *binding.model, binding.series, binding.heightSeries, m_fromNs, m_toNs, buckets, m_toNs);
            binding.xy->replace(points);
            break;
        case Binding::Kind::Area:
            if (!areaModels.contains(binding.model.data())) {
                areaModels.append(binding.model.data());
                refreshAreas(binding.model.data(), buckets);
            }
            points = binding.xy->points();
            break;
        }
        for (const QPointF &point : std::as_const(points))
            top = std::max(top, point.y());
    }
    const double span = double(m_toNs - m_fromNs) / 1e9;
    m_timeAxis->setRange(-span, 0);
    m_timeAxis->setTickInterval(AxisTicks::niceInterval(span, 6));
    const QString timeTitle = m_following
        ? tr("seconds before now")
        : tr("seconds before %1").arg(MonotonicClock::wallTime(m_toNs).toString(u"hh:mm:ss.zzz"_s));
    if (m_timeAxis->titleText() != timeTitle)
        m_timeAxis->setTitleText(timeTitle);
    // Some headroom above the highest point, so a curve at its maximum does not hide in the frame.
    const double yMax = std::max(m_minimumYMaximum, top * 1.15);
    if (!qFuzzyCompare(m_valueAxis->max(), yMax) || m_valueAxis->min() != 0) {
        m_valueAxis->setRange(0, yMax);
        m_valueAxis->applyNiceNumbers();
        m_valueAxis->setMin(0);
    }
    viewport()->update();
}

qint64 TimeChartView::timeAtX(double sceneX) const
{
    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    if (plot.width() <= 0)
        return m_fromNs;
    const double share = (sceneX - plot.left()) / plot.width();
    return m_fromNs + qint64(share * double(m_toNs - m_fromNs));
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (!m_markers || m_toNs <= m_fromNs)
        return;
    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    const QPalette palette = this->palette();
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics metrics(font);
    painter->save();
    painter->setFont(font);
    painter->setRenderHint(QPainter::Antialiasing, false);
    int lane = 0;
    for (const TimelineMarker &marker : m_markers->markers()) {
        if (marker.monotonicNs < m_fromNs || marker.monotonicNs > m_toNs)
            continue;
        const double x = plot.left() + double(marker.monotonicNs - m_fromNs) / double(m_toNs - m_fromNs) * plot.width();
        const QColor color = marker.kind == TimelineMarker::Kind::SysctlChange ? seriesColor(palette, 285, 180)
                                                                               : seriesColor(palette, 180, 160);
        QPen pen(color, 1.5, Qt::DashLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // Labels take turns on three lanes so that markers close together stay readable.
        const QString text = metrics.elidedText(marker.label, Qt::ElideRight, int(plot.width() / 2));
        QRectF box(0, 0, metrics.horizontalAdvance(text) + 8, metrics.height() + 2);
        box.moveTop(plot.top() + 2 + (lane++ % 3) * (box.height() + 2));
        if (x + 3 + box.width() <= plot.right())
            box.moveLeft(x + 3);
        else
            box.moveRight(x - 3);
        QColor background = palette.color(QPalette::Base);
        background.setAlpha(220);
        painter->fillRect(box, background);
        painter->setPen(color);
        painter->drawRect(box);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    const qint64 span = m_toNs - m_fromNs;
    if (event->modifiers() & Qt::ShiftModifier) {
        const qint64 shift = qint64(-steps * 0.1 * double(span));
        chooseRange(m_fromNs + shift, m_toNs + shift);
    } else {
        const double factor = std::pow(0.8, steps);
        const qint64 anchor = timeAtX(mapToScene(event->position().toPoint()).x());
        chooseRange(
            anchor - qint64(double(anchor - m_fromNs) * factor), anchor + qint64(double(m_toNs - anchor) * factor));
    }
    event->accept();
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panStartX = event->position().x();
        m_panStartFromNs = m_fromNs;
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept(); // QChartView would zoom out on release; we go back to following instead
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const double width = std::max(1.0, m_chart->plotArea().width());
        const qint64 span = m_toNs - m_fromNs;
        const qint64 from = m_panStartFromNs - qint64((event->position().x() - m_panStartX) / width * double(span));
        chooseRange(from, from + span);
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton && m_panning) {
        m_panning = false;
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        follow();
        event->accept();
        return;
    }
    const double before = m_timeAxis->min();
    const double beforeMax = m_timeAxis->max();
    const qint64 originNs = m_toNs;
    QChartView::mouseReleaseEvent(event);
    // The rubber band zoomed the axes directly: take the range from them.
    if (m_timeAxis->min() != before || m_timeAxis->max() != beforeMax)
        chooseRange(originNs + qint64(m_timeAxis->min() * 1e9), originNs + qint64(m_timeAxis->max() * 1e9));
}

void TimeChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    follow();
    event->accept();
}

void TimeChartView::keyPressEvent(QKeyEvent *event)
{
    const qint64 span = m_toNs - m_fromNs;
    switch (event->key()) {
    case Qt::Key_Left:
        chooseRange(m_fromNs - span / 10, m_toNs - span / 10);
        break;
    case Qt::Key_Right:
        chooseRange(m_fromNs + span / 10, m_toNs + span / 10);
        break;
    case Qt::Key_Plus:
        chooseRange(m_fromNs + span / 5, m_toNs - span / 5);
        break;
    case Qt::Key_Minus:
        chooseRange(m_fromNs - span / 4, m_toNs + span / 4);
        break;
    case Qt::Key_Home:
    case Qt::Key_Escape:
        follow();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace TcpLens
