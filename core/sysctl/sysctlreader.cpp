// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlreader.h"

#include "namespacethread.h"
#include "sysctllogging.h"

#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>
#include <unistd.h>

namespace TcpLens {

using namespace Qt::StringLiterals;

SysctlReader::SysctlReader(QString procSysRoot)
    : m_files(std::move(procSysRoot))
{
}

SysctlReader::SysctlReader(std::shared_ptr<DescriptorBroker> broker)
    : m_files(QStringLiteral("/proc/sys"), std::move(broker))
{
}

QString SysctlReader::normalized(QByteArrayView text)
{
    return QString::fromUtf8(text).simplified();
}

std::expected<QString, QString> SysctlReader::readText(const SysctlEntry &entry) const
{
    auto file = m_files.open(entry.relativePath(), QIODevice::ReadOnly);
    if (!file)
        return std::unexpected(tr("cannot read %1: %2").arg(entry.key, file.error()));
    // procfs reports size 0: read until the end.
    const QByteArray text = (*file)->readAll();
    qCDebug(lcSysctl) << "read" << entry.key << text;
    return normalized(text);
}

bool SysctlReader::exists(const SysctlEntry &entry) const
{
    return m_files.exists(entry.relativePath());
}

bool SysctlReader::mayWrite(const SysctlEntry &entry) const
{
    return m_files.mayWrite(entry.relativePath());
}

bool SysctlReader::isInitialNamespace() const
{
    return m_files.exists(u"net/ipv4/tcp_mem"_s);
}

SysctlValidator::Context SysctlReader::validationContext(const SysctlCatalog &catalog, const SysctlEntry &entry) const
{
    SysctlValidator::Context context;
    const auto readList = [&](QStringView key) {
        const SysctlEntry *source = catalog.find(key);
        if (!source)
            return QStringList();
        const auto text = readText(*source);
        return text ? text->split(u' ', Qt::SkipEmptyParts) : QStringList();
    };
    if (entry.type == SysctlType::Choice) {
        // tcp_set_default_congestion_control(): any available algorithm in the initial namespace,
        // only allowed ones elsewhere (EPERM).
        context.choices = readList(isInitialNamespace() ? u"net.ipv4.tcp_available_congestion_control"
                                                        : u"net.ipv4.tcp_allowed_congestion_control");
    } else if (entry.type == SysctlType::List && !entry.choicesFrom.isEmpty()) {
        context.choices = readList(entry.choicesFrom);
    }
    if (auto portStart = m_files.open(u"net/ipv4/ip_unprivileged_port_start"_s, QIODevice::ReadOnly)) {
        bool ok = false;
        const qint64 start = normalized((*portStart)->readAll()).toLongLong(&ok);
        if (ok)
            context.unprivilegedPortStart = start;
    }
    return context;
}

QList<SysctlReading> SysctlReader::readHere(const QList<const SysctlEntry *> &entries) const
{
    QList<SysctlReading> readings;
    for (const SysctlEntry *entry : entries) {
        SysctlReading reading;
        reading.key = entry->key;
        reading.present = exists(*entry);
        if (reading.present) {
            auto text = readText(*entry);
            if (text)
                reading.current = *text;
            else
                reading.error = text.error();
            reading.writable = !entry->readOnly && mayWrite(*entry);
        } else if (entry->removed) {
            reading.error = tr("removed in Linux %1").arg(entry->removedIn);
        } else if (entry->scope == SysctlScope::Global) {
            reading.error = tr("global: only the initial network namespace shows it");
        } else {
            reading.error = tr("this kernel does not have it");
        }
        readings.append(reading);
    }
    return readings;
}

std::expected<QList<SysctlReading>, QString> SysctlReader::read(
    const QList<const SysctlEntry *> &entries, const QString &netnsPath) const
{
    QList<SysctlReading> readings;
    if (m_files.isBrokered()) {
        readings = readHere(entries);
    } else if (auto ran = NamespaceThread::run(netnsPath, [&] { readings = readHere(entries); }); !ran) {
        return std::unexpected(ran.error());
    }

    auto fresh = freshNamespaceValues(entries);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const SysctlEntry &entry = *entries[i];
        SysctlReading &reading = readings[i];
        if (entry.removed)
            continue;
        switch (entry.defaultSource) {
        case SysctlDefaultSource::Boot:
            reading.defaultNote =
                tr("global: one value for the whole kernel, set at boot; no namespace shows a default");
            continue;
        case SysctlDefaultSource::FreshNamespace:
            reading.defaultNote = tr("read from a newly created network namespace");
            break;
        case SysctlDefaultSource::InitialNamespaceCopy:
            reading.defaultNote = tr("read from a newly created network namespace, which copies the initial "
                                     "namespace's current value (not necessarily the compiled-in default)");
            break;
        }
        if (!fresh) {
            reading.defaultNote =
                tr("unknown (%1); documented for Linux 6.18: %2").arg(fresh.error(), entry.documentedDefault);
            continue;
        }
        const auto it = fresh->constFind(entry.key);
        if (it != fresh->cend())
            reading.kernelDefault = *it;
    }
    return readings;
}

std::expected<SysctlValidator::Context, QString> SysctlReader::validationContextIn(
    const SysctlCatalog &catalog, const SysctlEntry &entry, const QString &netnsPath) const
{
    if (m_files.isBrokered())
        return validationContext(catalog, entry);
    SysctlValidator::Context context;
    auto ran = NamespaceThread::run(netnsPath, [&] { context = validationContext(catalog, entry); });
    if (!ran)
        return std::unexpected(ran.error());
    return context;
}

std::expected<QHash<QString, QString>, QString> SysctlReader::freshNamespaceValues(
    const QList<const SysctlEntry *> &entries) const
{
    QHash<QString, QString> values;
    // By path, in the fresh namespace's thread, whatever namespace this reader reads otherwise.
    const SysctlReader fresh(m_files.root());
    auto ran = NamespaceThread::runInFreshNamespace([&] {
        for (const SysctlEntry *entry : entries) {
            if (entry->scope != SysctlScope::Namespace || entry->removed)
                continue;
            if (auto text = fresh.readText(*entry))
                values.insert(entry->key, *text);
        }
    });
    if (!ran)
        return std::unexpected(ran.error());
    return values;
}

} // namespace TcpLens
