# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Finds every dependency. A required one that is missing stops the configuration with the name of
# the distribution package that provides it (Debian/Ubuntu first, then Fedora). An optional one is
# a library that a planned feature will use: it is looked for and reported by feature_summary, but
# nothing links it until code uses it; the issue that adds that code makes it required there.

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
    tcplens_require_qt(LinguistTools "qt6-tools-dev qt6-l10n-tools" qt6-qttools-devel
        "The translations: lupdate and lrelease (translations/)")
    tcplens_require_qt(Svg qt6-svg-dev qt6-qtsvg-devel "The icon's PNG sizes, rendered from its SVG when building")
endif()

# Python 3 runs the built tcplens's --help to write the man page and the shell completions
# (packaging/helpdocs.py); without it they are neither built nor installed.
if(TCPLENS_BUILD_GUI)
    find_package(Python3 QUIET COMPONENTS Interpreter)
    set_package_properties(Python3 PROPERTIES
        URL "https://www.python.org/"
        DESCRIPTION "Python 3 (Debian: python3, Fedora: python3)"
        TYPE RECOMMENDED
        PURPOSE "The man page tcplens(1) and the bash and zsh completions, written from tcplens --help")
endif()

# tcplens_optional_qt(COMPONENT PACKAGES PURPOSE)
macro(tcplens_optional_qt component packages purpose)
    find_package(Qt6 ${TCPLENS_MIN_QT_VERSION} QUIET OPTIONAL_COMPONENTS ${component})
    set_package_properties(Qt6${component} PROPERTIES
        URL "https://www.qt.io/"
        DESCRIPTION "Qt 6 ${component} (${packages})"
        TYPE OPTIONAL
        PURPOSE "${purpose}")
endmacro()

tcplens_require_qt(Network qt6-base-dev qt6-qtbase-devel
    "tcplens serve --metrics: the Prometheus exporter's HTTP listener (core/metrics/)")
tcplens_require_qt(Sql "qt6-base-dev libqt6sql6-sqlite" qt6-qtbase-devel
    "Recordings: what the kernel showed, stored in SQLite and replayed (core/record/)")
if(TCPLENS_BUILD_GUI)
    # The GUI's sysctl.conf editor highlights with it (ui/sysctl/sysctlconfeditor.cpp).
    find_package(KF6SyntaxHighlighting QUIET)
    set_package_properties(KF6SyntaxHighlighting PROPERTIES
        URL "https://invent.kde.org/frameworks/syntax-highlighting"
        DESCRIPTION "KDE Frameworks 6 syntax highlighting"
        TYPE REQUIRED
        PURPOSE "Highlighting sysctl.conf files in the sysctl panel (ui/sysctl/)")
    if(NOT KF6SyntaxHighlighting_FOUND)
        message(FATAL_ERROR
            "KDE Frameworks 6 SyntaxHighlighting was not found.\n"
            "Install it: 'libkf6syntaxhighlighting-dev' on Debian 13 / Ubuntu 24.10 or later, "
            "'kf6-syntax-highlighting-devel' on Fedora.\n"
            "On Debian 12 (no KF6) use scripts/run and scripts/test, which build in a Debian 13 root.")
    endif()
endif()
