// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/sourcedescription.h"
#include "record/recordedrow.h"

#include <QDateTime>
#include <QString>

#include <array>

namespace TcpLens {

// What a recording says about itself (its meta table) and what it holds.
struct RecordingInfo
{
    QString path;
    int formatVersion = 0; // the schema version it was written with
    QString writtenBy; // "tcplens 0.1.0"
    SourceDescription description; // of the source recorded (kind: what it was then)
    QDateTime startedAt; // wall clock when recording began
    // Add to a row's CLOCK_MONOTONIC time to get ns since the epoch, as the recording machine had it.
    qint64 wallOffsetNs = 0;
    qint64 firstNs = 0; // the first and last row's time; both 0 when it holds no row
    qint64 lastNs = 0;
    qint64 firstSequence = 0;
    qint64 lastSequence = 0;
    std::array<qint64, RecordKindCount> rows{}; // per RecordKind
    qint64 fileBytes = 0;

    QDateTime wallTime(qint64 monotonicNs) const
    {
        return QDateTime::fromMSecsSinceEpoch((monotonicNs + wallOffsetNs) / 1'000'000);
    }
};

} // namespace TcpLens
