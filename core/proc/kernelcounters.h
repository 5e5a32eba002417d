// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace TcpLens {

// The kernel's network counters by "Group.Name": "TcpExt.ListenOverflows" and "Tcp.RetransSegs" from
// /proc/net/netstat and /proc/net/snmp, "Snmp6.Tcp6..." style names from /proc/net/snmp6 (which
// has one "Name value" pair a line), "Sockstat.TCP.tw" from /proc/net/sockstat(6). Parsed by name,
// never by position: kernels add counters in the middle of a group. Every counter a file holds is
// kept, known to TCP Lens or not.
//
// The parsers are pure and forgiving: what cannot be read (a group whose header and values differ in
// count, a value that is not a number or does not fit 64 bits, a line cut short) is skipped with a
// warning that names the line, and everything else is kept. Nothing is lost to one bad line.
class KernelCounters
{
public:
    // "TcpExt: A B\nTcpExt: 1 2\n": header and value lines in pairs (netstat, snmp).
    static KernelCounters parseSnmpStyle(QByteArrayView text, QStringList *warnings = nullptr);
    // "Ip6InReceives   123\n" (snmp6): stored as "Snmp6.Ip6InReceives".
    static KernelCounters parseSnmp6(QByteArrayView text, QStringList *warnings = nullptr);
    // "TCP: inuse 5 orphan 0 tw 0 alloc 6 mem 1\n" (sockstat, sockstat6): "<group>.TCP.inuse".
    static KernelCounters parseSockstat(QByteArrayView text, QByteArrayView group, QStringList *warnings = nullptr);
    // Reads netstat, snmp, snmp6, sockstat and sockstat6 under `netDir` (/proc/thread-self/net: the
    // calling thread's namespace; /proc/PID/net: PID's). A missing snmp6/sockstat6 (IPv6 off) is a
    // warning; a missing netstat or snmp is an error.
    static std::expected<KernelCounters, QString> read(
        const QString &netDir = QStringLiteral("/proc/thread-self/net"), QStringList *warnings = nullptr);

    std::optional<qint64> value(QByteArrayView name) const;
    const QHash<QByteArray, qint64> &values() const { return m_values; }
    bool isEmpty() const { return m_values.isEmpty(); }
    void merge(const KernelCounters &other);

private:
    void insert(QByteArray name, QByteArrayView number, qsizetype line, QStringList *warnings);

    QHash<QByteArray, qint64> m_values;
};

} // namespace TcpLens
