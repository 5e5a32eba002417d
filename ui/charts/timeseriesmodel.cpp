// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "timeseriesmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace TcpLens {

TimeSeriesModel::TimeSeriesModel(QStringList seriesNames, QObject *parent)
    : QAbstractTableModel(parent)
    , m_names(std::move(seriesNames))
    , m_values(std::size_t(m_names.size()))
{
}

int TimeSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_times.size());
}

int TimeSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstValueColumn + int(m_names.size());
}

QVariant TimeSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = std::size_t(index.row());
    const qint64 timeNs = m_times[row];
    if (role == TimeNsRole)
        return timeNs;
    if (role != Qt::DisplayRole && role != ValueRole && role != Qt::EditRole)
        return {};
    if (index.column() == TimeColumn)
        return double(timeNs) / 1e9;
    return m_values[std::size_t(index.column() - FirstValueColumn)][row];
}

QVariant TimeSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == TimeColumn ? tr("Time (s)") : m_names.at(section - FirstValueColumn);
}

void TimeSeriesModel::append(qint64 timeNs, const std::vector<double> &values)
{
    Q_ASSERT(values.size() == m_values.size());
    const int row = int(m_times.size());
    beginInsertRows({}, row, row);
    m_times.push_back(timeNs);
    for (std::size_t i = 0; i < m_values.size(); ++i)
        m_values[i].push_back(i < values.size() ? values[i] : 0.0);
    endInsertRows();
}

void TimeSeriesModel::reset(std::vector<qint64> times, std::vector<std::vector<double>> valuesBySeries)
{
    beginResetModel();
    m_times.assign(times.cbegin(), times.cend());
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (i < valuesBySeries.size() && valuesBySeries[i].size() == times.size())
            m_values[i].assign(valuesBySeries[i].cbegin(), valuesBySeries[i].cend());
        else
            m_values[i].assign(times.size(), 0.0);
    }
    endResetModel();
}

void TimeSeriesModel::clear()
{
    reset({}, {});
}

void TimeSeriesModel::removeBefore(qint64 timeNs)
{
    const int count = lowerBound(timeNs);
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_times.erase(m_times.begin(), m_times.begin() + count);
    for (auto &values : m_values)
        values.erase(values.begin(), values.begin() + count);
    endRemoveRows();
}

int TimeSeriesModel::lowerBound(qint64 timeNs) const
{
    return int(std::lower_bound(m_times.cbegin(), m_times.cend(), timeNs) - m_times.cbegin());
}

double TimeSeriesModel::maximum(int series) const
{
    const auto &values = m_values[std::size_t(series)];
    return values.empty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
}

} // namespace TcpLens
