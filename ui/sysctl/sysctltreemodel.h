// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlvalues.h"
#include "sysctlwriteroute.h"

#include "sysctl/sysctlcatalog.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace TcpLens {

// The catalog's keys grouped as the lessons group them (handshake, Fast Open, close, ports, transfer,
// buffers, keepalive, operations), each with its value in the watched namespace, the kernel's
// default, whether it differs, its scope and whether this user can write it there. Group rows are
// the top level; keys are their children. Removed keys stay, so a search for old advice finds them.
class SysctlTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, DefaultColumn, ScopeColumn, WriteColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        KeyRole = Qt::UserRole + 1, // "net.ipv4.tcp_fin_timeout"; empty on group rows
        GroupRole, // Group as int, on every row
        IsGroupRole, // bool
        CurrentValueRole, // QString, null when unknown
        DefaultValueRole, // QString, null when unknown
        ChangedRole, // bool: the current value differs from the kernel's default
        RemovedRole, // bool: removed from Linux
        GlobalRole, // bool: one value for the whole kernel
        WriteRouteRole, // SysctlWriteRoute::Kind as int
        SearchTextRole, // what the search box matches: names, summary, old advice, states, counters
    };

    enum class Group : quint8 { Handshake, FastOpen, Close, Ports, Transfer, Buffers, Keepalive, Operations };
    Q_ENUM(Group)

    // `catalog` (not owned) must outlive the model.
    explicit SysctlTreeModel(const SysctlCatalog *catalog, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The lessons' grouping, from the entry's lesson and name.
    static Group groupOf(const SysctlEntry &entry);
    static QString groupTitle(Group group);

    void setValues(const SysctlValues &values);
    const SysctlValues &values() const { return m_values; }
    void setWriteRoutes(const QHash<QString, SysctlWriteRoute> &routes);
    SysctlWriteRoute writeRoute(const QString &key) const { return m_routes.value(key); }

    const SysctlEntry *entryAt(const QModelIndex &index) const;
    QModelIndex indexOfKey(const QString &key, int column = NameColumn) const;

private:
    struct GroupRows
    {
        Group group;
        QList<const SysctlEntry *> entries;
    };

    QVariant groupData(const GroupRows &group, int column, int role) const;
    QVariant entryData(const SysctlEntry &entry, Group group, int column, int role) const;
    void keyRowsChanged();

    const SysctlCatalog *m_catalog;
    QList<GroupRows> m_groups;
    SysctlValues m_values;
    QHash<QString, SysctlWriteRoute> m_routes;
};

} // namespace TcpLens
