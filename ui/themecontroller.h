// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "apppreferences.h"

#include <QObject>
#include <QPalette>

namespace TcpLens {

// Light or dark: follows the system's colour scheme (QStyleHints::colorScheme) unless the user chose
// one. Platforms whose palette does not follow the scheme get our own palette for it.
class ThemeController : public QObject
{
    Q_OBJECT
public:
    explicit ThemeController(QObject *parent = nullptr);

    void setTheme(AppPreferences::Theme theme);
    AppPreferences::Theme theme() const { return m_theme; }
    bool isDark() const;

    static QPalette lightPalette();
    static QPalette darkPalette();
    // True when the palette's window is darker than its text: what widgets draw against.
    static bool isDark(const QPalette &palette);

Q_SIGNALS:
    void paletteChanged();

private:
    void apply();

    AppPreferences::Theme m_theme = AppPreferences::Theme::System;
};

} // namespace TcpLens
