# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# The core links Qt6::Core only. Two guards keep it that way:
#  - at configure time, tcplens_guard_core_links() reads the target's link libraries;
#  - in ctest (corelinkguard_core_is_clean), CheckNoGuiLink.cmake reads the ELF dependencies of an
#    executable that links the core alone, which also catches a Gui dependency that arrives
#    indirectly.

set(TCPLENS_FORBIDDEN_CORE_LINKS "Gui|Widgets|OpenGL|Charts|Quick|Qml|Svg|KF6")

function(tcplens_guard_core_links target)
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
        get_target_property(libs ${target} ${property})
        if(NOT libs)
            continue()
        endif()
        foreach(lib IN LISTS libs)
            if(lib MATCHES "${TCPLENS_FORBIDDEN_CORE_LINKS}")
                message(FATAL_ERROR
                    "${target} links '${lib}' (${property}). The core must not link a GUI module: "
                    "it runs headless (tcplens snapshot/watch, remote collection, benchmarks). "
                    "Put GUI code in ui/ instead.")
            endif()
        endforeach()
    endforeach()
endfunction()
