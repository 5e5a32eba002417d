// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingschema.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

std::expected<void, QString> run(QSqlQuery &query, const QString &statement)
{
    if (!query.exec(statement))
        return std::unexpected(query.lastError().text() + u" ("_s + statement.left(60) + u')');
    return {};
}

} // namespace

QLatin1StringView RecordingSchema::tableName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Snapshot:
        return "snapshots"_L1;
    case RecordKind::Destroyed:
        return "destroy_notices"_L1;
    case RecordKind::StateChanges:
        return "state_changes"_L1;
    case RecordKind::ConnectionEventBatch:
        return "connection_events"_L1;
    case RecordKind::ListenerSamples:
        return "listener_samples"_L1;
    case RecordKind::Counters:
        return "counter_samples"_L1;
    case RecordKind::SysctlChange:
        return "sysctl_changes"_L1;
    case RecordKind::SysctlReading:
        return "sysctl_readings"_L1;
    case RecordKind::Marker:
        return "markers"_L1;
    case RecordKind::ExactMode:
        return "exact_mode"_L1;
    }
    return "snapshots"_L1;
}

QLatin1StringView RecordingSchema::kindName(SourceDescription::Kind kind)
{
    switch (kind) {
    case SourceDescription::Kind::LocalKernel:
        return "local"_L1;
    case SourceDescription::Kind::Lab:
        return "lab"_L1;
    case SourceDescription::Kind::Recording:
        return "recording"_L1;
    case SourceDescription::Kind::Remote:
        return "remote"_L1;
    }
    return "local"_L1;
}

std::optional<SourceDescription::Kind> RecordingSchema::kindFromName(const QString &name)
{
    for (auto kind : {SourceDescription::Kind::LocalKernel, SourceDescription::Kind::Lab,
             SourceDescription::Kind::Recording, SourceDescription::Kind::Remote}) {
        if (name == kindName(kind))
            return kind;
    }
    return std::nullopt;
}

std::expected<void, QString> RecordingSchema::configureForWriting(QSqlDatabase &database)
{
    QSqlQuery query(database);
    if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next() || query.value(0).toString() != "wal"_L1)
        return std::unexpected(u"cannot switch the file to write-ahead logging: "_s + query.lastError().text());
    if (auto done = run(query, u"PRAGMA synchronous=NORMAL"_s); !done)
        return done;
    return {};
}

std::expected<void, QString> RecordingSchema::create(
    QSqlDatabase &database, const SourceDescription &description, qint64 wallOffsetNs, const QString &writtenBy)
{
    QSqlQuery query(database);
    if (auto done = run(query, u"PRAGMA application_id=%1"_s.arg(ApplicationId)); !done)
        return done;
    if (auto done = run(query, u"PRAGMA user_version=%1"_s.arg(SchemaVersion)); !done)
        return done;
    if (!database.transaction())
        return std::unexpected(database.lastError().text());
    auto fail = [&](const QString &error) {
        database.rollback();
        return std::unexpected(error);
    };
    if (auto done = run(query, u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s); !done)
        return fail(done.error());
    // Snapshots also say which key frame they build on, so a reader fetches exactly the rows it needs.
    if (auto done = run(query,
            u"CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, time_ns INTEGER NOT NULL, key_seq INTEGER NOT NULL, "
            "generation INTEGER NOT NULL, socket_count INTEGER NOT NULL, data BLOB NOT NULL)"_s);
        !done)
        return fail(done.error());
    if (auto done = run(query, u"CREATE INDEX snapshots_time ON snapshots (time_ns)"_s); !done)
        return fail(done.error());
    for (int i = 1; i < RecordKindCount; ++i) {
        const QString table = tableName(RecordKind(i));
        if (auto done = run(query,
                u"CREATE TABLE "_s + table +
                    u" (seq INTEGER PRIMARY KEY, time_ns INTEGER NOT NULL, data BLOB NOT NULL)"_s);
            !done)
            return fail(done.error());
    }
    if (auto done = run(query, u"CREATE INDEX markers_time ON markers (time_ns)"_s); !done)
        return fail(done.error());
    const QList<std::pair<QString, QString>> meta{
        {u"format"_s, FormatName},
        {u"schema_version"_s, QString::number(SchemaVersion)},
        {u"written_by"_s, writtenBy},
        {u"kind"_s, kindName(description.kind)},
        {u"host"_s, description.host},
        {u"kernel"_s, description.kernel},
        {u"netns"_s, description.netns},
        {u"title"_s, description.title},
        {u"started_at"_s, QDateTime::currentDateTime().toString(Qt::ISODateWithMs)},
        {u"wall_offset_ns"_s, QString::number(wallOffsetNs)},
    };
    query.prepare(u"INSERT INTO meta (key, value) VALUES (?, ?)"_s);
    for (const auto &[key, value] : meta) {
        query.bindValue(0, key);
        // A null QString binds NULL; an absent netns or title is an empty text.
        query.bindValue(1, value.isNull() ? u""_s : value);
        if (!query.exec())
            return fail(query.lastError().text());
    }
    if (!database.commit())
        return fail(database.lastError().text());
    return {};
}

} // namespace TcpLens
