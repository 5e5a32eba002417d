// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <optional>

namespace TcpLens {

// The user's choices that outlive a session, kept in QSettings.
struct AppPreferences
{
    enum class Theme : quint8 { System, Light, Dark };

    int pollIntervalMs = 1000;
    int closedRetentionSeconds = 120; // closed connections stay in the tracker (timeline, paths)
    int maxClosedConnections = 5000;
    bool exactWhenPermitted = true; // read the tracepoint when the process may (root or CAP_PERFMON)
    Theme theme = Theme::System;
    // "zh_CN", "en", or empty to follow the system's locale (DisplayLanguage); applied at the next start.
    QString language;

    // "light", "dark" or "system", as the command line's --theme takes them.
    static std::optional<Theme> themeFromName(const QString &name);

    static AppPreferences load();
    void save() const;

    friend bool operator==(const AppPreferences &, const AppPreferences &) = default;
};

} // namespace TcpLens
