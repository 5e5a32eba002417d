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
// TracefsAccess::Root (see TracefsAccess::ensureForThisThread()) and root.
class KernelTextTrace
{
public:
    // One line: "... 1234.567890: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP sport=...".
    struct Event
    {
        QMap<QString, QString> fields;
        // "family=AF_INET sport=1 dport=2 saddr=... daddr=... oldstate=TCP_CLOSE newstate=TCP_SYN_SENT"
        QString describe() const;
    };

    // `filter` is an ftrace filter such as "sport == 8080 || dport == 8080".
    static std::expected<std::unique_ptr<KernelTextTrace>, QString> start(const QByteArray &filter);
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
