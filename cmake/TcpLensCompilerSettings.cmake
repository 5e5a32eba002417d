# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Settings every target of ours gets through the tcplens_settings interface library.

add_library(tcplens_settings INTERFACE)
target_compile_definitions(tcplens_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060500
    TCPLENS_VERSION_STRING="${PROJECT_VERSION}")
target_compile_options(tcplens_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wformat=2)
if(TCPLENS_WERROR)
    target_compile_options(tcplens_settings INTERFACE -Werror)
endif()
