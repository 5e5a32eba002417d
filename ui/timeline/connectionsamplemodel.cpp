// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionsamplemodel.h"

#include <QLocale>

namespace TcpLens {

using namespace Qt::StringLiterals;

ConnectionSampleModel::ConnectionSampleModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ConnectionSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int ConnectionSampleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double ConnectionSampleModel::value(const ConnectionSample &sample, int column) const
{
    switch (Column(column)) {
    case TimeColumn:
        return double(sample.timeNs - m_openedNs) / 1e9;
    case RttColumn:
        return double(sample.rttUs) / 1000.0;
    case CongestionWindowColumn:
        return double(sample.congestionWindow);
    case BytesAckedColumn:
        return double(sample.bytesAcked);
    case BytesReceivedColumn:
        return double(sample.bytesReceived);
    case ColumnCount:
        break;
    }
    return 0.0;
}

QVariant ConnectionSampleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionSample &sample = m_samples.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (Column(index.column())) {
        case TimeColumn:
            return locale.toString(value(sample, TimeColumn), 'f', 3);
        case RttColumn:
            return locale.toString(value(sample, RttColumn), 'f', 3);
        case CongestionWindowColumn:
            return locale.toString(sample.congestionWindow);
        case BytesAckedColumn:
            return locale.toString(sample.bytesAcked);
        case BytesReceivedColumn:
            return locale.toString(sample.bytesReceived);
        case ColumnCount:
            break;
        }
        return {};
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole:
        return value(sample, index.column());
    case TimeNsRole:
        return sample.timeNs;
    default:
        return {};
    }
}

QVariant ConnectionSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case TimeColumn:
            return tr("Time (s)");
        case RttColumn:
            return tr("RTT (ms)");
        case CongestionWindowColumn:
            return tr("cwnd (segments)");
        case BytesAckedColumn:
            return tr("Bytes acked");
        case BytesReceivedColumn:
            return tr("Bytes received");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case TimeColumn:
            return tr("Seconds since the connection was first seen");
        case RttColumn:
            return tr("tcpi_rtt: the smoothed round-trip time");
        case CongestionWindowColumn:
            return tr("tcpi_snd_cwnd: how many segments may be in flight");
        case BytesAckedColumn:
            return tr("tcpi_bytes_acked: bytes we sent that the peer acknowledged");
        case BytesReceivedColumn:
            return tr("tcpi_bytes_received: bytes we received in order");
        case ColumnCount:
            break;
        }
    }
    return {};
}

void ConnectionSampleModel::setConnection(const TrackedConnection &connection)
{
    const QList<ConnectionSample> next = connection.samples();
    if (m_hasConnection && connection.id == m_connectionId && connection.openedNs == m_openedNs) {
        // The tracker appends samples and, once full, drops the oldest: find where the rows we show
        // continue in the new list. Times increase, so a sample is known by its time.
        qsizetype dropped = 0;
        if (!next.isEmpty()) {
            while (dropped < m_samples.size() && m_samples.at(dropped).timeNs < next.constFirst().timeNs)
                ++dropped;
        } else {
            dropped = m_samples.size();
        }
        const qsizetype kept = m_samples.size() - dropped;
        bool continues = kept <= next.size();
        for (qsizetype i = 0; continues && i < kept; ++i)
            continues = m_samples.at(dropped + i).timeNs == next.at(i).timeNs;
        if (continues) {
            if (dropped > 0) {
                beginRemoveRows({}, 0, int(dropped - 1));
                m_samples.remove(0, dropped);
                endRemoveRows();
            }
            if (next.size() > kept) {
                beginInsertRows({}, int(kept), int(next.size() - 1));
                m_samples = next;
                endInsertRows();
            } else {
                m_samples = next;
            }
            return;
        }
    }
    beginResetModel();
    m_samples = next;
    m_connectionId = connection.id;
    m_openedNs = connection.openedNs;
    m_hasConnection = true;
    endResetModel();
}

void ConnectionSampleModel::clear()
{
    if (!m_hasConnection)
        return;
    beginResetModel();
    m_samples.clear();
    m_connectionId = 0;
    m_openedNs = 0;
    m_hasConnection = false;
    endResetModel();
}

} // namespace TcpLens
