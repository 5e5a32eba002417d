// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QPointF>

namespace TcpLens {

class TimeSeriesModel;

// Reduces a series to what a chart `buckets` pixels wide can show without hiding a peak: per bucket
// the smallest and the largest value, in the order they happened (M4 without the first and last,
// which a line through min and max draws anyway). A one-sample spike stays a spike at any zoom.
class MinMaxDownsampler
{
public:
    // Points of `series` between fromNs and toNs, plus one sample on each side so the line enters and
    // leaves the plot, with x = (time - originNs) / unitNs (seconds before the end of the view for the
    // charts). Unchanged when there are fewer samples than 2 * buckets.
    static QList<QPointF> lines(const TimeSeriesModel &model, int series, qint64 fromNs, qint64 toNs, int buckets,
        qint64 originNs, double unitNs = 1e9);
    // Event markers: a point for every bucket in which `eventSeries` is > 0, at the largest value of
    // `heightSeries` in that bucket (an overflow drawn on the accept-queue curve it belongs to).
    static QList<QPointF> events(const TimeSeriesModel &model, int eventSeries, int heightSeries, qint64 fromNs,
        qint64 toNs, int buckets, qint64 originNs, double unitNs = 1e9);
};

} // namespace TcpLens
