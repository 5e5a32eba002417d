# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# cmake -DAPP=tcplens -DOUT=file.png -P checkscreenshot.cmake
# `tcplens --screenshot` must write a PNG with no display at all.
file(REMOVE "${OUT}")
set(ENV{DISPLAY} "")
set(ENV{WAYLAND_DISPLAY} "")
set(ENV{QT_QPA_PLATFORM} "")
execute_process(COMMAND "${APP}" --screenshot "${OUT}" RESULT_VARIABLE result ERROR_VARIABLE errors TIMEOUT 50)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "tcplens --screenshot failed (${result}): ${errors}")
endif()
file(READ "${OUT}" signature LIMIT 8 HEX)
if(NOT signature STREQUAL "89504e470d0a1a0a")
    message(FATAL_ERROR "${OUT} is not a PNG (starts with ${signature})")
endif()
file(SIZE "${OUT}" size)
message(STATUS "screenshot written: ${OUT}, ${size} bytes")
