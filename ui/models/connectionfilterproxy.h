// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "models/connectionfilter.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace TcpLens {

class ConnectionTableModel;

// Sorts and filters the connection table with the model's typed comparisons and the parsed filter
// bar, never through QVariants of formatted cells.
class ConnectionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ConnectionFilterProxy(QObject *parent = nullptr);

    void setConnectionModel(ConnectionTableModel *model);
    ConnectionTableModel *connectionModel() const { return m_model; }

    void setFilterText(const QString &text);
    const ConnectionFilter &connectionFilter() const { return m_filter; }

    // Narrows the table, on top of the filter text, to the sockets of one problem of the diagnosis.
    // `label` names it for the bar that says so ("Connections stuck in CLOSE-WAIT").
    void setCookieFilter(const QSet<quint64> &cookies, const QString &label);
    void clearCookieFilter();
    bool hasCookieFilter() const { return m_cookieFilterActive; }
    // Sorts, and tells the model the order, so that it inserts new rows in it (see
    // ConnectionTableModel::setInsertionOrder()).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    const QSet<quint64> &cookieFilter() const { return m_cookies; }
    const QString &cookieFilterLabel() const { return m_cookieLabel; }

Q_SIGNALS:
    // The filter's problems in words, or an empty list when every term was understood.
    void filterErrorsChanged(const QStringList &errors);
    void cookieFilterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    ConnectionTableModel *m_model = nullptr;
    ConnectionFilter m_filter;
    QSet<quint64> m_cookies;
    QString m_cookieLabel;
    bool m_cookieFilterActive = false; // an empty set then shows no rows: the problem's rows are gone
};

} // namespace TcpLens
