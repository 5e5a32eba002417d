// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctltreemodel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
constexpr quintptr GroupRowId = 0;

bool isChanged(const SysctlReading *reading)
{
    return reading && reading->current && reading->kernelDefault && *reading->current != *reading->kernelDefault;
}
} // namespace

SysctlTreeModel::SysctlTreeModel(const SysctlCatalog *catalog, QObject *parent)
    : QAbstractItemModel(parent)
    , m_catalog(catalog)
{
    for (int group = int(Group::Handshake); group <= int(Group::Operations); ++group)
        m_groups.append({Group(group), {}});
    for (const SysctlEntry &entry : m_catalog->entries())
        m_groups[int(groupOf(entry))].entries.append(&entry);
    m_groups.removeIf([](const GroupRows &group) { return group.entries.isEmpty(); });
}

SysctlTreeModel::Group SysctlTreeModel::groupOf(const SysctlEntry &entry)
{
    const QString name = entry.name();
    // Fast Open and the port range are lessons of their own although the catalog files them under
    // the handshake and the close.
    if (name.contains(u"fastopen"_s))
        return Group::FastOpen;
    if (name.contains(u"port_range"_s))
        return Group::Ports;
    if (entry.lesson == u"handshake"_s)
        return Group::Handshake;
    if (entry.lesson == u"close"_s)
        return Group::Close;
    if (entry.lesson == u"keepalive"_s)
        return Group::Keepalive;
    if (entry.lesson == u"transfer"_s) {
        // Buffer sizes and memory limits are what people tune for throughput; the rest of the
        // transfer lesson (retries, timestamps, congestion control) is about behaviour.
        if (name.contains(u"mem"_s) || name.contains(u"rcvbuf"_s) || name.contains(u"lowat"_s) ||
            name.contains(u"win_scale"_s))
            return Group::Buffers;
        return Group::Transfer;
    }
    return Group::Operations;
}

QString SysctlTreeModel::groupTitle(Group group)
{
    switch (group) {
    case Group::Handshake:
        return tr("Handshake and listen queues");
    case Group::FastOpen:
        return tr("TCP Fast Open");
    case Group::Close:
        return tr("Close and TIME-WAIT");
    case Group::Ports:
        return tr("Ports");
    case Group::Transfer:
        return tr("Transfer and retransmission");
    case Group::Buffers:
        return tr("Buffers and memory");
    case Group::Keepalive:
        return tr("Keepalive");
    case Group::Operations:
        return tr("Operations");
    }
    return {};
}

QModelIndex SysctlTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex SysctlTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupRowId);
}

int SysctlTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != GroupRowId)
        return 0;
    return int(m_groups.at(parent.row()).entries.size());
}

int SysctlTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags SysctlTreeModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

const SysctlEntry *SysctlTreeModel::entryAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.internalId() == GroupRowId)
        return nullptr;
    return m_groups.at(int(index.internalId() - 1)).entries.at(index.row());
}

QModelIndex SysctlTreeModel::indexOfKey(const QString &key, int column) const
{
    const SysctlEntry *wanted = m_catalog->find(key);
    for (int group = 0; group < m_groups.size(); ++group) {
        const int row = int(m_groups.at(group).entries.indexOf(wanted));
        if (wanted && row >= 0)
            return createIndex(row, column, quintptr(group) + 1);
    }
    return {};
}

QVariant SysctlTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupRowId)
        return groupData(m_groups.at(index.row()), index.column(), role);
    const GroupRows &group = m_groups.at(int(index.internalId() - 1));
    return entryData(*group.entries.at(index.row()), group.group, index.column(), role);
}

QVariant SysctlTreeModel::groupData(const GroupRows &group, int column, int role) const
{
    switch (role) {
    case GroupRole:
        return int(group.group);
    case IsGroupRole:
        return true;
    case KeyRole:
        return QString();
    case SearchTextRole:
        return groupTitle(group.group);
    case Qt::DisplayRole:
        if (column == NameColumn)
            return tr("%1 (%2)").arg(groupTitle(group.group)).arg(group.entries.size());
        return {};
    case Qt::FontRole:
        if (column == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant SysctlTreeModel::entryData(const SysctlEntry &entry, Group group, int column, int role) const
{
    const SysctlReading *reading = m_values.reading(entry.key);
    const bool changed = isChanged(reading);
    switch (role) {
    case KeyRole:
        return entry.key;
    case GroupRole:
        return int(group);
    case IsGroupRole:
        return false;
    case CurrentValueRole:
        return reading && reading->current ? *reading->current : QString();
    case DefaultValueRole:
        return reading && reading->kernelDefault ? *reading->kernelDefault : QString();
    case ChangedRole:
        return changed;
    case RemovedRole:
        return entry.removed;
    case GlobalRole:
        return entry.scope == SysctlScope::Global;
    case WriteRouteRole:
        return int(m_routes.value(entry.key).kind);
    case SearchTextRole: {
        QStringList words{entry.key, entry.summary, entry.lore, groupTitle(group)};
        words += entry.states;
        words += entry.counters;
        if (entry.removed)
            words += {tr("removed"), entry.whenToChange};
        return words.join(u'\n');
    }
    case Qt::ForegroundRole:
        if (entry.removed || (reading && !reading->present))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole:
        if (column == ValueColumn && changed) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        // A swatch beside a value that differs from the kernel's default: seen while scanning.
        if (column == ValueColumn && changed)
            return QGuiApplication::palette().color(QPalette::Highlight);
        return {};
    case Qt::ToolTipRole:
        switch (Column(column)) {
        case NameColumn:
            return u"<p><b>%1</b></p><p>%2</p>"_s.arg(entry.key, entry.summary.toHtmlEscaped());
        case ValueColumn:
            if (entry.removed)
                return tr("Removed in Linux %1: %2").arg(entry.removedIn, entry.lore);
            if (changed)
                return tr("%1, changed from the kernel's default %2").arg(*reading->current, *reading->kernelDefault);
            if (reading && reading->current)
                return *reading->current;
            return reading ? reading->error : QString();
        case DefaultColumn:
            if (reading && reading->kernelDefault)
                return tr("%1: %2").arg(*reading->kernelDefault, reading->defaultNote);
            return reading ? reading->defaultNote : QString();
        case ScopeColumn:
            return entry.scope == SysctlScope::Namespace
                ? tr("Every network namespace has its own value")
                : tr("One value for the whole kernel, set on the host; containers cannot change it");
        case WriteColumn:
            return m_routes.value(entry.key).reason;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (Column(column)) {
    case NameColumn:
        return entry.name();
    case ValueColumn:
        if (entry.removed)
            return tr("removed (%1)").arg(entry.removedIn);
        if (!reading)
            return m_values.error.isEmpty() ? tr("…") : tr("unreadable");
        if (reading->current)
            return *reading->current;
        return reading->present ? tr("unreadable") : tr("not here");
    case DefaultColumn:
        if (entry.removed)
            return QString();
        if (reading && reading->kernelDefault)
            return *reading->kernelDefault;
        return reading ? tr("—") : QString();
    case ScopeColumn:
        return entry.scope == SysctlScope::Namespace ? tr("netns") : tr("global");
    case WriteColumn:
        if (!m_routes.contains(entry.key))
            return QString();
        switch (m_routes.value(entry.key).kind) {
        case SysctlWriteRoute::Kind::Direct:
            return tr("yes");
        case SysctlWriteRoute::Kind::Helper:
            return tr("as admin");
        case SysctlWriteRoute::Kind::None:
            return tr("no");
        }
        return {};
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SysctlTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case DefaultColumn:
            return tr("The value a newly created network namespace starts with on this kernel");
        case WriteColumn:
            return tr("Whether you can change it in the namespace this window watches");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case DefaultColumn:
        return tr("Kernel default");
    case ScopeColumn:
        return tr("Scope");
    case WriteColumn:
        return tr("Write here");
    case ColumnCount:
        break;
    }
    return {};
}

void SysctlTreeModel::setValues(const SysctlValues &values)
{
    m_values = values;
    keyRowsChanged();
}

void SysctlTreeModel::setWriteRoutes(const QHash<QString, SysctlWriteRoute> &routes)
{
    m_routes = routes;
    keyRowsChanged();
}

void SysctlTreeModel::keyRowsChanged()
{
    for (int group = 0; group < m_groups.size(); ++group) {
        const QModelIndex parent = index(group, 0);
        const int last = rowCount(parent) - 1;
        if (last >= 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(last, ColumnCount - 1, parent));
    }
}

} // namespace TcpLens
