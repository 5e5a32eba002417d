// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlcatalog.h"
#include "sysctlchange.h"
#include "sysctlreader.h"

#include <QHash>
#include <QList>
#include <QString>

namespace TcpLens {

// Finds sysctl changes nobody told us about: reads the catalog's keys in the calling thread's network
// namespace (/proc/sys/net follows the reading task's namespace, net_ctl_header_lookup()) and
// compares them with the previous poll. Meant to be polled about once a second from a thread that
// entered the watched namespace. Not thread-safe: one thread.
class SysctlWatcher
{
public:
    // `netnsLabel` only goes into the changes it reports.
    explicit SysctlWatcher(QString netnsLabel = {}, SysctlReader reader = SysctlReader());

    // The keys that changed since the previous poll, old and new values as SysctlReader reads them;
    // nothing on the first poll (it learns the values). A key that vanished or appeared is a change
    // to or from an empty value.
    QList<SysctlChange> poll();
    qsizetype watchedKeys() const { return m_entries.size(); }
    bool isPrimed() const { return m_primed; }
    // The values the last poll read, by key (a key this kernel lacks is absent).
    const QHash<QString, QString> &values() const { return m_values; }

private:
    QString m_netns;
    SysctlReader m_reader;
    QList<SysctlEntry> m_entries;
    QHash<QString, QString> m_values;
    bool m_primed = false;
};

} // namespace TcpLens
