// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QChartView>
#include <QList>
#include <QPointer>

#include <functional>

class QAbstractSeries;
class QTimer;
class QValueAxis;
class QXYSeries;

namespace TcpLens {

class TimeSeriesModel;
class TimelineMarkerModel;

// A chart of time series models against wall-clock time, refreshed at most `refreshMs` apart (never
// per sample): each refresh replaces every series' points with the visible range downsampled to the
// plot's width (MinMaxDownsampler), so a refresh costs the same at 20 Hz or 1 Hz and a peak never
// disappears. Follows the newest `windowNs` until the user zooms (rubber band, wheel) or pans
// (middle-button drag, Shift+wheel, arrow keys); a double or right click goes back to following.
// Draws the markers of a TimelineMarkerModel as labelled vertical lines. Colours come from the palette.
class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimeChartView(const QString &title, QWidget *parent = nullptr);

    // A line through the values of one series of `model`. `tooltip` shows on hover (line and legend).
    QXYSeries *addLine(TimeSeriesModel *model, int series, const QColor &color, const QString &tooltip,
        Qt::PenStyle style = Qt::SolidLine);
    // A point for each bucket where `eventSeries` > 0, at the height of `heightSeries`.
    QXYSeries *addEvents(TimeSeriesModel *model, int eventSeries, int heightSeries, const QString &name,
        const QColor &color, const QString &tooltip);
    // Stacked areas, one per series of `model`, bottom first.
    void addStackedAreas(TimeSeriesModel *model, const QList<QColor> &colors, const QStringList &tooltips);
    void setMarkerModel(TimelineMarkerModel *markers);
    void setYAxisTitle(const QString &title);
    // The y axis shows at least 0..minimum (a queue limit that must stay in view).
    void setMinimumYMaximum(double minimum);

    qint64 windowNs() const { return m_windowNs; }
    void setWindowNs(qint64 windowNs);
    void setRefreshMs(int refreshMs);
    // What "now" is, for a chart that follows the newest data: this machine's CLOCK_MONOTONIC by
    // default; a replay's position while a recording plays (its samples are from another time).
    void setClock(std::function<qint64()> nowNs);
    bool isFollowing() const { return m_following; }
    // The time range shown now (CLOCK_MONOTONIC ns).
    qint64 viewFromNs() const { return m_fromNs; }
    qint64 viewToNs() const { return m_toNs; }
    bool isFrozen() const { return m_frozen; }

    // The palette's idea of a series colour: `hue` with a lightness that reads on the chart's background.
    static QColor seriesColor(const QPalette &palette, int hue, int saturation = 200);

public Q_SLOTS:
    void follow();
    void showRange(qint64 fromNs, qint64 toNs);
    // Frozen: nothing moves or redraws until unfrozen (pause); the models keep filling.
    void setFrozen(bool frozen);
    void refresh();

Q_SIGNALS:
    // The user zoomed or panned this chart: the panel moves its other charts along.
    void rangeChosen(qint64 fromNs, qint64 toNs);
    void followingChanged(bool following);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Binding
    {
        enum class Kind { Line, Events, Area } kind = Kind::Line;
        QPointer<TimeSeriesModel> model;
        int series = 0;
        int heightSeries = 0;
        QXYSeries *xy = nullptr;
        QXYSeries *lower = nullptr; // Area: the previous area's upper line
        QColor color; // as asked for; its hue is kept when the palette changes
        QAbstractSeries *shown = nullptr; // what the chart holds (the area for Area)
    };
    void recolor(const Binding &binding);

    void applyPalette();
    void attach(QAbstractSeries *series, const QString &tooltip);
    void scheduleRefresh();
    void chooseRange(qint64 fromNs, qint64 toNs);
    qint64 timeAtX(double sceneX) const;
    void refreshAreas(TimeSeriesModel *model, int buckets);

    QChart *m_chart;
    QValueAxis *m_timeAxis; // seconds before m_toNs
    QValueAxis *m_valueAxis;
    QTimer *m_refreshTimer;
    QList<Binding> m_bindings;
    QPointer<TimelineMarkerModel> m_markers;
    qint64 m_windowNs = 5LL * 60 * 1'000'000'000;
    qint64 m_fromNs = 0;
    qint64 m_toNs = 0;
    double m_minimumYMaximum = 1;
    bool m_following = true;
    bool m_frozen = false;
    bool m_dirty = true;
    int m_refreshMs = 100; // as asked; the timer's interval grows when a refresh costs more
    bool m_panning = false;
    std::function<qint64()> m_nowNs;
    double m_panStartX = 0;
    qint64 m_panStartFromNs = 0;
};

} // namespace TcpLens
