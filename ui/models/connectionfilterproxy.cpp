// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionfilterproxy.h"

#include "models/connectiontablemodel.h"

namespace TcpLens {

ConnectionFilterProxy::ConnectionFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void ConnectionFilterProxy::setConnectionModel(ConnectionTableModel *model)
{
    m_model = model;
    setSourceModel(model);
    if (m_model)
        m_model->setInsertionOrder(sortColumn(), sortOrder());
}

void ConnectionFilterProxy::sort(int column, Qt::SortOrder order)
{
    QSortFilterProxyModel::sort(column, order);
    if (m_model)
        m_model->setInsertionOrder(sortColumn(), sortOrder());
}

void ConnectionFilterProxy::setFilterText(const QString &text)
{
    ConnectionFilter parsed = ConnectionFilter::parse(text);
    const bool errorsChanged = parsed.errors() != m_filter.errors();
    m_filter = std::move(parsed);
    // Not invalidateRowsFilter(): that removes and inserts the rows whose fate changed one run of
    // adjacent proxy rows at a time, and after each run rebuilds the source-to-proxy map from that row
    // to the end, O(runs x rows). A new filter text scatters thousands of runs over a sorted table
    // ("port:20001" over 120,000 rows: 350 ms, bench_gui). invalidate() filters every row once and
    // sorts those accepted, O(rows log rows), and carries the selection through layoutChanged.
    invalidate();
    if (errorsChanged)
        Q_EMIT filterErrorsChanged(m_filter.errors());
}

void ConnectionFilterProxy::setCookieFilter(const QSet<quint64> &cookies, const QString &label)
{
    if (m_cookieFilterActive && cookies == m_cookies && label == m_cookieLabel)
        return;
    m_cookies = cookies;
    m_cookieLabel = label;
    m_cookieFilterActive = true;
    invalidate(); // as setFilterText(): one pass, the selection carried through layoutChanged
    Q_EMIT cookieFilterChanged();
}

void ConnectionFilterProxy::clearCookieFilter()
{
    if (!m_cookieFilterActive)
        return;
    m_cookies.clear();
    m_cookieLabel.clear();
    m_cookieFilterActive = false;
    invalidate();
    Q_EMIT cookieFilterChanged();
}

bool ConnectionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_model)
        return false;
    if (m_cookieFilterActive && !m_cookies.contains(m_model->cookieAt(sourceRow)))
        return false;
    return m_filter.isEmpty() || m_model->rowMatches(sourceRow, m_filter);
}

bool ConnectionFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    return m_model->rowLessThan(left.row(), right.row(), left.column());
}

} // namespace TcpLens
