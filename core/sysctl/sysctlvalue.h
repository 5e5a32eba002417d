// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace TcpLens {

// A validated value: numbers for numeric types, names for Choice and List.
struct SysctlValue
{
    QList<qint64> numbers;
    QStringList names;

    // The text written to /proc/sys and into sysctl.d files: decimal numbers separated by one space
    // (proc_dointvec takes spaces, tabs and newlines between values), names separated by one space.
    QString kernelText() const
    {
        if (!names.isEmpty())
            return names.join(u' ');
        QStringList parts;
        parts.reserve(numbers.size());
        for (qint64 number : numbers)
            parts.append(QString::number(number));
        return parts.join(u' ');
    }

    friend bool operator==(const SysctlValue &, const SysctlValue &) = default;
};

} // namespace TcpLens
