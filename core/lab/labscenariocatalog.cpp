// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labscenariocatalog.h"

#include <QDir>
#include <QStandardPaths>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

QString LabScenarioCatalog::userDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/tcplens/lab"_s;
}

LabScenarioCatalog LabScenarioCatalog::load()
{
    LabScenarioCatalog catalog;
    const auto addFrom = [&catalog](const QString &directory, bool builtIn) {
        const QDir dir(directory);
        for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            Entry entry{file.chopped(5), dir.filePath(file), builtIn};
            auto existing = std::ranges::find(catalog.m_entries, entry.name, &Entry::name);
            if (existing != catalog.m_entries.end())
                *existing = entry;
            else
                catalog.m_entries.append(entry);
        }
    };
    addFrom(u":/lab"_s, true);
    addFrom(userDirectory(), false);
    std::ranges::sort(catalog.m_entries, {}, &Entry::name);
    return catalog;
}

std::optional<LabScenarioCatalog::Entry> LabScenarioCatalog::find(const QString &name) const
{
    const auto it = std::ranges::find(m_entries, name, &Entry::name);
    if (it == m_entries.end())
        return std::nullopt;
    return *it;
}

} // namespace TcpLens
