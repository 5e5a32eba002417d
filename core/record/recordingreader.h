// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketsnapshot.h"
#include "record/recordedrow.h"
#include "record/recordinginfo.h"

#include <QList>
#include <QString>

#include <expected>
#include <memory>
#include <optional>

namespace TcpLens {

// Opens a recording read-only and reads it back: what it is (info()), its rows in the order they
// were recorded, and the whole snapshot at any moment (the key frame before it and the deltas that
// follow). Anything wrong with the file is said in one sentence a person can act on, never a crash:
// not a file, not SQLite, damaged (PRAGMA quick_check), another program's SQLite file, a recording
// of a newer TCP Lens. Use it in one thread (Qt SQL connections belong to the thread that made them).
class RecordingReader
{
public:
    static std::expected<std::unique_ptr<RecordingReader>, QString> open(const QString &path);
    ~RecordingReader();
    RecordingReader(const RecordingReader &) = delete;
    RecordingReader &operator=(const RecordingReader &) = delete;

    const RecordingInfo &info() const { return m_info; }

    // The rows with fromSequence <= sequence < fromSequence + span, of every kind, in order.
    std::expected<QList<RecordedRow>, QString> rows(qint64 fromSequence, qint64 span) const;
    // The rows of one kind with timeNs in [fromNs, toNs], in order.
    std::expected<QList<RecordedRow>, QString> rowsOfKind(RecordKind kind, qint64 fromNs, qint64 toNs) const;
    // The first row of `kind` after `afterSequence`, without its data.
    std::optional<RecordedRow> nextOfKind(RecordKind kind, qint64 afterSequence) const;

    struct PlacedSnapshot
    {
        SocketSnapshot snapshot;
        qint64 sequence = 0; // the row it was decoded from
    };
    // The snapshot in force at `timeNs`: the last one recorded at or before it (the first one when
    // `timeNs` is before it). Empty snapshot and sequence 0 when the recording holds none.
    std::expected<PlacedSnapshot, QString> snapshotAt(qint64 timeNs) const;
    // The snapshot of the row `sequence`, rebuilt from its key frame.
    std::expected<PlacedSnapshot, QString> snapshotAtSequence(qint64 sequence) const;

private:
    RecordingReader() = default;
    std::expected<void, QString> readInfo();

    QString m_connectionName;
    RecordingInfo m_info;
};

} // namespace TcpLens
