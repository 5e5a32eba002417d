// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlwriteroute.h"

#include "model/socketsnapshot.h"
#include "model/tcpstate.h"
#include "proc/countersampler.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreading.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QTextBrowser;
class QVBoxLayout;

namespace TcpLens {

class TimeChartView;
class TimeSeriesModel;
class TimelineMarkerModel;

// What one sysctl means: its summary, what it does on this kernel, when to change it, the trade-off,
// where the common advice is wrong, its history by kernel version; the kernel's counters that show it
// working, as a live chart of their rates; and, for the limits of listen queues, the listeners the
// limit reaches and when.
class SysctlExplanationView : public QWidget
{
    Q_OBJECT
public:
    // `catalog` (not owned) must outlive the view: its counters are charted from the start, so a
    // key's chart has history the moment it is selected.
    explicit SysctlExplanationView(const SysctlCatalog *catalog, QWidget *parent = nullptr);
    ~SysctlExplanationView() override;

    // Markers drawn on the counter chart (not owned).
    void setMarkerModel(TimelineMarkerModel *markers);
    // `entry` nullptr: nothing selected.
    void showEntry(
        const SysctlEntry *entry, const std::optional<SysctlReading> &reading, const SysctlWriteRoute &route);
    const SysctlEntry *entry() const { return m_entry; }

    // The text as shown, for tests and screen readers.
    QString explanationText() const;
    QString listenersText() const;
    TimeChartView *chartView() const { return m_chart; }
    // The selected key's counters, one column each, events per second.
    TimeSeriesModel *rateModel() const { return m_rates; }

    // The states a key governs, as the diagram names them (a SYN_RECV key also governs the
    // request sockets of the SYN queue).
    static QList<TcpState> relatedStates(const SysctlEntry &entry);
    // Limits of listen queues: the listeners they reach are listed.
    static bool limitsListenQueues(const SysctlEntry &entry);
    static QString explanationHtml(const SysctlEntry &entry, const std::optional<SysctlReading> &reading,
        const SysctlWriteRoute &route, const QPalette &palette);
    static QString listenersHtml(
        const SysctlEntry &entry, const std::optional<SysctlReading> &reading, const SocketSnapshot &snapshot);

public Q_SLOTS:
    void addCounterChanges(qint64 monotonicNs, const QList<TcpLens::CounterChange> &changes);
    void showListeners(const TcpLens::SocketSnapshot &snapshot);

private:
    void rebuildChart();

    const SysctlCatalog *m_catalog;
    const SysctlEntry *m_entry = nullptr;
    std::optional<SysctlReading> m_reading;
    QList<QByteArray> m_allCounters; // every counter the catalog names, columns of m_allRates
    TimeSeriesModel *m_allRates;
    TimeSeriesModel *m_rates = nullptr;
    QList<int> m_rateColumns; // m_rates' columns in m_allRates
    QPointer<TimelineMarkerModel> m_markers;

    QVBoxLayout *m_layout;
    QTextBrowser *m_text;
    QWidget *m_chartArea;
    TimeChartView *m_chart = nullptr;
    QLabel *m_noCounters;
    QLabel *m_listeners;
};

} // namespace TcpLens
