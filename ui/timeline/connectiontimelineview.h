// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/trackedconnection.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace TcpLens {

class ConnectionSampleModel;
class ConnectionStateBand;
class ConnectionTimelineModel;
class SampleChartView;

// The life of the selected connection: who talks to whom and how it stands, a strip of its states,
// the table of its steps (when, how long, how we know, what moved it, what governs it), and charts of
// its RTT, congestion window and bytes while it lived. Feed it the connection after every poll; the
// same connection updates in place, another one replaces it.
class ConnectionTimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionTimelineView(QWidget *parent = nullptr);

    // `nowNs` is the CLOCK_MONOTONIC time of the poll the connection comes from.
    void setConnection(const TcpLens::TrackedConnection &connection, qint64 nowNs);
    void clear();
    bool hasConnection() const;
    // Wall clock minus CLOCK_MONOTONIC, in ns (default: as measured when the view was made).
    void setWallClockOffset(qint64 wallMinusMonotonicNs);

    ConnectionTimelineModel *timelineModel() const { return m_timelineModel; }
    ConnectionSampleModel *sampleModel() const { return m_sampleModel; }
    // The parts, for tests and for the window to restore splitter sizes.
    QTableView *stepTable() const { return m_stepTable; }
    ConnectionStateBand *stateBand() const { return m_band; }
    QSplitter *splitter() const { return m_splitter; }
    // RTT, congestion window and bytes.
    QList<SampleChartView *> charts() const { return {m_rttChart, m_windowChart, m_bytesChart}; }
    QString headerText() const;

private:
    void fitColumns();
    void updateHeader();
    void updateCharts();

    ConnectionTimelineModel *m_timelineModel;
    ConnectionSampleModel *m_sampleModel;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QLabel *m_header;
    ConnectionStateBand *m_band;
    QSplitter *m_splitter;
    QTableView *m_stepTable;
    SampleChartView *m_rttChart;
    SampleChartView *m_windowChart;
    SampleChartView *m_bytesChart;
};

} // namespace TcpLens
