# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# cmake -DBINARY=path -P CheckNoGuiLink.cmake
# Fails when BINARY depends, directly or through another library, on a Qt GUI module.

if(NOT BINARY OR NOT EXISTS "${BINARY}")
    message(FATAL_ERROR "CheckNoGuiLink: BINARY '${BINARY}' does not exist")
endif()
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES "${BINARY}"
    RESOLVED_DEPENDENCIES_VAR resolved
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    PRE_EXCLUDE_REGEXES "^ld-linux" "^linux-vdso")
set(offending "")
foreach(dep IN LISTS resolved unresolved)
    get_filename_component(name "${dep}" NAME)
    if(name MATCHES "^libQt6(Gui|Widgets|OpenGL|Charts|Quick|Qml|Svg)|^libKF6")
        list(APPEND offending "${name}")
    endif()
endforeach()
if(offending)
    message(FATAL_ERROR "${BINARY} links GUI libraries: ${offending}. "
        "tcplens_core must link Qt6::Core only (see cmake/TcpLensCoreLinkGuard.cmake).")
endif()
message(STATUS "${BINARY}: no GUI library among its runtime dependencies")
