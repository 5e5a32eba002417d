// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "listenertablemodel.h"

#include <QSet>

namespace TcpLens {

ListenerTableModel::ListenerTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ListenerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ListenerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ListenerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ListenerSample &sample = row.reading.sample;
    switch (role) {
    case CookieRole:
        return row.reading.cookie;
    case PortRole:
        return uint(row.reading.port);
    case Qt::TextAlignmentRole:
        return index.column() >= AcceptQueueColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == AcceptLimitColumn)
            return tr("min(backlog, net.core.somaxconn) when listen() ran; the queue holds one more "
                      "(sk_acceptq_is_full() compares with '>')");
        if (index.column() == OverflowsColumn)
            return tr("TcpExt.ListenOverflows attributed to this listener: a handshake completed while its "
                      "accept queue was full");
        if (index.column() == DropsColumn)
            return tr("Other TcpExt.ListenDrops attributed to this listener: SYNs dropped before the accept "
                      "queue (SYN queue full with cookies off, tcp_max_syn_backlog's 3/4 rule, no memory)");
        return {};
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(index.column())) {
        case EndpointColumn:
            return role == SortRole ? QVariant(uint(row.reading.port)) : QVariant(row.reading.endpoint);
        case ProcessColumn:
            return row.reading.process;
        case AcceptQueueColumn:
            return sample.acceptQueue;
        case AcceptLimitColumn:
            return sample.acceptQueueLimit;
        case SynQueueColumn:
            return sample.synQueue;
        case OverflowsColumn:
            return row.overflowsTotal;
        case DropsColumn:
            return row.dropsTotal;
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant ListenerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case EndpointColumn:
        return tr("Listening on");
    case ProcessColumn:
        return tr("Process");
    case AcceptQueueColumn:
        return tr("Accept queue");
    case AcceptLimitColumn:
        return tr("Limit");
    case SynQueueColumn:
        return tr("SYN queue");
    case OverflowsColumn:
        return tr("Overflows");
    case DropsColumn:
        return tr("Drops");
    case ColumnCount:
        break;
    }
    return {};
}

void ListenerTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowByCookie.clear();
    endResetModel();
}

void ListenerTableModel::applyBatch(const ListenerSampleBatch &batch)
{
    QSet<quint64> present;
    present.reserve(batch.listeners.size());
    for (const ListenerReading &reading : batch.listeners) {
        present.insert(reading.cookie);
        const auto known = m_rowByCookie.constFind(reading.cookie);
        if (known == m_rowByCookie.cend()) {
            const int row = int(m_rows.size());
            beginInsertRows({}, row, row);
            m_rows.append({reading, reading.sample.overflows, reading.sample.drops});
            m_rowByCookie.insert(reading.cookie, row);
            endInsertRows();
            continue;
        }
        const int row = *known;
        Row &current = m_rows[row];
        const ListenerSample &before = current.reading.sample;
        const bool changed = before.acceptQueue != reading.sample.acceptQueue ||
            before.acceptQueueLimit != reading.sample.acceptQueueLimit || before.synQueue != reading.sample.synQueue ||
            reading.sample.overflows != 0 || reading.sample.drops != 0 || current.reading.process != reading.process;
        current.overflowsTotal += reading.sample.overflows;
        current.dropsTotal += reading.sample.drops;
        current.reading = reading;
        if (changed)
            Q_EMIT dataChanged(index(row, ProcessColumn), index(row, DropsColumn));
    }
    // Listeners that closed leave; removed from the back so the rows before keep their numbers.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (present.contains(m_rows.at(row).reading.cookie))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        m_rowByCookie.clear();
        for (int i = 0; i < m_rows.size(); ++i)
            m_rowByCookie.insert(m_rows.at(i).reading.cookie, i);
    }
}

int ListenerTableModel::rowOfCookie(quint64 cookie) const
{
    return m_rowByCookie.value(cookie, -1);
}

int ListenerTableModel::rowOfPort(quint16 port) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).reading.port == port)
            return row;
    }
    return -1;
}

} // namespace TcpLens
