// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "timelinemarkermodel.h"

#include "model/monotonicclock.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr qint64 DuplicateWindowNs = 3'000'000'000;
}

TimelineMarkerModel::TimelineMarkerModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TimelineMarkerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_markers.size());
}

int TimelineMarkerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineMarkerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineMarker &marker = m_markers.at(index.row());
    switch (role) {
    case TimeNsRole:
        return marker.monotonicNs;
    case KindRole:
        return int(marker.kind);
    case DetailRole:
    case Qt::ToolTipRole:
        return marker.detail;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TimeColumn:
            return MonotonicClock::wallTime(marker.monotonicNs).toString(u"hh:mm:ss.zzz"_s);
        case KindColumn:
            switch (marker.kind) {
            case TimelineMarker::Kind::SysctlChange:
                return tr("sysctl");
            case TimelineMarker::Kind::LabStep:
                return tr("lab step");
            case TimelineMarker::Kind::Note:
                return tr("note");
            }
            return {};
        case LabelColumn:
            return marker.label;
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant TimelineMarkerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case LabelColumn:
        return tr("Event");
    case ColumnCount:
        break;
    }
    return {};
}

bool TimelineMarkerModel::addMarker(const TimelineMarker &marker)
{
    const bool duplicate = std::any_of(m_markers.cbegin(), m_markers.cend(), [&](const TimelineMarker &known) {
        return known.kind == marker.kind && known.label == marker.label &&
            std::abs(known.monotonicNs - marker.monotonicNs) < DuplicateWindowNs;
    });
    if (duplicate)
        return false;
    // Markers come nearly in order; the journal's may be a little late.
    const auto at = std::upper_bound(m_markers.cbegin(), m_markers.cend(), marker.monotonicNs,
        [](qint64 time, const TimelineMarker &known) { return time < known.monotonicNs; });
    const int row = int(at - m_markers.cbegin());
    beginInsertRows({}, row, row);
    m_markers.insert(row, marker);
    endInsertRows();
    return true;
}

TimelineMarker TimelineMarkerModel::markerFor(const SysctlChange &change, qint64 monotonicNs)
{
    TimelineMarker marker;
    marker.kind = TimelineMarker::Kind::SysctlChange;
    marker.monotonicNs = monotonicNs;
    const QString name = change.key.mid(change.key.lastIndexOf(u'.') + 1);
    marker.label = tr("%1 %2 → %3").arg(name, change.oldValue, change.newValue);
    marker.detail = tr("sysctl %1 changed from %2 to %3%4")
                        .arg(change.key, change.oldValue, change.newValue,
                            change.netns.isEmpty() ? QString() : tr(" in %1").arg(change.netns));
    return marker;
}

bool TimelineMarkerModel::addSysctlChange(const SysctlChange &change, qint64 monotonicNs)
{
    if (monotonicNs < 0)
        monotonicNs = change.time.isValid() ? MonotonicClock::fromWall(change.time) : MonotonicClock::nowNs();
    return addMarker(markerFor(change, monotonicNs));
}

void TimelineMarkerModel::removeBefore(qint64 timeNs)
{
    const auto end = std::find_if(m_markers.cbegin(), m_markers.cend(),
        [&](const TimelineMarker &marker) { return marker.monotonicNs >= timeNs; });
    const int count = int(end - m_markers.cbegin());
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_markers.remove(0, count);
    endRemoveRows();
}

} // namespace TcpLens
