// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingreader.h"

#include "record/recordingschema.h"
#include "record/snapshotcodec.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// The first 16 bytes of every SQLite 3 database (https://www.sqlite.org/fileformat.html, 1.3).
constexpr QByteArrayView SqliteMagic{"SQLite format 3\0", 16};

QString uniqueConnectionName()
{
    static std::atomic<quint64> next{0};
    return u"tcplens-recording-reader-%1"_s.arg(++next);
}

QString damaged(const QString &path, const QString &why)
{
    return QCoreApplication::translate("TcpLens::RecordingReader",
        "%1 is damaged (%2): it may have been cut short or overwritten; record again, or restore it "
        "from a copy")
        .arg(path, why);
}

} // namespace

RecordingReader::~RecordingReader()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::expected<std::unique_ptr<RecordingReader>, QString> RecordingReader::open(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists())
        return std::unexpected(
            QCoreApplication::translate("TcpLens::RecordingReader", "%1 does not exist: check the name").arg(path));
    if (file.isDir())
        return std::unexpected(QCoreApplication::translate(
            "TcpLens::RecordingReader", "%1 is a folder, not a recording: name a file made by tcplens record")
                .arg(path));
    if (!file.isFile())
        return std::unexpected(
            QCoreApplication::translate("TcpLens::RecordingReader", "%1 is not a regular file, not a recording")
                .arg(path));
    if (file.size() == 0)
        return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader",
            "%1 is empty: it holds no recording (was the recorder stopped before it "
            "began?)")
                .arg(path));
    // SQLite would call anything "not a database"; the header says what this is first.
    QFile header(path);
    if (!header.open(QIODevice::ReadOnly))
        return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader", "cannot read %1: %2")
                .arg(path, header.errorString()));
    if (header.read(SqliteMagic.size()) != SqliteMagic)
        return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader",
            "%1 is not a TCP Lens recording (not even an SQLite file): open a file made by "
            "tcplens record")
                .arg(path));
    header.close();

    std::unique_ptr<RecordingReader> reader(new RecordingReader);
    reader->m_connectionName = uniqueConnectionName();
    reader->m_info.path = path;
    reader->m_info.fileBytes = file.size();
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, reader->m_connectionName);
        database.setDatabaseName(path);
        // Read-only: opening must never change the file (a WAL left by a killed recorder is read as it is).
        database.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!database.open())
            return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader", "cannot open %1: %2")
                    .arg(path, database.lastError().text()));
    }
    if (auto read = reader->readInfo(); !read)
        return std::unexpected(read.error());
    return reader;
}

std::expected<void, QString> RecordingReader::readInfo()
{
    const QString &path = m_info.path;
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(database);
    // quick_check reads every page once: truncation and most damage show here, before any blob is
    // trusted (https://www.sqlite.org/pragma.html#pragma_quick_check).
    if (!query.exec(u"PRAGMA quick_check"_s))
        return std::unexpected(damaged(path, query.lastError().databaseText()));
    QStringList problems;
    while (query.next())
        problems.append(query.value(0).toString());
    if (problems != QStringList{u"ok"_s})
        return std::unexpected(damaged(path, problems.mid(0, 3).join(u"; "_s)));

    // A file cut inside a page that nothing reads (a free page) passes quick_check; its size does not.
    // Without a write-ahead log the file holds every page (https://www.sqlite.org/fileformat.html, 1.3.3).
    if (!query.exec(u"PRAGMA page_size"_s) || !query.next())
        return std::unexpected(damaged(path, query.lastError().databaseText()));
    const qint64 pageSize = query.value(0).toLongLong();
    if (!query.exec(u"PRAGMA page_count"_s) || !query.next())
        return std::unexpected(damaged(path, query.lastError().databaseText()));
    const qint64 pageCount = query.value(0).toLongLong();
    const bool hasLog = QFileInfo(path + u"-wal"_s).size() > 0;
    if (pageSize <= 0 || m_info.fileBytes % pageSize != 0 || (!hasLog && m_info.fileBytes != pageSize * pageCount))
        return std::unexpected(damaged(path,
            QCoreApplication::translate(
                "TcpLens::RecordingReader", "%1 bytes, not the %2 pages of %3 bytes it says it holds")
                .arg(m_info.fileBytes)
                .arg(pageCount)
                .arg(pageSize)));

    if (!query.exec(u"PRAGMA application_id"_s) || !query.next())
        return std::unexpected(damaged(path, query.lastError().databaseText()));
    const qint32 applicationId = query.value(0).toInt();
    QHash<QString, QString> meta;
    if (query.exec(u"SELECT key, value FROM meta"_s)) {
        while (query.next())
            meta.insert(query.value(0).toString(), query.value(1).toString());
    }
    if (applicationId != RecordingSchema::ApplicationId || meta.value(u"format"_s) != RecordingSchema::FormatName) {
        return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader",
            "%1 is an SQLite database of another program, not a TCP Lens recording: open a "
            "file made by tcplens record")
                .arg(path));
    }
    bool ok = false;
    const int version = meta.value(u"schema_version"_s).toInt(&ok);
    if (!ok || version < 1)
        return std::unexpected(
            damaged(path, QCoreApplication::translate("TcpLens::RecordingReader", "its format version is missing")));
    if (version > RecordingSchema::SchemaVersion) {
        return std::unexpected(QCoreApplication::translate("TcpLens::RecordingReader",
            "%1 was made by a newer TCP Lens (format %2); this build reads up to format %3: "
            "open it with a newer TCP Lens")
                .arg(path)
                .arg(version)
                .arg(RecordingSchema::SchemaVersion));
    }
    m_info.formatVersion = version;
    m_info.writtenBy = meta.value(u"written_by"_s);
    m_info.description.kind =
        RecordingSchema::kindFromName(meta.value(u"kind"_s)).value_or(SourceDescription::Kind::LocalKernel);
    m_info.description.host = meta.value(u"host"_s);
    m_info.description.kernel = meta.value(u"kernel"_s);
    m_info.description.netns = meta.value(u"netns"_s);
    m_info.description.title = meta.value(u"title"_s);
    m_info.startedAt = QDateTime::fromString(meta.value(u"started_at"_s), Qt::ISODateWithMs);
    m_info.wallOffsetNs = meta.value(u"wall_offset_ns"_s).toLongLong();

    bool first = true;
    for (int i = 0; i < RecordKindCount; ++i) {
        const QString table = RecordingSchema::tableName(RecordKind(i));
        if (!query.exec(u"SELECT count(*), min(seq), max(seq), min(time_ns), max(time_ns) FROM "_s + table) ||
            !query.next())
            return std::unexpected(damaged(path,
                QCoreApplication::translate("TcpLens::RecordingReader", "table %1: %2")
                    .arg(table, query.lastError().databaseText())));
        const qint64 rows = query.value(0).toLongLong();
        m_info.rows[std::size_t(i)] = rows;
        if (rows == 0)
            continue;
        const qint64 minSequence = query.value(1).toLongLong();
        const qint64 maxSequence = query.value(2).toLongLong();
        const qint64 minNs = query.value(3).toLongLong();
        const qint64 maxNs = query.value(4).toLongLong();
        if (first) {
            m_info.firstSequence = minSequence;
            m_info.lastSequence = maxSequence;
            m_info.firstNs = minNs;
            m_info.lastNs = maxNs;
            first = false;
            continue;
        }
        m_info.firstSequence = std::min(m_info.firstSequence, minSequence);
        m_info.lastSequence = std::max(m_info.lastSequence, maxSequence);
        m_info.firstNs = std::min(m_info.firstNs, minNs);
        m_info.lastNs = std::max(m_info.lastNs, maxNs);
    }
    return {};
}

std::expected<QList<RecordedRow>, QString> RecordingReader::rows(qint64 fromSequence, qint64 span) const
{
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    QString statement;
    for (int i = 0; i < RecordKindCount; ++i) {
        if (m_info.rows[std::size_t(i)] == 0)
            continue;
        if (!statement.isEmpty())
            statement += u" UNION ALL "_s;
        statement += u"SELECT seq, time_ns, %1, data FROM %2 WHERE seq >= :from AND seq < :to"_s.arg(i).arg(
            RecordingSchema::tableName(RecordKind(i)));
    }
    QList<RecordedRow> found;
    if (statement.isEmpty())
        return found;
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(statement + u" ORDER BY seq"_s);
    query.bindValue(u":from"_s, fromSequence);
    query.bindValue(u":to"_s, fromSequence + span);
    if (!query.exec())
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    while (query.next()) {
        RecordedRow row;
        row.sequence = query.value(0).toLongLong();
        row.timeNs = query.value(1).toLongLong();
        row.kind = RecordKind(query.value(2).toInt());
        row.data = query.value(3).toByteArray();
        found.append(std::move(row));
    }
    if (query.lastError().isValid())
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    return found;
}

std::expected<QList<RecordedRow>, QString> RecordingReader::rowsOfKind(
    RecordKind kind, qint64 fromNs, qint64 toNs) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, time_ns, data FROM "_s + RecordingSchema::tableName(kind) +
        u" WHERE time_ns >= ? AND time_ns <= ? ORDER BY seq"_s);
    query.addBindValue(fromNs);
    query.addBindValue(toNs);
    if (!query.exec())
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    QList<RecordedRow> found;
    while (query.next())
        found.append({query.value(0).toLongLong(), query.value(1).toLongLong(), kind, query.value(2).toByteArray()});
    return found;
}

std::optional<RecordedRow> RecordingReader::nextOfKind(RecordKind kind, qint64 afterSequence) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        u"SELECT seq, time_ns FROM "_s + RecordingSchema::tableName(kind) + u" WHERE seq > ? ORDER BY seq LIMIT 1"_s);
    query.addBindValue(afterSequence);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return RecordedRow{query.value(0).toLongLong(), query.value(1).toLongLong(), kind, {}};
}

std::expected<RecordingReader::PlacedSnapshot, QString> RecordingReader::snapshotAt(qint64 timeNs) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT seq FROM snapshots WHERE time_ns <= ? ORDER BY time_ns DESC, seq DESC LIMIT 1"_s);
    query.addBindValue(timeNs);
    if (!query.exec())
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    if (query.next())
        return snapshotAtSequence(query.value(0).toLongLong());
    if (!query.exec(u"SELECT seq FROM snapshots ORDER BY seq LIMIT 1"_s))
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    if (query.next())
        return snapshotAtSequence(query.value(0).toLongLong());
    return PlacedSnapshot{};
}

std::expected<RecordingReader::PlacedSnapshot, QString> RecordingReader::snapshotAtSequence(qint64 sequence) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(u"SELECT key_seq FROM snapshots WHERE seq = ?"_s);
    query.addBindValue(sequence);
    if (!query.exec() || !query.next())
        return std::unexpected(damaged(
            m_info.path, QCoreApplication::translate("TcpLens::RecordingReader", "no snapshot row %1").arg(sequence)));
    const qint64 keySequence = query.value(0).toLongLong();
    if (keySequence > sequence)
        return std::unexpected(damaged(m_info.path,
            QCoreApplication::translate("TcpLens::RecordingReader", "snapshot %1 names a later key frame")
                .arg(sequence)));
    query.prepare(u"SELECT seq, data FROM snapshots WHERE seq >= ? AND seq <= ? ORDER BY seq"_s);
    query.addBindValue(keySequence);
    query.addBindValue(sequence);
    if (!query.exec())
        return std::unexpected(damaged(m_info.path, query.lastError().databaseText()));
    PlacedSnapshot placed;
    bool firstRow = true;
    while (query.next()) {
        const QByteArray blob = query.value(1).toByteArray();
        if (firstRow && snapshotBlobKind(blob) != SnapshotBlobKind::KeyFrame)
            return std::unexpected(damaged(m_info.path,
                QCoreApplication::translate("TcpLens::RecordingReader", "snapshot %1 is not the key frame it should be")
                    .arg(keySequence)));
        firstRow = false;
        auto decoded = decodeSnapshot(blob, &placed.snapshot);
        if (!decoded)
            return std::unexpected(damaged(m_info.path, decoded.error()));
        placed.snapshot = SocketSnapshot(std::move(*decoded));
        placed.sequence = query.value(0).toLongLong();
    }
    if (placed.sequence != sequence)
        return std::unexpected(damaged(m_info.path,
            QCoreApplication::translate("TcpLens::RecordingReader", "snapshot %1 cannot be rebuilt").arg(sequence)));
    return placed;
}

} // namespace TcpLens
