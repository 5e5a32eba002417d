// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "counterpanel.h"

#include "statecolors.h"

#include "charts/charttoolbar.h"
#include "charts/timechartview.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"
#include "proc/countercatalog.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollArea>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
// What a state means, in one line, for the stacked chart's tooltips.
QString stateExplanation(TcpState state)
{
    switch (state) {
    case TcpState::Established:
        return CounterPanel::tr("Connected: data flows both ways");
    case TcpState::SynSent:
        return CounterPanel::tr("Our SYN is out, waiting for the SYN-ACK (connect() in progress)");
    case TcpState::SynRecv:
        return CounterPanel::tr(
            "A SYN came and was answered (the SYN queue): waiting for the final ACK, or acked and held "
            "back by a full accept queue or TCP_DEFER_ACCEPT");
    case TcpState::FinWait1:
        return CounterPanel::tr("We closed and sent a FIN; waiting for its ACK");
    case TcpState::FinWait2:
        return CounterPanel::tr("Our FIN was acknowledged; waiting for the peer's FIN (tcp_fin_timeout once orphaned)");
    case TcpState::CloseWait:
        return CounterPanel::tr("The peer closed; waiting for our process to close() too");
    case TcpState::LastAck:
        return CounterPanel::tr("Both closed, our FIN is out; waiting for its ACK");
    case TcpState::Closing:
        return CounterPanel::tr("Both sides sent FINs at once; waiting for the ACK of ours");
    case TcpState::TimeWait:
        return CounterPanel::tr("Closed first; waiting 60 s so late segments of this connection die out");
    case TcpState::Listen:
        return CounterPanel::tr("Listening sockets waiting for SYNs");
    default:
        return {};
    }
}
} // namespace

QStringList CounterPanel::groups()
{
    return {u"handshake"_s, u"close"_s, u"retransmission"_s, u"fastopen"_s};
}

QList<TcpState> CounterPanel::states()
{
    // Bottom to top: the long-lived states under the short-lived ones, so bursts stand out on top.
    return {TcpState::Listen, TcpState::Established, TcpState::SynSent, TcpState::SynRecv, TcpState::FinWait1,
        TcpState::FinWait2, TcpState::CloseWait, TcpState::LastAck, TcpState::Closing, TcpState::TimeWait};
}

CounterPanel::CounterPanel(QWidget *parent)
    : QWidget(parent)
    , m_toolBar(new ChartToolBar(this))
    , m_grid(new QWidget(this))
    , m_markers(new TimelineMarkerModel(this))
{
    auto *grid = new QGridLayout(m_grid);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    const CounterCatalog &catalog = CounterCatalog::builtIn();
    const QPalette palette = this->palette();
    for (const QString &group : groups()) {
        QStringList names;
        QStringList tooltips;
        QList<QByteArray> counters;
        for (const CounterDescription &counter : catalog.counters()) {
            if (counter.group != group || counter.gauge)
                continue;
            counters.append(counter.name);
            names.append(QString::fromLatin1(counter.name.mid(counter.name.indexOf('.') + 1)));
            tooltips.append(counter.explanation);
        }
        auto *model = new TimeSeriesModel(names, this);
        m_rateModels.insert(group, model);
        m_counterNames.insert(group, counters);
        TimeChartView *chart = addChart(catalog.groupTitle(group), tr("per second"));
        m_chartModels.append(model);
        for (int series = 0; series < names.size(); ++series) {
            // Hues spread over the circle, so neighbours in the legend differ most.
            const int hue = (series * 360 / int(names.size()) + 200) % 360;
            chart->addLine(model, series, TimeChartView::seriesColor(palette, hue), tooltips.at(series));
        }
    }

    QStringList stateNames;
    QStringList stateTips;
    QList<QColor> stateColors;
    const QList<TcpState> shown = states();
    for (int i = 0; i < shown.size(); ++i) {
        stateNames.append(QString::fromLatin1(stateRfcName(shown.at(i))));
        stateTips.append(stateExplanation(shown.at(i)));
        // The colours the timeline and the rest of the window give each state.
        stateColors.append(StateColors::color(shown.at(i), palette));
    }
    m_states = new TimeSeriesModel(stateNames, this);
    TimeChartView *stateChart = addChart(tr("Connections by state"), tr("sockets"));
    m_chartModels.append(m_states);
    stateChart->addStackedAreas(m_states, stateColors, stateTips);

    m_markerTable = new QTableView(m_grid);
    QTableView *markerTable = m_markerTable;
    markerTable->setModel(m_markers);
    markerTable->verticalHeader()->hide();
    markerTable->horizontalHeader()->setStretchLastSection(true);
    markerTable->setToolTip(tr("Changes found while watching: the dashed lines on the charts"));
    // Sized when rows come: ResizeToContents measured the empty table once and kept its widths.
    connect(m_markers, &QAbstractItemModel::rowsInserted, markerTable, [markerTable] {
        markerTable->resizeColumnToContents(TimelineMarkerModel::TimeColumn);
        markerTable->resizeColumnToContents(TimelineMarkerModel::KindColumn);
    });

    placeCharts(2);

    // Five charts need room; in a short dock they scroll rather than claim the window's height.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_grid);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(scroll, 1);

    connect(m_toolBar, &ChartToolBar::windowChosen, this, &CounterPanel::setWindowNs);
    connect(m_toolBar, &ChartToolBar::pausedChanged, this, &CounterPanel::setPaused);
    connect(m_toolBar, &ChartToolBar::exportPngRequested, this, &CounterPanel::exportPngInteractively);
    connect(m_toolBar, &ChartToolBar::exportCsvRequested, this, &CounterPanel::exportCsvInteractively);
    for (TimeChartView *chart : std::as_const(m_charts)) {
        connect(m_toolBar, &ChartToolBar::followRequested, chart, &TimeChartView::follow);
        // The charts move together: one time axis for the whole panel.
        connect(chart, &TimeChartView::rangeChosen, this, [this, chart](qint64 fromNs, qint64 toNs) {
            for (TimeChartView *other : std::as_const(m_charts)) {
                if (other != chart)
                    other->showRange(fromNs, toNs);
            }
            m_toolBar->setFollowing(false);
        });
        connect(chart, &TimeChartView::followingChanged, this, [this](bool following) {
            if (!following)
                return;
            for (TimeChartView *other : std::as_const(m_charts)) {
                if (!other->isFollowing())
                    other->follow();
            }
            m_toolBar->setFollowing(true);
        });
    }
    m_toolBar->setStatus(tr("Rates once a second; hover a curve or legend entry for what it counts"));
    setWindowNs(m_toolBar->windowNs());
}

CounterPanel::~CounterPanel() = default;

void CounterPanel::placeCharts(int columns)
{
    auto *grid = static_cast<QGridLayout *>(m_grid->layout());
    if (columns == m_columns)
        return;
    m_columns = columns;
    while (grid->count() > 0)
        delete grid->takeAt(0);
    for (int row = 0; row < grid->rowCount(); ++row)
        grid->setRowStretch(row, 0);
    for (int i = 0; i < m_charts.size(); ++i)
        grid->addWidget(m_charts.at(i), i / columns, i % columns);
    grid->addWidget(m_markerTable, int(m_charts.size()) / columns, int(m_charts.size()) % columns);
    for (int row = 0; row <= int(m_charts.size()) / columns; ++row)
        grid->setRowStretch(row, 1);
}

void CounterPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Two charts a row where they fit side by side, one a row (scrolling down) where they do not:
    // a narrow dock must not hide the second column.
    const int needed = 2 * ChartMinimumWidth + 4 + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 24;
    placeCharts(width() >= needed ? 2 : 1);
}

TimeChartView *CounterPanel::addChart(const QString &title, const QString &yTitle)
{
    auto *chart = new TimeChartView(title, m_grid);
    chart->setYAxisTitle(yTitle);
    chart->setMarkerModel(m_markers);
    // The data comes once a second: two frames a second keep the time axis moving smoothly enough.
    chart->setRefreshMs(500);
    chart->setMinimumSize(ChartMinimumWidth, 180);
    // On the right, one entry a line: at the bottom the catalog's long names would be cut short.
    chart->chart()->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = chart->chart()->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->chart()->legend()->setFont(legendFont);
    m_charts.append(chart);
    return chart;
}

void CounterPanel::setConnections(LiveConnections *connections)
{
    if (m_connections)
        disconnect(m_connections, nullptr, this, nullptr);
    m_connections = connections;
    if (!connections)
        return;
    connect(connections, &LiveConnections::countersSampled, this, &CounterPanel::addCounterChanges);
    connect(connections, &LiveConnections::stateCountsChanged, this, &CounterPanel::addStateCounts);
    connect(connections, &LiveConnections::sysctlChanged, this,
        [this](const SysctlChange &change, qint64 monotonicNs) { addSysctlChange(change, monotonicNs); });
    connect(connections, &LiveConnections::markerAdded, this, &CounterPanel::addMarker);
}

qint64 CounterPanel::windowNs() const
{
    return m_toolBar->windowNs();
}

void CounterPanel::setWindowNs(qint64 windowNs)
{
    m_toolBar->setWindowNs(windowNs);
    for (TimeChartView *chart : std::as_const(m_charts))
        chart->setWindowNs(windowNs);
}

void CounterPanel::setPaused(bool paused)
{
    m_toolBar->setPaused(paused);
    for (TimeChartView *chart : std::as_const(m_charts))
        chart->setFrozen(paused);
}

void CounterPanel::addCounterChanges(qint64 monotonicNs, const QList<CounterChange> &changes)
{
    QHash<QByteArrayView, double> rates;
    rates.reserve(changes.size());
    for (const CounterChange &change : changes)
        rates.insert(change.name, change.perSecond);
    for (auto it = m_rateModels.cbegin(); it != m_rateModels.cend(); ++it) {
        const QList<QByteArray> &names = m_counterNames[it.key()];
        std::vector<double> values;
        values.reserve(std::size_t(names.size()));
        for (const QByteArray &name : names)
            values.push_back(rates.value(name, 0.0));
        it.value()->append(monotonicNs, values);
        it.value()->removeBefore(monotonicNs - KeptNs);
    }
    m_markers->removeBefore(monotonicNs - KeptNs);
}

void CounterPanel::addStateCounts(qint64 monotonicNs, const QHash<TcpState, int> &counts)
{
    if (m_states->rowCount() > 0 && monotonicNs <= m_states->timeAt(m_states->rowCount() - 1))
        return;
    std::vector<double> values;
    for (const TcpState state : states()) {
        int count = counts.value(state);
        // Request sockets are the SYN queue: users know them as SYN-RECV.
        if (state == TcpState::SynRecv)
            count += counts.value(TcpState::NewSynRecv);
        values.push_back(count);
    }
    m_states->append(monotonicNs, values);
    m_states->removeBefore(monotonicNs - KeptNs);
}

void CounterPanel::addSysctlChange(const SysctlChange &change, qint64 monotonicNs)
{
    m_markers->addSysctlChange(change, monotonicNs);
}

void CounterPanel::addMarker(const TimelineMarker &marker)
{
    m_markers->addMarker(marker);
}

std::expected<void, QString> CounterPanel::exportPng(const QString &path)
{
    // A chart that is not shown does not redraw by itself.
    for (TimeChartView *chart : std::as_const(m_charts))
        chart->refresh();
    if (!m_grid->grab().save(path, "PNG"))
        return std::unexpected(tr("Could not write %1").arg(path));
    return {};
}

std::expected<void, QString> CounterPanel::exportCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return std::unexpected(tr("Could not write %1: %2").arg(path, file.errorString()));
    QByteArray text = "time,monotonic_s,chart,series,value\n";
    for (int i = 0; i < m_charts.size(); ++i) {
        const TimeChartView *chart = m_charts.at(i);
        const TimeSeriesModel *model = m_chartModels.at(i);
        QByteArray title = chart->chart()->title().toUtf8();
        title.replace('"', "\"\"");
        const int first = model->lowerBound(chart->viewFromNs());
        const int end = model->lowerBound(chart->viewToNs() + 1);
        for (int row = first; row < end; ++row) {
            const QByteArray time = MonotonicClock::wallTime(model->timeAt(row)).toString(Qt::ISODateWithMs).toUtf8() +
                ',' + QByteArray::number(double(model->timeAt(row)) / 1e9, 'f', 3);
            for (int series = 0; series < model->seriesCount(); ++series) {
                text += time + ",\"" + title + "\"," + model->seriesNames().at(series).toUtf8() + ',' +
                    QByteArray::number(model->valueAt(row, series)) + '\n';
            }
        }
    }
    file.write(text);
    if (!file.commit())
        return std::unexpected(tr("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

void CounterPanel::exportPngInteractively()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export charts"), u"counters.png"_s, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (auto written = exportPng(path); !written)
        QMessageBox::warning(this, tr("Export charts"), written.error());
}

void CounterPanel::exportCsvInteractively()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export rates"), u"counters.csv"_s, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto written = exportCsv(path); !written)
        QMessageBox::warning(this, tr("Export rates"), written.error());
}

} // namespace TcpLens
