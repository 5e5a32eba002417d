// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/sourcedescription.h"
#include "record/recordedrow.h"

#include <QLatin1StringView>
#include <QSqlDatabase>
#include <QString>

#include <expected>

namespace TcpLens {

// The SQLite layout of a recording (docs/recording-format.md). One table per RecordKind, each row
// (seq INTEGER PRIMARY KEY, time_ns, data BLOB): `seq` is one counter across all tables, so reading
// every table in `seq` order gives back what the source emitted in the order it emitted it. The
// `meta` table says what the file is, which version of this layout wrote it, and what was recorded.
//
// Versioning: a reader opens every version up to its own (SchemaVersion) and refuses a newer one;
// a change an older reader would misread (a new column it must understand, a blob field) takes a
// new version; new tables an older reader can ignore do not. Version 2: snapshot deltas may hold
// AgedRun operations (core/record/snapshotcodec.cpp); a version 1 file has none and reads the same.
class RecordingSchema
{
public:
    static constexpr QLatin1StringView FormatName{"tcplens-recording"};
    static constexpr int SchemaVersion = 2;
    // PRAGMA application_id (https://www.sqlite.org/pragma.html#pragma_application_id): "TCPL", so
    // `file(1)` and a reader tell a recording from other SQLite files without reading a table.
    static constexpr qint32 ApplicationId = 0x5443504c;

    static QLatin1StringView tableName(RecordKind kind);

    // The pragmas every connection to a recording sets: WAL, so the writer's commits never block a
    // reader and a killed writer leaves every committed transaction intact
    // (https://www.sqlite.org/wal.html); synchronous=NORMAL, which in WAL mode loses at most the
    // last transactions on power loss, never consistency (https://www.sqlite.org/pragma.html#pragma_synchronous).
    static std::expected<void, QString> configureForWriting(QSqlDatabase &database);
    // The tables, the indexes, the application id and the meta rows, in one transaction.
    static std::expected<void, QString> create(
        QSqlDatabase &database, const SourceDescription &description, qint64 wallOffsetNs, const QString &writtenBy);

    // "host", "kernel", ...: meta keys.
    static QLatin1StringView kindName(SourceDescription::Kind kind);
    static std::optional<SourceDescription::Kind> kindFromName(const QString &name);
};

} // namespace TcpLens
