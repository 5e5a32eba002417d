// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "apppreferences.h"

#include <QSettings>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

std::optional<AppPreferences::Theme> AppPreferences::themeFromName(const QString &name)
{
    if (name == u"light"_s)
        return Theme::Light;
    if (name == u"dark"_s)
        return Theme::Dark;
    if (name == u"system"_s)
        return Theme::System;
    return std::nullopt;
}

AppPreferences AppPreferences::load()
{
    const QSettings settings;
    AppPreferences preferences;
    // Values from an older or hand-edited file are clamped to what the dialog offers.
    preferences.pollIntervalMs =
        std::clamp(settings.value(u"preferences/pollIntervalMs"_s, preferences.pollIntervalMs).toInt(), 50, 60'000);
    preferences.closedRetentionSeconds = std::clamp(
        settings.value(u"preferences/closedRetentionSeconds"_s, preferences.closedRetentionSeconds).toInt(), 0, 3600);
    preferences.maxClosedConnections = std::clamp(
        settings.value(u"preferences/maxClosedConnections"_s, preferences.maxClosedConnections).toInt(), 0, 100'000);
    preferences.exactWhenPermitted =
        settings.value(u"preferences/exactWhenPermitted"_s, preferences.exactWhenPermitted).toBool();
    const int theme = settings.value(u"preferences/theme"_s, int(preferences.theme)).toInt();
    preferences.theme = theme >= 0 && theme <= int(Theme::Dark) ? Theme(theme) : Theme::System;
    preferences.language = settings.value(u"preferences/language"_s).toString();
    return preferences;
}

void AppPreferences::save() const
{
    QSettings settings;
    settings.setValue(u"preferences/pollIntervalMs"_s, pollIntervalMs);
    settings.setValue(u"preferences/closedRetentionSeconds"_s, closedRetentionSeconds);
    settings.setValue(u"preferences/maxClosedConnections"_s, maxClosedConnections);
    settings.setValue(u"preferences/exactWhenPermitted"_s, exactWhenPermitted);
    settings.setValue(u"preferences/theme"_s, int(theme));
    settings.setValue(u"preferences/language"_s, language);
}

} // namespace TcpLens
