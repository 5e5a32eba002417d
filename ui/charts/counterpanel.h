// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"
#include "model/timelinemarker.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlchange.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <expected>

class QTableView;

namespace TcpLens {

class ChartToolBar;
class LiveConnections;
class TimeChartView;
class TimeSeriesModel;
class TimelineMarkerModel;

// The kernel's TCP counters as per-second rates, one chart per group of the counter catalog
// (handshake, close, retransmission, Fast Open), and a stacked chart of the connections in each
// state. Every series explains itself on hover with the catalog's text; sysctl changes are vertical
// markers on every chart. The charts zoom and pan together.
class CounterPanel : public QWidget
{
    Q_OBJECT
public:
    // How long the rates are kept whatever the window shows: 30 minutes of one row a second.
    static constexpr qint64 KeptNs = 30LL * 60 * 1'000'000'000;

    explicit CounterPanel(QWidget *parent = nullptr);
    ~CounterPanel() override;

    // Charts the counters, state counts, sysctl changes and markers of `connections` (not owned).
    void setConnections(LiveConnections *connections);

    // The catalog groups shown, in order: "handshake", "close", "retransmission", "fastopen".
    static QStringList groups();
    // One row a second, one column per counter of the group ("TcpExt.ListenOverflows" named
    // "ListenOverflows"), values in events per second; nullptr for an unknown group.
    TimeSeriesModel *rateModel(const QString &group) const { return m_rateModels.value(group); }
    // The full counter name behind each column of rateModel(group).
    QList<QByteArray> counterNames(const QString &group) const { return m_counterNames.value(group); }
    // One row per addStateCounts(), one column per state of states().
    TimeSeriesModel *stateModel() const { return m_states; }
    static QList<TcpState> states();
    TimelineMarkerModel *markerModel() const { return m_markers; }
    QList<TimeChartView *> chartViews() const { return m_charts; }

    qint64 windowNs() const;
    void setWindowNs(qint64 windowNs);

    std::expected<void, QString> exportPng(const QString &path);
    // Every series of every chart in the shown time range: time, chart, series, value.
    std::expected<void, QString> exportCsv(const QString &path) const;

public Q_SLOTS:
    void addCounterChanges(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void addStateCounts(qint64 monotonicNs, const QHash<TcpLens::TcpState, int> &counts);
    void addSysctlChange(const TcpLens::SysctlChange &change, qint64 monotonicNs = -1);
    void addMarker(const TcpLens::TimelineMarker &marker);
    void setPaused(bool paused);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int ChartMinimumWidth = 300;

    TimeChartView *addChart(const QString &title, const QString &yTitle);
    // Lays the charts out `columns` a row, the table of markers after them.
    void placeCharts(int columns);
    void exportPngInteractively();
    void exportCsvInteractively();

    ChartToolBar *m_toolBar;
    QWidget *m_grid;
    QHash<QString, TimeSeriesModel *> m_rateModels;
    QHash<QString, QList<QByteArray>> m_counterNames;
    TimeSeriesModel *m_states;
    TimelineMarkerModel *m_markers;
    QList<TimeChartView *> m_charts;
    QList<TimeSeriesModel *> m_chartModels; // parallel to m_charts, for the CSV
    QPointer<LiveConnections> m_connections;
    QTableView *m_markerTable = nullptr;
    int m_columns = 0;
};

} // namespace TcpLens
