// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>
#include <string>
#include <vector>

namespace TcpLens::Bench {

// Runs another program, such as `ss -tani`, the way a shell runs `ss -tani > /dev/null`. The child
// inherits this process's network namespace, so it sees the benchmark's sockets.
class ExternalCommand
{
public:
    struct Run
    {
        qint64 wallNs = 0; // from spawning to reaping: includes exec and the dynamic loader (~1 ms)
        qint64 userNs = 0; // the child's CPU time, from wait4()
        qint64 systemNs = 0;
        qint64 minorFaults = 0;
        qint64 lines = -1; // lines written to stdout, when counted
        QByteArray firstLine; // the first line of stdout (without its newline), when counted
    };

    // argv[0] is looked up in PATH. stdout goes to /dev/null unless `countLines`, which reads it
    // through a pipe, counts its lines and keeps the first one (for checking what ss or tcplens
    // sees, never for timing).
    static std::expected<Run, QString> run(const std::vector<std::string> &argv, bool countLines = false);
};

} // namespace TcpLens::Bench
