// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <expected>
#include <memory>

namespace TcpLens::Test {

// The kernel's own text trace of sock:inet_sock_set_state, the ground truth exact mode is held to.
// It lives in a tracefs instance of its own (instances/NAME has its own ring buffer, enable and
// filter files), so the global buffer anyone else may use stays untouched. Instances outlive the
// mount, so the destructor disables the event and removes the instance. Needs tracefs at
// TracefsAccess::Root (see TracefsAccess::ensureForThisThread()) and root. Its clock is CLOCK_MONOTONIC
// (trace_clock "mono"), the clock of the perf samples and of the tracker.
class KernelTextTrace
{
public:
    enum class Fields : quint8 {
        // What the event's print fmt shows: names ("TCP_SYN_SENT"), decimal ports, no socket address.
        Printed,
        // Every field raw (the "fields" trace option, Linux 6.10+): "skaddr=0xffff... (-1234)",
        // "oldstate=0x7 (7)". Only this shows skaddr, which tells apart two sockets on one 4-tuple.
        Raw,
    };

    // One line: "... 1234.567890: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP sport=...".
    struct Event
    {
        qint64 timeNs = 0; // the line's time stamp (microseconds), CLOCK_MONOTONIC
        QMap<QString, QString> fields;
        // "family=AF_INET sport=1 dport=2 saddr=... daddr=... oldstate=TCP_CLOSE newstate=TCP_SYN_SENT"
        QString describe() const;
        // A numeric field, hexadecimal ("0x1f", as Fields::Raw prints) or decimal; 0 if absent.
        quint64 number(const QString &name) const;
    };

    // `filter` is an ftrace filter such as "sport == 8080 || dport == 8080".
    static std::expected<std::unique_ptr<KernelTextTrace>, QString> start(
        const QByteArray &filter, Fields fields = Fields::Printed);
    static QList<Event> parse(const QByteArray &trace);
    ~KernelTextTrace();
    KernelTextTrace(const KernelTextTrace &) = delete;
    KernelTextTrace &operator=(const KernelTextTrace &) = delete;

    void stop();
    QList<Event> events() const;

private:
    explicit KernelTextTrace(QString directory);
    QString eventFile(const QString &name) const;

    QString m_directory;
};

} // namespace TcpLens::Test
