// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenerpanel.h"

#include "charts/charttoolbar.h"
#include "charts/listenertablemodel.h"
#include "charts/timechartview.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "model/monotonicclock.h"
#include "pipeline/liveconnections.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

namespace TcpLens {

ListenerPanel::ListenerPanel(QWidget *parent)
    : QWidget(parent)
    , m_toolBar(new ChartToolBar(this))
    , m_table(new QTableView(this))
    , m_hint(new QLabel(this))
    , m_chart(new TimeChartView(tr("Accept and SYN queue of the selected listener"), this))
    , m_listeners(new ListenerTableModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_history(new TimeSeriesModel(
          {tr("Accept queue"), tr("Queue limit"), tr("SYN queue"), tr("Overflows"), tr("Drops")}, this))
    , m_markers(new TimelineMarkerModel(this))
    , m_windowNs(m_toolBar->windowNs())
{
    m_sorted->setSourceModel(m_listeners);
    m_sorted->setSortRole(ListenerTableModel::SortRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ListenerTableModel::EndpointColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);

    const QPalette palette = this->palette();
    const QString acceptTip = tr("Connections that completed the handshake and wait for accept() (idiag_rqueue, "
                                 "sk_ack_backlog)");
    m_chart->addLine(m_history, AcceptQueueSeries, TimeChartView::seriesColor(palette, 210), acceptTip);
    m_chart->addLine(m_history, AcceptLimitSeries, QColor(Qt::gray),
        tr("min(backlog, net.core.somaxconn) when listen() ran. sk_acceptq_is_full() compares with '>', so the "
           "queue holds one more than this"),
        Qt::DashLine);
    m_chart->addLine(m_history, SynQueueSeries, TimeChartView::seriesColor(palette, 35),
        tr("Request sockets (SYN-RECV) in the SYN queue: waiting for the client's final ACK, or acked and held "
           "back because the accept queue was full or TCP_DEFER_ACCEPT waits for data"));
    m_chart->addEvents(m_history, OverflowsSeries, AcceptQueueSeries, tr("Overflows"),
        TimeChartView::seriesColor(palette, 0, 230),
        tr("TcpExt.ListenOverflows attributed to this listener: a handshake completed (or a SYN came) while its "
           "accept queue was full; the kernel dropped it, and the request socket retransmits its SYN-ACK until the "
           "client's answer finds room"));
    m_chart->addEvents(m_history, DropsSeries, SynQueueSeries, tr("Drops"),
        TimeChartView::seriesColor(palette, 300, 200),
        tr("TcpExt.ListenDrops beyond the overflows, attributed to this listener: SYNs dropped before the accept "
           "queue (SYN queue full with tcp_syncookies = 0, the tcp_max_syn_backlog 3/4 rule, no memory). With "
           "cookies on, a full SYN queue drops nothing"));
    m_chart->setMarkerModel(m_markers);
    // The legend on the right, one entry a line, as the counter charts have it: at the bottom it
    // would take a short dock's plot height.
    m_chart->chart()->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = m_chart->chart()->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_chart->chart()->legend()->setFont(legendFont);
    // No axis title: a short chart cuts a vertical one ("connec…"); the chart's title names the unit.
    m_chart->setWindowNs(m_windowNs);
    // 15 frames a second at most: smooth enough for a queue sampled at 20 Hz, and cheap.
    m_chart->setRefreshMs(66);

    m_hint->setObjectName(u"listenerHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    // Small charts and tables give way in a short dock instead of pushing it past the screen.
    m_table->setMinimumSize(160, m_table->verticalHeader()->defaultSectionSize() * 3);
    m_chart->setMinimumSize(240, 140);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_chart);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({160, 480});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_hint);
    layout->addWidget(m_splitter, 1);
    updateHint();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ListenerPanel::selectionChanged);
    connect(m_toolBar, &ChartToolBar::windowChosen, this, &ListenerPanel::setWindowNs);
    connect(m_toolBar, &ChartToolBar::pausedChanged, this, &ListenerPanel::setPaused);
    connect(m_toolBar, &ChartToolBar::followRequested, m_chart, &TimeChartView::follow);
    connect(m_chart, &TimeChartView::followingChanged, m_toolBar, &ChartToolBar::setFollowing);
    connect(m_toolBar, &ChartToolBar::exportPngRequested, this, &ListenerPanel::exportPngInteractively);
    connect(m_toolBar, &ChartToolBar::exportCsvRequested, this, &ListenerPanel::exportCsvInteractively);
    m_toolBar->setStatus(tr("Waiting for the first sample…"));
}

ListenerPanel::~ListenerPanel() = default;

void ListenerPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A wide, short dock (under the table of a small screen) puts the chart beside the listeners,
    // where it keeps a readable height; a tall one puts it below them.
    const Qt::Orientation orientation = width() > 2 * height() ? Qt::Horizontal : Qt::Vertical;
    if (orientation != m_splitter->orientation()) {
        m_splitter->setOrientation(orientation);
        const int length = orientation == Qt::Horizontal ? width() : height();
        m_splitter->setSizes({length * 2 / 5, length * 3 / 5});
    }
}

void ListenerPanel::setConnections(LiveConnections *connections)
{
    if (m_connections)
        disconnect(m_connections, nullptr, this, nullptr);
    m_connections = connections;
    if (!connections)
        return;
    connect(connections, &LiveConnections::listenersSampled, this, &ListenerPanel::applyBatch);
    connect(connections, &LiveConnections::listenerHistoryReady, this, &ListenerPanel::applyHistory);
    connect(connections, &LiveConnections::sysctlChanged, this,
        [this](const SysctlChange &change, qint64 monotonicNs) { addSysctlChange(change, monotonicNs); });
    connect(connections, &LiveConnections::markerAdded, this, &ListenerPanel::addMarker);
    connect(connections, &LiveConnections::failed, this,
        [this](const QString &message) { m_toolBar->setStatus(tr("Sampling failed: %1").arg(message)); });
    connect(connections, &LiveConnections::sourceChanged, this, [this] {
        m_listeners->clear();
        m_history->clear();
        m_markers->removeBefore(std::numeric_limits<qint64>::max());
        m_selectedCookie = 0;
        m_historyLoaded = false;
        m_chosenByUser = false;
        updateHint();
    });
    connections->setListenerWindowNs(m_windowNs);
    updateSamplingRate();
}

void ListenerPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateSamplingRate();
}

void ListenerPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateSamplingRate();
}

void ListenerPanel::updateSamplingRate()
{
    // A hidden dock, or one tabbed behind another, needs no 20 Hz dump (the newcomer review saw the
    // sampler run with every chart hidden).
    if (m_connections)
        m_connections->setListenerIntervalMs(isVisible() ? ShownIntervalMs : HiddenIntervalMs);
}

void ListenerPanel::setWindowNs(qint64 windowNs)
{
    m_windowNs = windowNs;
    m_toolBar->setWindowNs(windowNs);
    m_chart->setWindowNs(windowNs);
    if (m_connections)
        m_connections->setListenerWindowNs(windowNs);
}

void ListenerPanel::setPaused(bool paused)
{
    m_paused = paused;
    m_toolBar->setPaused(paused);
    m_chart->setFrozen(paused);
}

void ListenerPanel::applyBatch(const ListenerSampleBatch &batch)
{
    if (!m_paused) {
        m_listeners->applyBatch(batch);
        // A first look shows something: the busiest listener, until the user picks one.
        if (m_selectedCookie == 0 && !m_chosenByUser)
            selectBusiestListener();
    }
    // The selected listener's history keeps growing while paused, so nothing is missing afterwards.
    if (m_historyLoaded) {
        for (const ListenerReading &reading : batch.listeners) {
            if (reading.cookie != m_selectedCookie)
                continue;
            const ListenerSample &sample = reading.sample;
            if (m_history->rowCount() == 0 || sample.timeNs > m_history->timeAt(m_history->rowCount() - 1)) {
                m_history->append(sample.timeNs,
                    {double(sample.acceptQueue), double(sample.acceptQueueLimit), double(sample.synQueue),
                        double(sample.overflows), double(sample.drops)});
            }
            if (sample.acceptQueueLimit != m_selectedLimit) {
                m_selectedLimit = sample.acceptQueueLimit;
                // Keep the limit and the one connection above it in view.
                m_chart->setMinimumYMaximum(m_selectedLimit + 2);
            }
        }
    }
    m_history->removeBefore(batch.monotonicNs - m_windowNs);
    m_markers->removeBefore(batch.monotonicNs - m_windowNs);
    // The status text twice a second is plenty, and costs nothing at 20 Hz.
    if (batch.monotonicNs - m_lastStatusNs > 500'000'000) {
        m_lastStatusNs = batch.monotonicNs;
        updateStatus(batch);
    }
}

void ListenerPanel::updateStatus(const ListenerSampleBatch &batch)
{
    m_toolBar->setStatus(tr("%n listener(s), last tick %1 ms", nullptr, int(batch.listeners.size()))
                             .arg(QString::number(double(batch.tickNs) / 1e6, 'f', 2)),
        tr("Overflows and drops no listener could be held responsible for (a queue filled and drained between "
           "two samples): %1 overflows, %2 drops")
            .arg(batch.unattributedOverflows)
            .arg(batch.unattributedDrops));
}

void ListenerPanel::applyHistory(quint64 cookie, const QList<ListenerSample> &samples)
{
    if (cookie != m_selectedCookie)
        return; // the selection moved on meanwhile
    std::vector<qint64> times;
    std::vector<std::vector<double>> values(5);
    times.reserve(std::size_t(samples.size()));
    for (auto &column : values)
        column.reserve(std::size_t(samples.size()));
    for (const ListenerSample &sample : samples) {
        times.push_back(sample.timeNs);
        values[AcceptQueueSeries].push_back(sample.acceptQueue);
        values[AcceptLimitSeries].push_back(sample.acceptQueueLimit);
        values[SynQueueSeries].push_back(sample.synQueue);
        values[OverflowsSeries].push_back(double(sample.overflows));
        values[DropsSeries].push_back(double(sample.drops));
    }
    m_history->reset(std::move(times), std::move(values));
    m_historyLoaded = true;
    if (!samples.isEmpty()) {
        m_selectedLimit = samples.back().acceptQueueLimit;
        m_chart->setMinimumYMaximum(m_selectedLimit + 2);
    }
}

void ListenerPanel::selectionChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const quint64 cookie = current.isValid() ? current.data(ListenerTableModel::CookieRole).toULongLong() : 0;
    if (cookie == m_selectedCookie)
        return;
    if (!m_choosing && cookie != 0)
        m_chosenByUser = true;
    m_selectedCookie = cookie;
    m_historyLoaded = false;
    m_history->clear();
    m_selectedLimit = 0;
    m_chart->setMinimumYMaximum(1);
    updateHint();
    if (cookie == 0)
        return;
    const QString endpoint = current.siblingAtColumn(ListenerTableModel::EndpointColumn).data().toString();
    m_chart->chart()->setTitle(tr("Queues of %1, in connections").arg(endpoint));
    if (m_connections)
        m_connections->requestListenerHistory(cookie);
}

bool ListenerPanel::selectListenerCookie(quint64 cookie)
{
    const int row = m_listeners->rowOfCookie(cookie);
    if (row < 0)
        return false;
    const QModelIndex index = m_sorted->mapFromSource(m_listeners->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return m_selectedCookie == cookie;
}

bool ListenerPanel::selectBusiestListener()
{
    int best = -1;
    std::tuple<double, qint64, int> bestKey{-1, -1, -1};
    for (int row = 0; row < m_listeners->rowCount(); ++row) {
        const auto value = [&](int column) {
            return m_listeners->index(row, column).data().toLongLong();
        };
        const qint64 queued = value(ListenerTableModel::AcceptQueueColumn) + value(ListenerTableModel::SynQueueColumn);
        const double fill = double(queued) / double(std::max<qint64>(value(ListenerTableModel::AcceptLimitColumn), 1));
        const std::tuple<double, qint64, int> key{fill, value(ListenerTableModel::OverflowsColumn), int(queued)};
        if (key > bestKey) {
            bestKey = key;
            best = row;
        }
    }
    if (best < 0)
        return false;
    m_choosing = true;
    const bool selected =
        selectListenerCookie(m_listeners->index(best, 0).data(ListenerTableModel::CookieRole).toULongLong());
    m_choosing = false;
    return selected;
}

QString ListenerPanel::selectionHint() const
{
    return m_hint->text();
}

void ListenerPanel::updateHint()
{
    if (m_selectedCookie == 0) {
        m_hint->setText(tr("Click a listener to chart its accept and SYN queues."));
        return;
    }
    const int row = m_listeners->rowOfCookie(m_selectedCookie);
    const QString endpoint =
        row < 0 ? QString() : m_listeners->index(row, ListenerTableModel::EndpointColumn).data().toString();
    m_hint->setText(m_chosenByUser ? tr("Charting %1. Click another listener to chart it instead.").arg(endpoint)
                                   : tr("Charting the busiest listener, %1. Click another listener to chart it "
                                        "instead.")
                                         .arg(endpoint));
}

bool ListenerPanel::selectListener(quint16 port)
{
    const int row = m_listeners->rowOfPort(port);
    return row >= 0 &&
        selectListenerCookie(m_listeners->index(row, 0).data(ListenerTableModel::CookieRole).toULongLong());
}

void ListenerPanel::addSysctlChange(const SysctlChange &change, qint64 monotonicNs)
{
    m_markers->addSysctlChange(change, monotonicNs);
}

void ListenerPanel::addMarker(const TimelineMarker &marker)
{
    m_markers->addMarker(marker);
}

std::expected<void, QString> ListenerPanel::exportPng(const QString &path)
{
    m_chart->refresh(); // a chart that is not shown does not redraw by itself
    if (!m_chart->grab().save(path, "PNG"))
        return std::unexpected(tr("Could not write %1").arg(path));
    return {};
}

std::expected<void, QString> ListenerPanel::exportCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return std::unexpected(tr("Could not write %1: %2").arg(path, file.errorString()));
    const int first = m_history->lowerBound(m_chart->viewFromNs());
    const int end = m_history->lowerBound(m_chart->viewToNs() + 1);
    const QString endpoint =
        m_listeners->index(std::max(0, m_listeners->rowOfCookie(m_selectedCookie)), ListenerTableModel::EndpointColumn)
            .data()
            .toString();
    QByteArray text = "time,monotonic_s,listener,accept_queue,accept_queue_limit,syn_queue,overflows,drops\n";
    for (int row = first; row < end; ++row) {
        const qint64 timeNs = m_history->timeAt(row);
        text += MonotonicClock::wallTime(timeNs).toString(Qt::ISODateWithMs).toUtf8() + ',' +
            QByteArray::number(double(timeNs) / 1e9, 'f', 3) + ',' + endpoint.toUtf8();
        for (int series = 0; series < m_history->seriesCount(); ++series)
            text += ',' + QByteArray::number(m_history->valueAt(row, series));
        text += '\n';
    }
    file.write(text);
    if (!file.commit())
        return std::unexpected(tr("Could not write %1: %2").arg(path, file.errorString()));
    return {};
}

void ListenerPanel::exportPngInteractively()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), u"listener.png"_s, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (auto written = exportPng(path); !written)
        QMessageBox::warning(this, tr("Export chart"), written.error());
}

void ListenerPanel::exportCsvInteractively()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export samples"), u"listener.csv"_s, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto written = exportCsv(path); !written)
        QMessageBox::warning(this, tr("Export samples"), written.error());
}

} // namespace TcpLens
