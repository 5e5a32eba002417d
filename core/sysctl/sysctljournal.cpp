// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctljournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace TcpLens {

SysctlJournal::SysctlJournal(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{
}

QString SysctlJournal::defaultPath()
{
    // The XDG state directory: data worth keeping across restarts that is not a document.
    return QStandardPaths::writableLocation(QStandardPaths::GenericStateLocation) + u"/tcplens/sysctl-journal.json"_s;
}

QByteArray SysctlJournal::serialize(const QList<SysctlChange> &changes)
{
    QJsonArray entries;
    for (const SysctlChange &change : changes) {
        entries.append(QJsonObject{
            {u"time"_s, change.time.toUTC().toString(Qt::ISODateWithMs)},
            {u"netns"_s, change.netns},
            {u"key"_s, change.key},
            {u"old"_s, change.oldValue},
            {u"new"_s, change.newValue},
            {u"by"_s, change.by},
            {u"reverted"_s, change.reverted},
        });
    }
    return QJsonDocument(
        QJsonObject{{u"format"_s, u"tcplens-sysctl-journal"_s}, {u"version"_s, FormatVersion}, {u"changes"_s, entries}})
        .toJson(QJsonDocument::Indented);
}

std::expected<QList<SysctlChange>, QString> SysctlJournal::parse(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(tr("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != u"tcplens-sysctl-journal"_s)
        return std::unexpected(tr("not a TCP Lens sysctl journal"));
    const int version = root.value(u"version"_s).toInt(-1);
    if (version < 1 || version > FormatVersion)
        return std::unexpected(
            tr("journal version %1; this TCP Lens reads version %2").arg(version).arg(FormatVersion));
    QList<SysctlChange> changes;
    const QJsonArray entries = root.value(u"changes"_s).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        SysctlChange change;
        change.key = entry.value(u"key"_s).toString();
        change.netns = entry.value(u"netns"_s).toString();
        change.oldValue = entry.value(u"old"_s).toString();
        change.newValue = entry.value(u"new"_s).toString();
        change.by = entry.value(u"by"_s).toString();
        change.reverted = entry.value(u"reverted"_s).toBool();
        change.time = QDateTime::fromString(entry.value(u"time"_s).toString(), Qt::ISODateWithMs);
        if (change.key.isEmpty() || !change.time.isValid())
            return std::unexpected(tr("change %1 has no key or no valid time").arg(i + 1));
        changes.append(change);
    }
    return changes;
}

std::expected<void, QString> SysctlJournal::load()
{
    m_changes.clear();
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(tr("cannot read the sysctl journal %1: %2").arg(m_path, file.errorString()));
    auto parsed = parse(file.readAll());
    file.close();
    if (parsed) {
        m_changes = std::move(*parsed);
        return {};
    }
    // Keep what could not be read for a person to look at; a new journal starts beside it.
    const QString aside = m_path + u".unreadable-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmss"_s);
    QFile::rename(m_path, aside);
    return std::unexpected(
        tr("the sysctl journal %1 could not be read (%2); it was kept as %3").arg(m_path, parsed.error(), aside));
}

std::expected<void, QString> SysctlJournal::append(const SysctlChange &change)
{
    m_changes.append(change);
    return save();
}

std::expected<void, QString> SysctlJournal::markReverted(qsizetype index)
{
    if (index < 0 || index >= m_changes.size())
        return std::unexpected(tr("no change %1 in the journal").arg(index + 1));
    m_changes[index].reverted = true;
    return save();
}

QList<qsizetype> SysctlJournal::hostChangesInForce() const
{
    QList<qsizetype> indexes;
    for (qsizetype i = 0; i < m_changes.size(); ++i) {
        if (!m_changes[i].reverted && m_changes[i].netns.isEmpty())
            indexes.append(i);
    }
    return indexes;
}

std::expected<void, QString> SysctlJournal::save()
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return std::unexpected(tr("cannot create the folder of %1").arg(m_path));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(serialize(m_changes)) < 0 || !file.commit())
        return std::unexpected(tr("cannot write the sysctl journal %1: %2").arg(m_path, file.errorString()));
    return {};
}

} // namespace TcpLens
