// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace TcpLens {

// How a recording grows, for `tcplens record`'s progress line and the window's status bar.
struct RecordingStatistics
{
    qint64 rows = 0;
    qint64 snapshots = 0;
    qint64 keyFrames = 0;
    qint64 blobBytes = 0; // encoded bytes handed to SQLite
    qint64 fileBytes = 0; // the file and its write-ahead log on disk, after the last commit
    qint64 lastTimeNs = 0; // CLOCK_MONOTONIC time of the newest row
    qint64 commits = 0;
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::RecordingStatistics)
