// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

namespace TcpLens {

// The process that holds a socket's file descriptor, as /proc/PID/fd shows it.
struct SocketOwner
{
    qint32 pid = 0;
    quint32 uid = 0;
    QString command; // /proc/PID/comm
    QString user; // uid's name, or the number when it has none
};

// Why a socket shows no owner.
enum class OwnerAbsence : quint8 {
    HasOwner,
    NoInodeTimeWait, // timewait sockets have no struct file: no process can hold them
    NoInodeRequest, // request sockets (SYN queue) are not sockets with files either
    NoInodeNotAccepted, // a child in the accept queue: it gets a file only when accept() returns it
    NoInodeOrphan, // closed by its process, still finishing (FIN_WAIT1, LAST_ACK, CLOSING ...)
    NotPermitted, // a file exists but its process's /proc/PID/fd is not readable by us
    // The walk of /proc after the dump did not find it, and no full re-read has looked since: the
    // socket came or went between the two (or its process opened it meanwhile). The next poll
    // looks again.
    NotFoundYet,
    NotResolved, // not looked up (owner resolution off), or the process exited meanwhile
};

} // namespace TcpLens
