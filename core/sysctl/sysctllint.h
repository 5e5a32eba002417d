// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlcatalog.h"
#include "sysctlvalidator.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace TcpLens {

// One problem in a sysctl.conf file: where, how bad, and why.
struct SysctlLintFinding
{
    enum class Severity : quint8 { Error, Warning };

    QString file;
    int line = 0; // 1-based
    int column = 0; // 1-based, of what the finding is about (the key or the value)
    int length = 0; // characters from column
    Severity severity = Severity::Error;
    QString key; // as written, empty when the line has none
    QString message;

    friend bool operator==(const SysctlLintFinding &, const SysctlLintFinding &) = default;
};

// A sysctl.conf file's name and text, in the order the loader reads it.
struct SysctlConfFile
{
    QString name;
    QString text;
};

// Checks sysctl.conf files (/etc/sysctl.conf, /etc/sysctl.d/*.conf) the way sysctl(8) and
// systemd-sysctl would apply them, against the catalog and the running kernel: lines that are not
// "key = value", keys this kernel does not have, keys removed from Linux, values the kernel refuses or
// that make no sense, a key set twice, a later file overriding an earlier one. Pure: what it knows of
// the kernel comes in a KernelView, so golden tests run the same on every kernel.
class SysctlLint
{
    Q_DECLARE_TR_FUNCTIONS(SysctlLint)
public:
    struct KernelView
    {
        // True when the kernel has the key ("net/ipv4/tcp_fin_timeout" under /proc/sys).
        std::function<bool(const QString &relativePath)> hasKey;
        SysctlValidator::Context context;
    };

    // The kernel of the calling thread's network namespace, through /proc/sys.
    static KernelView runningKernel();

    static QList<SysctlLintFinding> lint(
        const SysctlCatalog &catalog, const QList<SysctlConfFile> &files, const KernelView &kernel);

    // "FILE:LINE: error: message", as compilers print it.
    static QString format(const SysctlLintFinding &finding);
};

} // namespace TcpLens
