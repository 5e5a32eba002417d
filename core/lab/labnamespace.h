// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>

namespace TcpLens {

// The lab's own network namespace, made for the calling process, which must still have a single
// thread (unshare(CLONE_NEWUSER) refuses a threaded process; other threads would stay outside).
// As root a plain network namespace; as anyone else a user namespace too, mapping the caller's uid
// and gid to 0 inside, so the lab may write the namespace's sysctls and nft rules. `lo` comes up.
// It lives as long as the process: nothing to clean up, nothing left behind on the host.
class LabNamespace
{
public:
    struct Info
    {
        bool userNamespace = false;
        quint64 netnsInode = 0;
    };
    static std::expected<Info, QString> create();
};

} // namespace TcpLens
