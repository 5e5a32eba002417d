// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace TcpLens {

// The scenarios there are: built in (resources/lab/, compiled in as :/lab/NAME.json) and the
// teacher's own (*.json in $XDG_DATA_HOME/tcplens/lab/). A file's name without ".json" is the
// scenario's name; a teacher's file of a built-in's name takes its place.
class LabScenarioCatalog
{
public:
    struct Entry
    {
        QString name;
        QString path; // ":/lab/accept-overflow.json" or a file in the user's directory
        bool builtIn = true;
    };

    static LabScenarioCatalog load();
    static QString userDirectory();

    const QList<Entry> &entries() const { return m_entries; }
    std::optional<Entry> find(const QString &name) const;

private:
    QList<Entry> m_entries; // by name
};

} // namespace TcpLens
