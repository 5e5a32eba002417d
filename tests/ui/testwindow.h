// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "mainwindow.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

#include <memory>

// What the window tests share: settings of their own, and a window that polls fast.
namespace TcpLens::Test {

// A developer's settings, layout and journal must not leak in, nor the tests' out.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationDomain(QStringLiteral("tcplens.org"));
    QCoreApplication::setApplicationName(QStringLiteral("tcplens-test"));
}

// A window that polls every 100 ms, shown offscreen at the size of its first run, that neither reads
// nor writes a saved layout; null if it never showed.
inline std::unique_ptr<MainWindow> openWindow()
{
    CollectorSettings settings;
    settings.intervalMs = 100;
    auto window = std::make_unique<MainWindow>(settings, false);
    window->resize(1400, 860);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

} // namespace TcpLens::Test
