// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlentry.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// The sysctl catalog: what each TCP-related key means, its type, range and scope. The data lives in
// resources/sysctl/catalog.json (compiled in as :/sysctl/catalog.json), not in code.
class SysctlCatalog
{
    Q_DECLARE_TR_FUNCTIONS(SysctlCatalog)
public:
    // Parses the catalog's JSON. Pure. Errors name the entry and the field. `locale` picks the texts:
    // "zh_CN" takes "summary[zh_CN]", else "summary[zh]", else the English "summary".
    static std::expected<SysctlCatalog, QString> parse(QByteArrayView json, const QString &locale = QString());
    // The catalog compiled into TCP Lens, in DisplayLanguage::current().
    static std::expected<SysctlCatalog, QString> builtIn();

    const QList<SysctlEntry> &entries() const { return m_entries; }
    // Finds "net.ipv4.tcp_syn_retries", "tcp_syn_retries" or "net/ipv4/tcp_syn_retries", and an entry's
    // aliases by their full key.
    const SysctlEntry *find(QStringView nameOrKey) const;

    // The catalog's own words for a type and a unit ("portRange", "ms").
    static QString typeName(SysctlType type);
    static QString unitName(SysctlUnit unit);

private:
    QList<SysctlEntry> m_entries;
};

} // namespace TcpLens
