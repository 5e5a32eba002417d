// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontimelineview.h"

#include "connectionsamplemodel.h"
#include "connectionstateband.h"
#include "connectiontimelinemodel.h"
#include "formatting.h"
#include "samplechartview.h"
#include "statecolors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

struct ByteUnit
{
    double divisor;
    QString name;
};

// Bytes shown in the unit that keeps the axis labels short.
ByteUnit byteUnitFor(double largest)
{
    if (largest >= 1024.0 * 1024 * 1024)
        return {1024.0 * 1024 * 1024, ConnectionTimelineView::tr("GiB")};
    if (largest >= 1024.0 * 1024)
        return {1024.0 * 1024, ConnectionTimelineView::tr("MiB")};
    if (largest >= 1024.0)
        return {1024.0, ConnectionTimelineView::tr("KiB")};
    return {1.0, ConnectionTimelineView::tr("bytes")};
}

} // namespace

ConnectionTimelineView::ConnectionTimelineView(QWidget *parent)
    : QWidget(parent)
    , m_timelineModel(new ConnectionTimelineModel(this))
    , m_sampleModel(new ConnectionSampleModel(this))
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_header(new QLabel(this))
    , m_band(new ConnectionStateBand(m_timelineModel, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_stepTable(new QTableView(this))
    , m_rttChart(new SampleChartView(tr("RTT (ms)"), {tr("RTT")}, this))
    , m_windowChart(new SampleChartView(tr("Congestion window (segments)"), {tr("cwnd")}, this))
    , m_bytesChart(new SampleChartView(tr("Bytes"), {tr("acked"), tr("received")}, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    m_placeholder->setText(tr("Select a connection in the table to see its life: every state with its time, "
                              "and RTT, cwnd and bytes while it lived."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(24);
    m_pages->addWidget(m_placeholder);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    contentLayout->setSpacing(4);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    contentLayout->addWidget(m_header);
    contentLayout->addWidget(m_band);

    m_stepTable->setModel(m_timelineModel);
    m_stepTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepTable->setAlternatingRowColors(true);
    m_stepTable->setWordWrap(false);
    m_stepTable->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_stepTable->verticalHeader()->setVisible(false);
    m_stepTable->verticalHeader()->setDefaultSectionSize(m_stepTable->fontMetrics().height() + 6);
    m_stepTable->horizontalHeader()->setStretchLastSection(true);
    m_stepTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_splitter->addWidget(m_stepTable);

    auto *charts = new QWidget(this);
    auto *chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(4);
    for (SampleChartView *chart : {m_rttChart, m_windowChart, m_bytesChart})
        chartsLayout->addWidget(chart);
    m_splitter->addWidget(charts);
    m_splitter->setChildrenCollapsible(false);
    // A connection has a handful of steps: the charts get the larger part.
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    contentLayout->addWidget(m_splitter, 1);
    m_pages->addWidget(content);

    connect(m_sampleModel, &QAbstractItemModel::modelReset, this, &ConnectionTimelineView::updateCharts);
    connect(m_sampleModel, &QAbstractItemModel::rowsInserted, this, &ConnectionTimelineView::updateCharts);
    connect(m_sampleModel, &QAbstractItemModel::rowsRemoved, this, &ConnectionTimelineView::updateCharts);
}

void ConnectionTimelineView::fitColumns()
{
    m_stepTable->resizeColumnsToContents();
    // Long events and sysctl lists are elided (the tooltip has them in full) so the table keeps to the
    // view; how we know a step, with its window between two polls, is never cut.
    const int widest = qMax(120, m_stepTable->fontMetrics().averageCharWidth() * 42);
    for (int column = 0; column < ConnectionTimelineModel::ColumnCount; ++column) {
        const int width = m_stepTable->columnWidth(column) + 8;
        m_stepTable->setColumnWidth(
            column, column == ConnectionTimelineModel::KnowledgeColumn ? width : qMin(widest, width));
    }
}

bool ConnectionTimelineView::hasConnection() const
{
    return m_timelineModel->hasConnection();
}

void ConnectionTimelineView::setConnection(const TrackedConnection &connection, qint64 nowNs)
{
    const bool another = !m_timelineModel->hasConnection() || m_timelineModel->connection().id != connection.id;
    const int stepsBefore = m_timelineModel->rowCount();
    m_timelineModel->setConnection(connection, nowNs);
    m_sampleModel->setConnection(connection);
    // Columns fit the texts of a new connection, and again when it gains steps; in between the
    // user's widths stay.
    if (another || m_timelineModel->rowCount() != stepsBefore)
        fitColumns();
    // The x range and the state lines follow the connection's life even when no sample came.
    updateCharts();
    updateHeader();
    m_pages->setCurrentIndex(1);
}

void ConnectionTimelineView::clear()
{
    m_timelineModel->clear();
    m_sampleModel->clear();
    m_header->clear();
    m_pages->setCurrentIndex(0);
}

void ConnectionTimelineView::setWallClockOffset(qint64 wallMinusMonotonicNs)
{
    m_timelineModel->setWallClockOffset(wallMinusMonotonicNs);
}

QString ConnectionTimelineView::headerText() const
{
    return m_header->text();
}

void ConnectionTimelineView::updateHeader()
{
    const TrackedConnection &connection = m_timelineModel->connection();
    const qint64 nowNs = m_timelineModel->nowNs();
    const SocketRecord &socket = *connection.last;
    QStringList parts;
    parts.append(
        u"<b>%1 → %2</b>"_s.arg(socket.localEndpoint().toHtmlEscaped(), socket.remoteEndpoint().toHtmlEscaped()));
    if (connection.last->state == TcpState::Listen)
        parts.append(tr("listening socket (listen())"));
    else
        parts.append(connection.passive ? tr("server side (accepted from a listener)") : tr("client side (connect())"));
    const QColor stateColor = StateColors::color(connection.state(), palette());
    parts.append(u"<span style=\"background-color:%1; color:%2\">&nbsp;<b>%3</b>&nbsp;</span>"_s.arg(
        stateColor.name(), StateColors::textOn(stateColor, palette()).name(), stateName(connection.state())));
    if (connection.isClosed())
        parts.append(tr("closed %1 ago, after %2")
                .arg(Formatting::duration(nowNs - connection.closedNs),
                    Formatting::duration(connection.closedNs - connection.openedNs)));
    else if (connection.seenFromStart)
        parts.append(tr("open for %1").arg(Formatting::duration(nowNs - connection.openedNs)));
    else
        parts.append(tr("seen for %1; it was open before the first poll")
                .arg(Formatting::duration(nowNs - connection.openedNs)));
    m_header->setText(parts.join(u" · "_s));
}

void ConnectionTimelineView::updateCharts()
{
    const TrackedConnection &connection = m_timelineModel->connection();
    const int rows = m_sampleModel->rowCount();
    QList<QPointF> rtt;
    QList<QPointF> window;
    QList<QPointF> acked;
    QList<QPointF> received;
    rtt.reserve(rows);
    window.reserve(rows);
    acked.reserve(rows);
    received.reserve(rows);
    double largestRtt = 0;
    double largestWindow = 0;
    double largestBytes = 0;
    double lastSeconds = 0;
    const auto value = [this](int row, int column) {
        return m_sampleModel->index(row, column).data(ConnectionSampleModel::ValueRole).toDouble();
    };
    for (int row = 0; row < rows; ++row) {
        const double seconds = value(row, ConnectionSampleModel::TimeColumn);
        rtt.append({seconds, value(row, ConnectionSampleModel::RttColumn)});
        window.append({seconds, value(row, ConnectionSampleModel::CongestionWindowColumn)});
        acked.append({seconds, value(row, ConnectionSampleModel::BytesAckedColumn)});
        received.append({seconds, value(row, ConnectionSampleModel::BytesReceivedColumn)});
        largestRtt = qMax(largestRtt, rtt.constLast().y());
        largestWindow = qMax(largestWindow, window.constLast().y());
        largestBytes = std::max({largestBytes, acked.constLast().y(), received.constLast().y()});
        lastSeconds = seconds;
    }
    // tcp_info ends when the socket becomes a timewait socket (which has none) or closes: the charts
    // end there too, so a connection of 0.7 s is not a sliver at the left of its 60 s of TIME-WAIT.
    qint64 endNs = connection.isClosed() ? connection.closedNs : m_timelineModel->nowNs();
    for (qsizetype i = 1; i < connection.path.size(); ++i) {
        const ConnectionStep &step = connection.path.at(i);
        if (step.state == TcpState::TimeWait || step.state == TcpState::Close) {
            endNs = qMin(endNs, step.enteredNs);
            break;
        }
    }
    // The tracker keeps no sample when nothing moved, so the last figures held until then.
    const double endSeconds = double(endNs - connection.openedNs) / 1e9;
    if (rows > 0 && endSeconds > lastSeconds) {
        for (QList<QPointF> *points : {&rtt, &window, &acked, &received})
            points->append({endSeconds, points->constLast().y()});
    }
    const ByteUnit unit = byteUnitFor(largestBytes);
    for (QList<QPointF> *points : {&acked, &received}) {
        for (QPointF &point : *points)
            point.setY(point.y() / unit.divisor);
    }
    m_rttChart->setPoints(0, rtt);
    m_windowChart->setPoints(0, window);
    m_bytesChart->setPoints(0, acked);
    m_bytesChart->setPoints(1, received);
    m_bytesChart->setTitle(unit.divisor > 1 ? tr("Bytes (%1)").arg(unit.name) : tr("Bytes"));

    // The charts span the part of the connection's life that has figures, not only the samples.
    const double lifeSeconds = m_timelineModel->hasConnection() ? qMax(lastSeconds, endSeconds) : lastSeconds;
    m_rttChart->setRanges(lifeSeconds, largestRtt);
    m_windowChart->setRanges(lifeSeconds, largestWindow);
    m_bytesChart->setRanges(lifeSeconds, largestBytes / unit.divisor);

    QList<SampleChartView::StateMarker> markers;
    for (qsizetype i = 1; i < connection.path.size(); ++i) {
        const ConnectionStep &step = connection.path.at(i);
        markers.append({double(step.enteredNs - connection.openedNs) / 1e9, QString(stateName(step.state))});
    }
    for (SampleChartView *chart : {m_rttChart, m_windowChart, m_bytesChart})
        chart->setStateMarkers(markers);
}

} // namespace TcpLens
