// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

namespace TcpLens {

// How a value of one key can reach the kernel from this window, and why not when it cannot.
struct SysctlWriteRoute
{
    enum class Kind : quint8 {
        Direct, // this process may write the namespace's file itself (root, or its own namespace)
        Helper, // through tcplens-sysctl-helper, authorised by polkit (pkexec)
        None, // not from here: reason says why
    };

    Kind kind = Kind::None;
    QString reason; // one line for a user: what happens, or why nothing can

    bool canWrite() const { return kind != Kind::None; }
};

} // namespace TcpLens
