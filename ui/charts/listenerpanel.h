// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/listenersamplebatch.h"
#include "model/timelinemarker.h"
#include "sysctl/sysctlchange.h"

#include <QPointer>
#include <QWidget>

#include <expected>

class QLabel;
class QSplitter;
class QTableView;
class QSortFilterProxyModel;

namespace TcpLens {

class ChartToolBar;
class LiveConnections;
class ListenerTableModel;
class TimeChartView;
class TimeSeriesModel;
class TimelineMarkerModel;

// The listening sockets and, for the selected one, its accept queue against its limit and its SYN
// queue over time, sampled at 20 Hz by a ListenerSampler, with the overflows and drops attributed to
// it marked on the curves and sysctl changes as vertical markers.
class ListenerPanel : public QWidget
{
    Q_OBJECT
public:
    // Columns of historyModel() after the time.
    enum HistorySeries { AcceptQueueSeries, AcceptLimitSeries, SynQueueSeries, OverflowsSeries, DropsSeries };

    explicit ListenerPanel(QWidget *parent = nullptr);
    ~ListenerPanel() override;

    // Shows the listener samples, sysctl changes and markers of `connections` (not owned), and asks
    // it for a listener's history when one is selected.
    void setConnections(LiveConnections *connections);

    // Selects the first listener on `port`; false if the table has none (yet).
    bool selectListener(quint16 port);
    bool selectListenerCookie(quint64 cookie);
    // Charts the listener whose queues are fullest (accept and SYN queue against the limit; the most
    // overflows, then the most queued, break ties). Done by itself at the first sample, until the
    // user picks a listener. False when there is none.
    bool selectBusiestListener();
    // The user picked the listener shown (a click), rather than the panel choosing the busiest.
    bool isChosenByUser() const { return m_chosenByUser; }
    // The line above the table that says which listener is charted and how to pick another.
    QString selectionHint() const;
    quint64 selectedCookie() const { return m_selectedCookie; }
    // True once the selected listener's stored history arrived and new samples append to it.
    bool isHistoryLoaded() const { return m_historyLoaded; }

    ListenerTableModel *listenerModel() const { return m_listeners; }
    // Time, accept queue, its limit, SYN queue, overflows and drops of the selected listener.
    TimeSeriesModel *historyModel() const { return m_history; }
    TimelineMarkerModel *markerModel() const { return m_markers; }
    TimeChartView *chartView() const { return m_chart; }
    QTableView *tableView() const { return m_table; }

    qint64 windowNs() const { return m_windowNs; }
    void setWindowNs(qint64 windowNs);

    // The chart as shown, as a PNG file.
    std::expected<void, QString> exportPng(const QString &path);
    // The selected listener's samples in the shown time range.
    std::expected<void, QString> exportCsv(const QString &path) const;

    // How often the listeners are sampled while this panel is shown, and while it is not (the
    // diagnosis and the counters still need them about once a second).
    static constexpr int ShownIntervalMs = 50;
    static constexpr int HiddenIntervalMs = 1000;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

public Q_SLOTS:
    void applyBatch(const TcpLens::ListenerSampleBatch &batch);
    void addSysctlChange(const TcpLens::SysctlChange &change, qint64 monotonicNs = -1);
    void addMarker(const TcpLens::TimelineMarker &marker);
    void setPaused(bool paused);

private:
    void applyHistory(quint64 cookie, const QList<TcpLens::ListenerSample> &samples);
    void selectionChanged();
    void updateStatus(const ListenerSampleBatch &batch);
    void updateSamplingRate();
    void updateHint();
    void exportPngInteractively();
    void exportCsvInteractively();

    ChartToolBar *m_toolBar;
    QTableView *m_table;
    QLabel *m_hint;
    QSplitter *m_splitter = nullptr;
    TimeChartView *m_chart;
    ListenerTableModel *m_listeners;
    QSortFilterProxyModel *m_sorted;
    TimeSeriesModel *m_history;
    TimelineMarkerModel *m_markers;
    QPointer<LiveConnections> m_connections;
    qint64 m_windowNs;
    quint64 m_selectedCookie = 0;
    quint32 m_selectedLimit = 0;
    bool m_historyLoaded = false;
    bool m_chosenByUser = false;
    bool m_choosing = false; // the panel, not the user, moves the selection
    bool m_paused = false;
    qint64 m_lastStatusNs = 0;
};

} // namespace TcpLens
