// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <expected>

namespace TcpLens {

// What one kernel counter means, from resources/counters/catalog.json, in the language the catalog was
// parsed in ("explanation[zh_CN]"; the kernel's and netstat's own words stay as they are).
struct CounterDescription
{
    QByteArray name; // "TcpExt.ListenOverflows"
    QString group; // "handshake", "close", "retransmission", "fastopen", "connections", "sockets"
    QString netstatText; // how `netstat -s` words it
    QString kernelFunction; // what increments it
    QString explanation;
    QStringList states;
    QString queue; // "accept", "syn" or empty
    QStringList sysctls;
    QStringList versionNotes; // "5.18: counts TIME-WAIT sockets created; ..."
    bool gauge = false; // a level (sockets now), not a count of events
};

// The counters TCP Lens explains; every other counter is shown raw.
class CounterCatalog
{
public:
    // Parses the catalog's JSON; an error names the entry and the field. `locale` picks the texts:
    // "zh_CN" takes "explanation[zh_CN]", else "explanation[zh]", else the English "explanation".
    static std::expected<CounterCatalog, QString> parse(QByteArrayView json, const QString &locale = QString());
    // The catalog compiled into the core, in DisplayLanguage::current() (built once: the language is
    // chosen before anything reads it).
    static const CounterCatalog &builtIn();

    const CounterDescription *find(QByteArrayView name) const;
    const QList<CounterDescription> &counters() const { return m_counters; }
    QString groupTitle(const QString &group) const { return m_groupTitles.value(group, group); }

private:
    static std::expected<CounterCatalog, QString> parseIn(QByteArrayView json, const QString &locale);

    QList<CounterDescription> m_counters;
    QHash<QByteArray, qsizetype> m_index;
    QHash<QString, QString> m_groupTitles;
};

} // namespace TcpLens
