// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <expected>

namespace TcpLens {

// Counters from /proc/net/netstat and /proc/net/snmp, by "Group.Name" ("TcpExt.ListenOverflows",
// "Tcp.RetransSegs"). Parsed by name, never by position: kernels add counters in the middle.
// Every counter the file holds is kept, known to TCP Lens or not.
class KernelCounters
{
public:
    // Parses one file of header/value line pairs ("TcpExt: A B\nTcpExt: 1 2\n"). Pure. A header
    // without its value line, a count mismatch or a non-number is an error naming the line.
    static std::expected<KernelCounters, QString> parseSnmpStyle(QByteArrayView text);
    // Reads and parses /proc/net/netstat and /proc/net/snmp under `netDir` (e.g. /proc/net, or
    // /proc/PID/net for another namespace), merged.
    static std::expected<KernelCounters, QString> read(const QString &netDir = QStringLiteral("/proc/thread-self/net"));

    std::optional<qint64> value(QByteArrayView name) const;
    const QHash<QByteArray, qint64> &values() const { return m_values; }
    void merge(const KernelCounters &other);

private:
    QHash<QByteArray, qint64> m_values;
};

} // namespace TcpLens
