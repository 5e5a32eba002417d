// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <deque>
#include <vector>

namespace TcpLens {

// The data behind one chart: one row per sample, the time first, then one column per series. Rows
// only come at the end and leave at the front (the time window), in single insert and remove
// notifications, so a chart can follow it without rebuilding anything. Tests read the numbers here
// instead of the pixels.
class TimeSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, FirstValueColumn };
    Q_ENUM(Column)

    enum Role {
        TimeNsRole = Qt::UserRole + 1, // qint64 CLOCK_MONOTONIC ns of the row, in every column
        ValueRole, // the value as double (TimeColumn: the time in seconds)
    };

    // `seriesNames` name the value columns, in order.
    explicit TimeSeriesModel(QStringList seriesNames, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int seriesCount() const { return int(m_names.size()); }
    const QStringList &seriesNames() const { return m_names; }
    // A row must not be older than the last one; `values` has seriesCount() numbers.
    void append(qint64 timeNs, const std::vector<double> &values);
    // Replaces everything (a listener's stored history).
    void reset(std::vector<qint64> times, std::vector<std::vector<double>> valuesBySeries);
    void clear();
    // Drops the rows older than `timeNs`.
    void removeBefore(qint64 timeNs);

    // Raw access for charts and exports: times ascending.
    qint64 timeAt(int row) const { return m_times[std::size_t(row)]; }
    double valueAt(int row, int series) const { return m_values[std::size_t(series)][std::size_t(row)]; }
    // The first row at or after `timeNs` (binary search), rowCount() if none.
    int lowerBound(qint64 timeNs) const;
    // The largest value of a series over all rows, 0 without rows.
    double maximum(int series) const;

private:
    QStringList m_names;
    std::deque<qint64> m_times;
    std::vector<std::deque<double>> m_values; // by series
};

} // namespace TcpLens
