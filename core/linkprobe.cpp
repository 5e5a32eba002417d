// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Links tcplens_core and nothing else, so that cmake/CheckNoGuiLink.cmake can read what the core
// drags in. It uses a core symbol so the linker keeps the library's dependencies.
#include "model/tcpstate.h"

#include <cstdio>

int main()
{
    std::printf("%s\n", TcpLens::stateName(TcpLens::TcpState::Listen).data());
    return 0;
}
