// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "themecontroller.h"

#include <QApplication>
#include <QStyle>
#include <QStyleHints>

namespace TcpLens {

ThemeController::ThemeController(QObject *parent)
    : QObject(parent)
{
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_theme == AppPreferences::Theme::System)
            apply();
    });
}

void ThemeController::setTheme(AppPreferences::Theme theme)
{
    m_theme = theme;
    apply();
}

bool ThemeController::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

bool ThemeController::isDark() const
{
    return isDark(QApplication::palette());
}

void ThemeController::apply()
{
    switch (m_theme) {
    case AppPreferences::Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case AppPreferences::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case AppPreferences::Theme::System: {
        // The platform's own palette first; where it ignores the scheme (no desktop integration),
        // ours for the scheme the system asks for.
        QApplication::setPalette(QPalette());
        const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
        const bool platformDark = isDark(QApplication::palette());
        if (scheme == Qt::ColorScheme::Dark && !platformDark)
            QApplication::setPalette(darkPalette());
        else if (scheme == Qt::ColorScheme::Light && platformDark)
            QApplication::setPalette(lightPalette());
        break;
    }
    }
    Q_EMIT paletteChanged();
}

QPalette ThemeController::lightPalette()
{
    QPalette palette = QApplication::style()->standardPalette();
    // The Fusion style's light palette is what the offscreen and xcb platforms use already.
    if (isDark(palette)) {
        palette = QPalette(QColor(0xef, 0xef, 0xef));
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf5));
    }
    return palette;
}

QPalette ThemeController::darkPalette()
{
    // Breeze Dark's colours: tested for contrast by KDE's designers.
    const QColor window(0x20, 0x23, 0x26);
    const QColor base(0x14, 0x16, 0x18);
    const QColor alternate(0x1d, 0x1f, 0x22);
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor button(0x29, 0x2c, 0x30);
    const QColor highlight(0x3d, 0xae, 0xe9);
    const QColor disabledText(0x6e, 0x71, 0x75);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x40, 0x44, 0x48));
    palette.setColor(QPalette::Midlight, QColor(0x34, 0x37, 0x3b));
    palette.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x10, 0x11, 0x12));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, text);
    palette.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    palette.setColor(QPalette::LinkVisited, QColor(0x9b, 0x59, 0xb6));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    return palette;
}

} // namespace TcpLens
