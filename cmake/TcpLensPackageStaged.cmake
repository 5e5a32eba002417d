# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Run by cpack after the install into its staging folder, before the .deb is written
# (CPACK_PRE_BUILD_SCRIPTS, cmake/TcpLensPackage.cmake), on the staged ELF files (told by their first
# four bytes):
#  - the sections dh_strip removes and `cmake --install --strip` leaves (.comment, .note);
#  - the libraries' packages from dpkg-shlibdeps, put before the Depends written by hand. CPack's own
#    CPACK_DEBIAN_PACKAGE_SHLIBDEPS does the same but finds the binaries with file(1), which a
#    minimal Debian (the build root) lacks.

find_program(TCPLENS_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NOT TCPLENS_DPKG_SHLIBDEPS)
    message(FATAL_ERROR "dpkg-shlibdeps is missing: install dpkg-dev (build-essential has it)")
endif()

file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
set(binaries)
foreach(path IN LISTS staged)
    if(NOT IS_SYMLINK "${path}")
        file(READ "${path}" magic LIMIT 4 HEX)
        if(magic STREQUAL "7f454c46")
            list(APPEND binaries -e "${path}")
        endif()
    endif()
endforeach()
if(NOT binaries)
    message(FATAL_ERROR "no ELF file in ${CPACK_TEMPORARY_INSTALL_DIRECTORY}: nothing for dpkg-shlibdeps")
endif()

find_program(TCPLENS_STRIP strip)
if(TCPLENS_STRIP)
    foreach(path IN LISTS binaries)
        if(NOT path STREQUAL "-e")
            execute_process(COMMAND "${TCPLENS_STRIP}" --remove-section=.comment --remove-section=.note "${path}"
                COMMAND_ERROR_IS_FATAL ANY)
        endif()
    endforeach()
endif()

# dpkg-shlibdeps reads debian/control of the folder it runs in; an empty one will do.
set(work "${CPACK_TOPLEVEL_DIRECTORY}/tcplens-shlibdeps")
file(MAKE_DIRECTORY "${work}/debian")
file(TOUCH "${work}/debian/control")
execute_process(COMMAND "${TCPLENS_DPKG_SHLIBDEPS}" -O ${binaries}
    WORKING_DIRECTORY "${work}"
    OUTPUT_VARIABLE output
    ERROR_VARIABLE warnings
    RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "dpkg-shlibdeps failed (${status}):\n${warnings}")
endif()
if(warnings)
    message(STATUS "dpkg-shlibdeps: ${warnings}")
endif()
string(REGEX MATCH "shlibs:Depends=([^\n]*)" _ "${output}")
if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "dpkg-shlibdeps named no library package:\n${output}")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CMAKE_MATCH_1}, ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
message(STATUS "Depends: ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
