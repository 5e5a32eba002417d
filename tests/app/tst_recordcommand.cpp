// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// `tcplens record`, the real binary, in a private network namespace: SIGKILL at random moments must
// leave a recording that opens, whose last row is less than about a second older than the kill (the
// writer commits twice a second); SIGTERM and --duration end it cleanly, with progress on stderr.
#include "loopbacksockets.h"
#include "model/monotonicclock.h"
#include "privatenetworknamespace.h"
#include "record/recordingreader.h"

#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

constexpr qint64 Millisecond = 1'000'000;

template<typename T>
QString errorOf(const std::expected<T, QString> &result)
{
    return result ? QString() : result.error();
}

} // namespace

class TestRecordCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Something to record: a listener with a connection, so snapshots and samples have rows.
        m_listener = Sockets::listen(u"127.0.0.1"_s, 4);
        QVERIFY(m_listener.fd);
        m_client = Sockets::connectTo(u"127.0.0.1"_s, m_listener.port);
    }

    void killedRecordingOpens_data()
    {
        QTest::addColumn<int>("killAfterMs");
        QRandomGenerator random(quint32(MonotonicClock::nowNs()));
        for (int run = 0; run < 3; ++run)
            QTest::addRow("run %d", run) << int(200 + random.bounded(1500));
    }

    void killedRecordingOpens()
    {
        QFETCH(int, killAfterMs);
        const QString path = m_dir.filePath(u"killed-%1.tcplens"_s.arg(killAfterMs));
        QProcess record;
        record.setProcessChannelMode(QProcess::ForwardedOutputChannel);
        record.start(QStringLiteral(TCPLENS_BINARY), {u"record"_s, path, u"--interval"_s, u"100"_s});
        QVERIFY2(record.waitForStarted(), qPrintable(record.errorString()));
        // From the first committed snapshot on (the first dump and /proc walk take a while on a
        // loaded machine), then a random moment later.
        QTRY_VERIFY_WITH_TIMEOUT(RecordingReader::open(path)
                                     .transform([](const auto &reader) {
                                         return reader->info().rows[std::size_t(RecordKind::Snapshot)] > 0;
                                     })
                                     .value_or(false),
            10000);
        QTest::qWait(killAfterMs);
        QVERIFY2(record.state() == QProcess::Running, "tcplens record ended before it was killed");
        ::kill(pid_t(record.processId()), SIGKILL);
        const qint64 killedNs = MonotonicClock::nowNs();
        QVERIFY(record.waitForFinished());

        auto reader = RecordingReader::open(path);
        QVERIFY2(reader,
            qPrintable(u"a recording killed after %1 ms does not open: %2"_s.arg(killAfterMs).arg(errorOf(reader))));
        const RecordingInfo &info = (*reader)->info();
        QVERIFY2(info.rows[std::size_t(RecordKind::Snapshot)] > 0,
            "a recording killed after its first snapshot was committed holds none");
        const qint64 lagNs = killedNs - info.lastNs;
        QVERIFY2(lagNs >= 0 && lagNs < 1200 * Millisecond,
            qPrintable(
                u"the last row is %1 ms older than the kill: the writer must commit at least once a second"_s.arg(
                    lagNs / Millisecond)));
        // Every snapshot it holds rebuilds.
        auto last = (*reader)->snapshotAt(info.lastNs);
        QVERIFY2(last && !last->snapshot.isNull(), qPrintable(errorOf(last)));
    }

    void terminatedAndTimedRecordingsEndCleanly()
    {
        const QString path = m_dir.filePath(u"timed.tcplens"_s);
        QProcess record;
        record.start(QStringLiteral(TCPLENS_BINARY), {u"record"_s, path, u"--duration"_s, u"1"_s});
        QVERIFY(record.waitForFinished(10000));
        QCOMPARE(record.exitCode(), 0);
        const QString err = QString::fromUtf8(record.readAllStandardError());
        QVERIFY2(err.contains(u"snapshots"_s) && err.contains(u"MB"_s), qPrintable(u"no progress line: "_s + err));
        QVERIFY2(!QFileInfo::exists(path + u"-wal"_s), "a recording that ended cleanly must leave no write-ahead log");
        QVERIFY2(RecordingReader::open(path), "a timed recording does not open");

        QProcess again;
        again.start(QStringLiteral(TCPLENS_BINARY), {u"record"_s, path});
        QVERIFY(again.waitForFinished(10000));
        QCOMPARE(again.exitCode(), 1);
        QVERIFY2(QString::fromUtf8(again.readAllStandardError()).contains(u"exists already"_s),
            "recording over an existing file must be refused, saying so");

        const QString terminated = m_dir.filePath(u"terminated.tcplens"_s);
        QProcess stopped;
        stopped.start(QStringLiteral(TCPLENS_BINARY), {u"record"_s, terminated});
        QVERIFY(stopped.waitForStarted());
        QTest::qWait(700);
        stopped.terminate();
        QVERIFY(stopped.waitForFinished(10000));
        QCOMPARE(stopped.exitStatus(), QProcess::NormalExit);
        QCOMPARE(stopped.exitCode(), 0);
        QVERIFY2(RecordingReader::open(terminated), "a recording ended by SIGTERM does not open");
    }

private:
    QTemporaryDir m_dir;
    Sockets::Listener m_listener;
    UniqueFd m_client;
};

TCPLENS_NETNS_TEST_MAIN(TestRecordCommand, QCoreApplication)
#include "tst_recordcommand.moc"
