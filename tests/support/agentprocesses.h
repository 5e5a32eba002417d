// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QString>

namespace TcpLens::Test {

// The `tcplens agent` processes (the tcplens-agent program) running in this process's network
// namespace: the sshd's side of tests/remote/withsshd.sh.
inline QList<qint64> agentProcesses()
{
    using namespace Qt::StringLiterals;
    QList<qint64> pids;
    // "net:[4026531840]": symLinkTarget() makes it a path, its file name is the namespace.
    const auto namespaceOf = [](const QString &proc) {
        return QFileInfo(QFile::symLinkTarget(proc + u"/ns/net"_s)).fileName();
    };
    const QString ourNamespace = namespaceOf(u"/proc/self"_s);
    for (const QString &entry : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        const QString proc = u"/proc/"_s + entry;
        if (QFile::symLinkTarget(proc + u"/exe"_s).endsWith(u"/tcplens-agent"_s) && namespaceOf(proc) == ourNamespace)
            pids.append(pid);
    }
    return pids;
}

} // namespace TcpLens::Test
