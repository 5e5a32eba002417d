// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <expected>

namespace TcpLens {

// The lab namespace's sysctls, read and written through /proc/sys, which shows the namespace of the
// task that opens it: the lab's. Remembers each key's value before the lab's first write, so a reset
// puts them back.
class LabSysctls
{
public:
    // "net.ipv4.tcp_fin_timeout" -> "/proc/sys/net/ipv4/tcp_fin_timeout".
    static QString pathOf(const QString &key);
    static std::expected<QString, QString> read(const QString &key);

    std::expected<void, QString> write(const QString &key, const QString &value);
    // Puts back what was there before the first write of each key, the last written first.
    void restore();

private:
    QList<QPair<QString, QString>> m_original;
};

} // namespace TcpLens
