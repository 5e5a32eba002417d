// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlwatcher.h"

#include "sysctllogging.h"

namespace TcpLens {

SysctlWatcher::SysctlWatcher(QString netnsLabel, SysctlReader reader)
    : m_netns(std::move(netnsLabel))
    , m_reader(std::move(reader))
{
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog) {
        qCWarning(lcSysctl) << "no sysctl catalog, no sysctl markers:" << catalog.error();
        return;
    }
    for (const SysctlEntry &entry : catalog->entries()) {
        // Removed keys cannot change; the rest is read where it exists (global keys only in the
        // initial namespace), so the watched set is whatever this namespace shows.
        if (!entry.removed)
            m_entries.append(entry);
    }
}

QList<SysctlChange> SysctlWatcher::poll()
{
    QList<SysctlChange> changes;
    const QDateTime now = QDateTime::currentDateTime();
    for (const SysctlEntry &entry : std::as_const(m_entries)) {
        const auto text = m_reader.readText(entry);
        const QString value = text ? *text : QString();
        auto it = m_values.find(entry.key);
        if (it == m_values.end()) {
            m_values.insert(entry.key, value);
            continue;
        }
        if (*it == value)
            continue;
        if (m_primed)
            changes.append(SysctlChange{entry.key, m_netns, *it, value, now, false, {}});
        *it = value;
    }
    m_primed = true;
    return changes;
}

} // namespace TcpLens
