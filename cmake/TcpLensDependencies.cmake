# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Finds every dependency and, when one is missing, stops with the name of the distribution package
# that provides it (Debian/Ubuntu first, then Fedora).

set(TCPLENS_MIN_QT_VERSION 6.5)

# tcplens_require_qt(COMPONENT DEBIAN-PACKAGE FEDORA-PACKAGE PURPOSE)
macro(tcplens_require_qt component debian fedora purpose)
    # Through the Qt6 umbrella package: it sets what Qt's own CMake functions rely on (the Qt6::
    # namespace for qt6_add_resources() in a static library, QT_DEFAULT_MAJOR_VERSION).
    find_package(Qt6 ${TCPLENS_MIN_QT_VERSION} QUIET COMPONENTS ${component})
    set_package_properties(Qt6${component} PROPERTIES
        URL "https://www.qt.io/"
        DESCRIPTION "Qt 6 ${component}"
        TYPE REQUIRED
        PURPOSE "${purpose}")
    if(NOT Qt6${component}_FOUND)
        message(FATAL_ERROR
            "Qt 6 ${component} (version >= ${TCPLENS_MIN_QT_VERSION}) was not found.\n"
            "Install it: '${debian}' on Debian 13 / Ubuntu 24.10 or later, '${fedora}' on Fedora.\n"
            "On Debian 12 (Qt 6.4) use scripts/run and scripts/test, which build in a Debian 13 root.")
    endif()
endmacro()

tcplens_require_qt(Core qt6-base-dev qt6-qtbase-devel "Everything: the core's data types, threads and JSON")
if(TCPLENS_BUILD_TESTS OR TCPLENS_BUILD_GUI)
    tcplens_require_qt(Test qt6-base-dev qt6-qtbase-devel "The test suite (Qt Test)")
endif()

if(TCPLENS_BUILD_GUI)
    tcplens_require_qt(Gui qt6-base-dev qt6-qtbase-devel "Painting the state diagram and screenshots")
    tcplens_require_qt(Widgets qt6-base-dev qt6-qtbase-devel "The main window")
    tcplens_require_qt(Charts qt6-charts-dev qt6-qtcharts-devel "Queue occupancy and counter charts")
    tcplens_require_qt(Sql "qt6-base-dev libqt6sql6-sqlite" qt6-qtbase-devel "Recording and replay (SQLite)")
    tcplens_require_qt(LinguistTools "qt6-tools-dev qt6-l10n-tools" qt6-qttools-devel "Translations (English, Simplified Chinese)")

    find_package(KF6SyntaxHighlighting QUIET)
    set_package_properties(KF6SyntaxHighlighting PROPERTIES
        URL "https://invent.kde.org/frameworks/syntax-highlighting"
        DESCRIPTION "KDE Frameworks 6 syntax highlighting engine"
        TYPE REQUIRED
        PURPOSE "Highlighting sysctl.d files in the sysctl panel")
    if(NOT KF6SyntaxHighlighting_FOUND)
        message(FATAL_ERROR
            "KF6 SyntaxHighlighting was not found.\n"
            "Install it: 'libkf6syntaxhighlighting-dev' on Debian 13 / Ubuntu 24.10 or later, "
            "'kf6-syntax-highlighting-devel' on Fedora.\n"
            "On Debian 12 (no KF6) use scripts/run and scripts/test, which build in a Debian 13 root.")
    endif()
endif()
