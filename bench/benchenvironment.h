// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>

namespace TcpLens::Bench {

// The process-wide setup the benchmark needs before it makes a single socket.
class BenchEnvironment
{
public:
    // Moves the calling process into a new network namespace of its own and brings its `lo` up. Every
    // socket the benchmark makes afterwards, and every process it forks (workers, ss), lives there:
    // 127.0.0.0/8 only, nothing reaches or comes from any other machine, and the dumps see only our
    // sockets. Call it first, while the process has one thread: the namespace is a thread's property
    // and fork() copies the calling thread's.
    static std::expected<void, QString> enterPrivateNetwork();

    // Raises the soft RLIMIT_NOFILE to the hard one; returns the new soft limit. The workers' budget
    // of descriptors is planned against it.
    static std::expected<long, QString> raiseDescriptorLimit();

    // Reads or writes a number under /proc/sys/net/ of the calling thread's namespace (the files
    // show the namespace of whoever opens them), e.g. "ipv4/tcp_max_tw_buckets".
    static std::expected<long, QString> readNetSysctl(const char *name);
    static std::expected<void, QString> writeNetSysctl(const char *name, long value);
    // The first line of such a file as text, e.g. "ipv4/tcp_congestion_control".
    static std::expected<QString, QString> readNetSysctlText(const char *name);
};

} // namespace TcpLens::Bench
