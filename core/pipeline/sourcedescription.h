// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QMetaType>
#include <QString>

namespace TcpLens {

// What a ConnectionSource can do. The window shows it and enables its actions by it, so that a
// recording offers no "Refresh" and a remote host no sysctl editor, without asking which kind of
// source it is.
struct SourceCapabilities
{
    // Can read the kernel's tracepoint for exact transitions. Whether it really does is only known
    // once it tried (the right to perf_event_open is checked by the kernel): exactModeChanged says.
    bool exactTransitions = false;
    // Resolves the process that owns each socket (a walk of /proc/PID/fd).
    bool owners = false;
    // The sysctls of the watched namespace can be written from here without another privilege.
    bool sysctlWrites = false;
    // Polls the kernel now: "Refresh now" and the poll interval mean something.
    bool live = true;
    // The watched namespace's /proc/sys can be read from here. Where not (a recording, a remote
    // host), the sysctl panel shows the values the source reports (sysctlsRead(), sysctlChanged()).
    bool sysctlReads = true;

    friend bool operator==(const SourceCapabilities &, const SourceCapabilities &) = default;
};

// Where the data come from, for the title and the status bar.
struct SourceDescription
{
    enum class Kind : quint8 {
        LocalKernel, // this machine's kernel, one of its network namespaces
        Lab, // a namespace TCP Lens made for a lesson
        Recording, // a file recorded earlier
        Remote, // another host, through its agent
    };

    Kind kind = Kind::LocalKernel;
    QString host; // the machine's name
    QString netns; // as the user named it; empty: the process's own namespace
    QString kernel; // uname -r of the machine watched
    QString title; // what is shown instead of the machine: a lab's scenario, a recording's file
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::SourceCapabilities)
Q_DECLARE_METATYPE(TcpLens::SourceDescription)
