// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>

namespace TcpLens {

// Makes tracefs reachable for the calling thread, for exact mode. Many systems do not mount it. As
// root we mount it ourselves, in a mount namespace private to this thread (unshare(CLONE_FS |
// CLONE_NEWNS) works in a multithreaded process where CLONE_NEWNS alone does not), so nothing stays
// mounted on the system and no other thread sees it.
class TracefsAccess
{
public:
    static constexpr const char *Root = "/sys/kernel/tracing";
    // true when tracefs is (now) mounted at Root for this thread; otherwise what to do.
    static std::expected<void, QString> ensureForThisThread();
};

} // namespace TcpLens
