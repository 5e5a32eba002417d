// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// bench_record [--sockets N] [--changed PERCENT] [--minutes M] [--key-frame-interval N] [--out FILE]:
// what recording costs (issue #16): a RecordingWriter fed one snapshot a second of N synthetic
// sockets (bench/syntheticsockets.h) of which PERCENT changed since the previous one, for M minutes
// of recorded time, as fast as it writes them. Prints the bytes per minute of the file, the size of
// a key frame and of a delta, and the CPU the writer's thread spends per snapshot (encoding and
// SQLite), which at one snapshot a second is its share of one core. Asserts nothing.
#include "benchreport.h"
#include "record/recordingwriter.h"
#include "record/snapshotcodec.h"
#include "syntheticsockets.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using namespace TcpLens::Bench;

namespace {

qint64 processCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tcplens"_s);
    setProgramName("bench_record");
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption socketsOption(u"sockets"_s, u"Sockets per snapshot (120000)."_s, u"N"_s, u"120000"_s);
    const QCommandLineOption changedOption(
        u"changed"_s, u"Percent of sockets changed per snapshot (1)."_s, u"PERCENT"_s, u"1"_s);
    const QCommandLineOption minutesOption(u"minutes"_s, u"Minutes recorded at 1 Hz (2)."_s, u"M"_s, u"2"_s);
    const QCommandLineOption keyFrameOption(
        u"key-frame-interval"_s, u"Snapshots between key frames (60)."_s, u"N"_s, u"60"_s);
    const QCommandLineOption outOption(u"out"_s, u"Keep the recording at FILE."_s, u"FILE"_s);
    parser.addOptions({socketsOption, changedOption, minutesOption, keyFrameOption, outOption});
    parser.process(app);
    const int sockets = parser.value(socketsOption).toInt();
    const double changed = parser.value(changedOption).toDouble() / 100;
    const int minutes = parser.value(minutesOption).toInt();
    RecordingWriter::Options options;
    options.keyFrameInterval = parser.value(keyFrameOption).toInt();
    if (sockets <= 0 || minutes <= 0 || options.keyFrameInterval <= 0 || changed < 0 || changed > 1)
        fail(u"--sockets, --minutes and --key-frame-interval take positive numbers, --changed 0 to 100"_s);

    QTemporaryDir dir;
    const QString path = parser.isSet(outOption) ? parser.value(outOption) : dir.filePath(u"bench.tcplens"_s);
    SyntheticSockets synthetic(sockets);
    say(u"%1 sockets, %2% changed per snapshot, %3 minutes at 1 Hz, a key frame every %4 snapshots"_s.arg(sockets)
            .arg(changed * 100)
            .arg(minutes)
            .arg(options.keyFrameInterval));

    // The sizes of one key frame and one delta, and what encoding them costs, in this thread.
    {
        SocketSnapshot before = synthetic.snapshot();
        synthetic.churn(changed);
        SocketSnapshot after = synthetic.snapshot();
        QElapsedTimer timer;
        timer.start();
        const QByteArray keyFrame = encodeSnapshotKeyFrame(after);
        const qint64 keyNs = timer.nsecsElapsed();
        timer.restart();
        const auto delta = encodeSnapshotDelta(after, before);
        const qint64 deltaNs = timer.nsecsElapsed();
        if (!delta)
            fail(u"a snapshot with 1% changed made no delta"_s);
        timer.restart();
        const auto decoded = decodeSnapshot(*delta, &before);
        const qint64 decodeNs = timer.nsecsElapsed();
        if (!decoded)
            fail(u"the delta does not decode: "_s + decoded.error());
        if (decoded->sockets.size() != after.sockets().size())
            fail(u"the delta decodes to another number of sockets"_s);
        say(u"key frame: %1 bytes (%2 a socket), encoded in %3 ms"_s.arg(keyFrame.size())
                .arg(double(keyFrame.size()) / sockets, 0, 'f', 1)
                .arg(ms(keyNs), 0, 'f', 1));
        say(u"delta: %1 bytes, encoded in %2 ms, decoded in %3 ms"_s.arg(delta ? delta->size() : -1)
                .arg(ms(deltaNs), 0, 'f', 1)
                .arg(ms(decodeNs), 0, 'f', 1));
    }

    // What making the snapshots costs alone, to take off the total.
    const int snapshots = minutes * 60;
    qint64 makingNs = 0;
    {
        SyntheticSockets dry(sockets);
        const qint64 start = processCpuNs();
        for (int i = 0; i < snapshots; ++i) {
            const SocketSnapshot snapshot = dry.snapshot();
            dry.churn(changed);
        }
        makingNs = processCpuNs() - start;
    }

    auto writer =
        RecordingWriter::create(path, {SourceDescription::Kind::LocalKernel, u"bench"_s, {}, {}, {}}, options);
    if (!writer)
        fail(writer.error());
    QElapsedTimer wall;
    wall.start();
    const qint64 start = processCpuNs();
    for (int i = 0; i < snapshots; ++i) {
        (*writer)->addSnapshot(synthetic.snapshot());
        synthetic.churn(changed);
        // One snapshot in flight at most, as at 1 Hz: the queue never holds a minute of them.
        (*writer)->waitForWrites();
    }
    (*writer)->finish();
    const qint64 cpuNs = processCpuNs() - start - makingNs;
    const qint64 bytes = QFileInfo(path).size();
    say(u"file: %1 MB for %2 minutes: %3 MB a minute (%4 key frames)"_s.arg(double(bytes) / 1e6, 0, 'f', 1)
            .arg(minutes)
            .arg(double(bytes) / 1e6 / minutes, 0, 'f', 2)
            .arg((*writer)->statistics().keyFrames));
    say(u"writer CPU: %1 ms a snapshot (encoding and SQLite), %2% of a core at 1 Hz; wall %3 s for %4 snapshots"_s
            .arg(ms(cpuNs) / snapshots, 0, 'f', 1)
            .arg(ms(cpuNs) / snapshots / 10, 0, 'f', 1)
            .arg(double(wall.elapsed()) / 1000, 0, 'f', 1)
            .arg(snapshots));
    return 0;
}
