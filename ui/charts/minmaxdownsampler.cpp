// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "minmaxdownsampler.h"

#include "timeseriesmodel.h"

#include <algorithm>
#include <cmath>

namespace TcpLens {

namespace {
double xOf(qint64 timeNs, qint64 originNs, double unitNs)
{
    return double(timeNs - originNs) / unitNs;
}

struct RowRange
{
    int first = 0;
    int end = 0;
};

// The rows between fromNs and toNs and one more on each side.
RowRange rowsAround(const TimeSeriesModel &model, qint64 fromNs, qint64 toNs)
{
    const int first = std::max(0, model.lowerBound(fromNs) - 1);
    const int end = std::min(model.rowCount(), model.lowerBound(toNs) + 1);
    return {first, std::max(first, end)};
}
} // namespace

QList<QPointF> MinMaxDownsampler::lines(
    const TimeSeriesModel &model, int series, qint64 fromNs, qint64 toNs, int buckets, qint64 originNs, double unitNs)
{
    const RowRange rows = rowsAround(model, fromNs, toNs);
    QList<QPointF> points;
    buckets = std::max(buckets, 1);
    if (rows.end - rows.first <= 2 * buckets || toNs <= fromNs) {
        points.reserve(rows.end - rows.first);
        for (int row = rows.first; row < rows.end; ++row)
            points.append({xOf(model.timeAt(row), originNs, unitNs), model.valueAt(row, series)});
        return points;
    }
    points.reserve(2 * buckets + 4);
    const double bucketNs = double(toNs - fromNs) / buckets;
    int row = rows.first;
    while (row < rows.end) {
        const qint64 bucket = qint64(std::floor(double(model.timeAt(row) - fromNs) / bucketNs));
        int minRow = row;
        int maxRow = row;
        for (++row; row < rows.end && qint64(std::floor(double(model.timeAt(row) - fromNs) / bucketNs)) == bucket;
            ++row) {
            if (model.valueAt(row, series) < model.valueAt(minRow, series))
                minRow = row;
            if (model.valueAt(row, series) > model.valueAt(maxRow, series))
                maxRow = row;
        }
        const int firstRow = std::min(minRow, maxRow);
        const int secondRow = std::max(minRow, maxRow);
        points.append({xOf(model.timeAt(firstRow), originNs, unitNs), model.valueAt(firstRow, series)});
        if (secondRow != firstRow)
            points.append({xOf(model.timeAt(secondRow), originNs, unitNs), model.valueAt(secondRow, series)});
    }
    return points;
}

QList<QPointF> MinMaxDownsampler::events(const TimeSeriesModel &model, int eventSeries, int heightSeries, qint64 fromNs,
    qint64 toNs, int buckets, qint64 originNs, double unitNs)
{
    const RowRange rows = rowsAround(model, fromNs, toNs);
    QList<QPointF> points;
    buckets = std::max(buckets, 1);
    const double bucketNs = toNs > fromNs ? double(toNs - fromNs) / buckets : 1.0;
    qint64 currentBucket = -1;
    for (int row = rows.first; row < rows.end; ++row) {
        if (model.valueAt(row, eventSeries) <= 0)
            continue;
        const qint64 bucket = qint64(std::floor(double(model.timeAt(row) - fromNs) / bucketNs));
        const QPointF point(xOf(model.timeAt(row), originNs, unitNs), model.valueAt(row, heightSeries));
        if (bucket == currentBucket && !points.isEmpty()) {
            if (point.y() > points.back().y())
                points.back().setY(point.y());
            continue;
        }
        currentBucket = bucket;
        points.append(point);
    }
    return points;
}

} // namespace TcpLens
