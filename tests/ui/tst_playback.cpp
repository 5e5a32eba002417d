// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The window replaying a recording (issue #16), offscreen. The recording is made here, from the live
// pipeline in a private network namespace: first a listener with two connections, then those gone
// and another listener. Scrubbed to each moment, forwards and back, the table shows that moment's
// sockets; the controls, the title and the status bar say it is a recording; a file that is no
// recording leaves the window as it was.
#include "charts/timechartview.h"
#include "loopbacksockets.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "privatenetworknamespace.h"
#include "record/playbackbar.h"
#include "record/recordcontroller.h"
#include "record/recordingreader.h"
#include "record/recordingwriter.h"
#include "sysctl/sysctlpanel.h"
#include "sysctl/sysctltreemodel.h"
#include "sysctl/sysctlwriteroute.h"
#include "testwindow.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

namespace {

bool writeFinTimeout(const char *value)
{
    QFile file(u"/proc/sys/net/ipv4/tcp_fin_timeout"_s);
    return file.open(QIODevice::WriteOnly) && file.write(value) == qint64(qstrlen(value));
}

enum class Closing : quint8 { Shown, Left };

// The listening ports and the connections' ports of the table's rows. A row whose socket the last
// snapshot no longer had is shown once more as closing (ConnectionTableModel::Mark::Closing), until
// the next snapshot: at the end of a recording there is none, as when a live kernel's display is
// paused.
QSet<quint16> portsShown(const QAbstractItemModel &model, Closing closing = Closing::Shown)
{
    QSet<quint16> ports;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(ConnectionTableModel::StateRole).toInt() == int(TcpState::Close))
            continue; // closed rows stay a while; the sockets of the moment are the question
        if (closing == Closing::Left &&
            index.data(ConnectionTableModel::MarkRole).value<ConnectionTableModel::Mark>() ==
                ConnectionTableModel::Mark::Closing)
            continue;
        ports.insert(quint16(index.data(ConnectionTableModel::LocalPortRole).toUInt()));
    }
    return ports;
}

QString portsText(const QSet<quint16> &ports)
{
    QList<quint16> sorted(ports.cbegin(), ports.cend());
    std::sort(sorted.begin(), sorted.end());
    QStringList texts;
    for (const quint16 port : sorted)
        texts.append(QString::number(port));
    return texts.join(u", "_s);
}

} // namespace

class TestPlayback : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder;
    QString m_path;
    // The ports of each phase and a time at which the recording shows it.
    QSet<quint16> m_first;
    QSet<quint16> m_second;
    qint64 m_firstNs = 0;
    qint64 m_secondNs = 0;
    quint64 m_firstClientCookie = 0;

    // Waits until the pipeline's newest snapshot holds every port of `wanted` and none of `gone`.
    static bool shows(const LiveConnections &live, const QSet<quint16> &wanted, const QSet<quint16> &gone)
    {
        QSet<quint16> ports;
        const SocketSnapshot &latest = live.latest();
        if (latest.isNull())
            return false;
        for (const SocketRecord &socket : latest.sockets())
            ports.insert(socket.localPort);
        return ports.contains(wanted) && !ports.intersects(gone);
    }

    // The table shows `wanted` and nothing of `gone`, within a few seconds.
    static bool tableShows(const MainWindow &window, const QSet<quint16> &wanted, const QSet<quint16> &gone,
        Closing closing = Closing::Shown)
    {
        return QTest::qWaitFor(
            [&] {
                const QSet<quint16> ports = portsShown(*window.connectionModel(), closing);
                return ports.contains(wanted) && !ports.intersects(gone);
            },
            5000);
    }

    // A window replaying the recording, paused at `timeNs`; null if it did not open.
    std::unique_ptr<MainWindow> replayPausedAt(qint64 timeNs) const
    {
        auto window = Test::openWindow();
        if (!window || !window->openRecording(m_path).has_value())
            return nullptr;
        window->playbackBar()->setPaused(true);
        window->playbackBar()->seek(timeNs);
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Test::isolateSettings();
        QVERIFY(m_folder.isValid());
        m_path = m_folder.filePath(u"phases.tcplens"_s);
        // A value of this namespace the recording keeps, changed after it: the replay shows the first.
        QVERIFY(writeFinTimeout("37"));

        // Recorded as `tcplens record` and File -> Record do: a writer on the live pipeline.
        LocalKernelSource::Options options;
        options.collector.intervalMs = 100;
        auto source = std::make_unique<LocalKernelSource>(options);
        auto writer = RecordingWriter::create(m_path, source->description());
        QVERIFY2(writer.has_value(), qPrintable(writer ? QString() : writer.error()));
        LiveConnections live;
        (*writer)->record(live);
        live.setSource(std::move(source));

        auto first = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(first.fd);
        auto client = Sockets::connectTo(u"127.0.0.1"_s, first.port);
        QVERIFY(client && Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(first.fd.get(), 1s);
        QVERIFY(server);
        m_first = {first.port, Sockets::localPort(client.get())};
        QTRY_VERIFY_WITH_TIMEOUT(shows(live, m_first, {}), 5000);
        for (const SocketRecord &socket : live.latest().sockets()) {
            if (socket.localPort == Sockets::localPort(client.get()))
                m_firstClientCookie = socket.cookie;
        }
        m_firstNs = live.latest().monotonicNs();
        QTest::qWait(600);

        Sockets::closeWithReset(client);
        server.reset();
        first.fd.reset();
        auto second = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(second.fd);
        m_second = {second.port};
        QTRY_VERIFY_WITH_TIMEOUT(shows(live, m_second, m_first), 5000);
        m_secondNs = live.latest().monotonicNs();
        QTest::qWait(600);
        live.setSource(nullptr);
        (*writer)->finish();
        QVERIFY(writeFinTimeout("41"));
        QVERIFY2(!m_first.intersects(m_second), "the kernel gave the second listener a port of the first phase");
    }

    void scrubbingShowsThatMomentsSockets()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        auto opened = window->openRecording(m_path);
        QVERIFY2(opened.has_value(), qPrintable(opened ? QString() : opened.error()));
        PlaybackBar *bar = window->playbackBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(window->windowTitle().contains(u"Recording: phases.tcplens"_s), qPrintable(window->windowTitle()));
        const auto *source = window->findChild<QLabel *>(u"sourceLabel"_s);
        QVERIFY(source && source->text().startsWith(u"Recording: phases.tcplens"_s));
        QCOMPARE(window->connections()->description().kind, SourceDescription::Kind::Recording);

        bar->setPaused(true);
        bar->seek(m_firstNs);
        QVERIFY2(tableShows(*window, m_first, m_second),
            qPrintable(u"after scrubbing to the first moment the table shows ports %1, not %2"_s.arg(
                portsText(portsShown(*window->connectionModel())), portsText(m_first))));
        auto *slider = bar->findChild<QSlider *>(u"timeSlider"_s);
        QVERIFY(slider);
        QCOMPARE(slider->value(), int((m_firstNs - bar->info().firstNs) / 1'000'000));

        bar->seek(m_secondNs); // forwards
        QVERIFY2(tableShows(*window, m_second, m_first),
            qPrintable(u"after scrubbing forwards the table shows ports %1, not %2"_s.arg(
                portsText(portsShown(*window->connectionModel())), portsText(m_second))));

        bar->seek(m_firstNs); // and back
        QVERIFY2(tableShows(*window, m_first, m_second),
            qPrintable(u"after scrubbing back the table shows ports %1, not %2"_s.arg(
                portsText(portsShown(*window->connectionModel())), portsText(m_first))));
        QVERIFY(bar->isPaused());
        QCOMPARE(bar->position(), m_firstNs);

        // Following goes on across a scrub: the same socket, in the fresh source's numbering.
        const int row = window->connectionModel()->rowOfCookie(m_firstClientCookie);
        QVERIFY2(row >= 0, "the first phase's client has no row");
        window->followConnection(
            window->connectionModel()->index(row, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong());
        QVERIFY(window->connections()->followedConnectionId() != 0);
        bar->seek(m_firstNs + 300'000'000);
        QTRY_VERIFY(window->followedConnection() != 0 && window->connections()->followedConnection());
        QCOMPARE(window->connections()->followedConnection()->cookie, m_firstClientCookie);
    }

    // The filter works on a replay as on the kernel, and holds across a scrub (a fresh source).
    void filteringAReplayKeepsItsFilterAcrossAScrub()
    {
        auto window = replayPausedAt(m_firstNs);
        QVERIFY(window);
        PlaybackBar *bar = window->playbackBar();
        QVERIFY(tableShows(*window, m_first, m_second));
        const auto *proxy = window->connectionProxy();
        QTest::keyClicks(window->filterEdit(), u"state:listen"_s);
        const auto onlyListeners = [&] {
            if (proxy->rowCount() == 0)
                return false;
            for (int row = 0; row < proxy->rowCount(); ++row) {
                if (proxy->index(row, 0).data(ConnectionTableModel::StateRole).toInt() != int(TcpState::Listen))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY2(onlyListeners(), "state:listen on a replay must leave only the listeners' rows");
        QVERIFY2(proxy->rowCount() < window->connectionModel()->rowCount(), "the connections' rows must be hidden");
        bar->seek(m_secondNs);
        QVERIFY(tableShows(*window, m_second, m_first, Closing::Left));
        QCOMPARE(window->filterEdit()->text(), u"state:listen"_s);
        QTRY_VERIFY2(onlyListeners(), "after a scrub the filter must still apply to the fresh source's rows");
    }

    void steppingAndSpeedMoveThePlayback()
    {
        auto window = replayPausedAt(m_firstNs);
        QVERIFY(window);
        PlaybackBar *bar = window->playbackBar();
        QTRY_COMPARE(bar->position(), m_firstNs);
        // The next transition is the first phase's end: the sockets closed before the second.
        bar->stepToNextTransition();
        QTRY_VERIFY(bar->position() > m_firstNs);
        QVERIFY(bar->position() <= m_secondNs);
        QVERIFY(bar->isPaused());

        bar->setSpeedIndex(int(PlaybackBar::speeds().size()) - 1);
        QCOMPARE(bar->speed(), 20.0);
        bar->setPaused(false);
        // At 20 times its pace, the rest of the recording plays in well under a second.
        QTRY_COMPARE_WITH_TIMEOUT(bar->position(), bar->info().lastNs, 5000);
        // Played this fast, the table may skip snapshots (LiveConnections drops those overtaken): the
        // last one it shows may be the first without the first phase's sockets.
        QVERIFY2(tableShows(*window, m_second, m_first, Closing::Left),
            qPrintable(u"at the end the table shows ports %1, not %2"_s.arg(
                portsText(portsShown(*window->connectionModel(), Closing::Left)), portsText(m_second))));
        // The charts follow the recording's clock, not this machine's, whose "now" is past the
        // recording's end: their newest moment is the recording's last.
        const auto charts = window->findChildren<TimeChartView *>();
        QVERIFY(charts.size() >= 3); // the listener's, the counters', the sysctl's
        for (TimeChartView *chart : charts) {
            chart->refresh();
            QCOMPARE(chart->viewToNs(), bar->info().lastNs);
        }
    }

    void sysctlsAreTheRecordedOnesAndReadOnly()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        QVERIFY(window->openRecording(m_path).has_value());
        const SysctlTreeModel *tree = window->sysctlPanel()->treeModel();
        const QModelIndex finTimeout = tree->indexOfKey(u"net.ipv4.tcp_fin_timeout"_s);
        QVERIFY(finTimeout.isValid());
        QTRY_COMPARE(finTimeout.data(SysctlTreeModel::CurrentValueRole).toString(), u"37"_s); // not today's 41
        QCOMPARE(finTimeout.data(SysctlTreeModel::WriteRouteRole).toInt(), int(SysctlWriteRoute::Kind::None));
        QVERIFY(!window->sysctlPanel()->canApply());
        // Back to live: the namespace's own value, read here, and writable (root, its own namespace).
        Q_EMIT window->playbackBar()->leaveRequested();
        QTRY_COMPARE(tree->indexOfKey(u"net.ipv4.tcp_fin_timeout"_s).data(SysctlTreeModel::CurrentValueRole).toString(),
            u"41"_s);
    }

    void backToLiveWatchesTheMachineAgain()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        QVERIFY(window->openRecording(m_path).has_value());
        QVERIFY(!window->recorder()->action()->isEnabled()); // a replay is recorded already
        Q_EMIT window->playbackBar()->leaveRequested();
        QCOMPARE(window->connections()->description().kind, SourceDescription::Kind::LocalKernel);
        QVERIFY(window->playbackBar()->isHidden());
        QVERIFY(window->recorder()->action()->isEnabled());
        QVERIFY2(!window->windowTitle().contains(u"Recording"_s), qPrintable(window->windowTitle()));
    }

    void aFileThatIsNoRecordingChangesNothing()
    {
        auto window = Test::openWindow();
        QVERIFY(window);
        const QString path = m_folder.filePath(u"notes.tcplens"_s);
        QFile notes(path);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("These are notes, not a recording.\n");
        notes.close();
        auto opened = window->openRecording(path);
        QVERIFY(!opened.has_value());
        QVERIFY2(opened.error().contains(u"notes.tcplens"_s), qPrintable(opened.error()));
        QCOMPARE(window->connections()->description().kind, SourceDescription::Kind::LocalKernel);
        QVERIFY(window->playbackBar()->isHidden());
    }

    void recordingFromTheWindowMakesAFileThatReplays()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 4);
        QVERIFY(listener.fd);
        auto window = Test::openWindow();
        QVERIFY(window);
        // The window alone keeps no socket's details (memory, most of tcp_info): no view shows them.
        QTRY_VERIFY(!window->connections()->latest().isNull());
        QVERIFY(!window->connections()->latest().hasDetails());
        const QString path = m_folder.filePath(u"window.tcplens"_s);
        RecordController *recorder = window->recorder();
        auto started = recorder->start(path);
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error()));
        QVERIFY(recorder->action()->isChecked());
        QVERIFY(!recorder->indicator()->isHidden());
        QVERIFY2(recorder->indicator()->text().contains(u"REC"_s), qPrintable(recorder->indicator()->text()));
        QTRY_VERIFY(!window->connections()->latest().isNull());
        QTest::qWait(1200);
        // While it records, the window's snapshots carry the details a recording keeps.
        QTRY_VERIFY(window->connections()->latest().hasDetails());
        recorder->stop();
        QVERIFY(!recorder->isRecording());
        QVERIFY(recorder->indicator()->isHidden());

        auto reader = RecordingReader::open(path);
        QVERIFY2(reader.has_value(), qPrintable(reader ? QString() : reader.error()));
        QVERIFY((*reader)->info().rows[int(RecordKind::Snapshot)] >= 2);
        // Every snapshot recorded has them, also the first (the window's own had none before).
        const auto first = (*reader)->snapshotAt((*reader)->info().firstNs);
        QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error()));
        const SocketSnapshot &recorded = first->snapshot;
        QVERIFY(recorded.hasDetails());
        bool listenerMemory = false;
        for (std::size_t i = 0; i < recorded.sockets().size(); ++i) {
            if (recorded.sockets()[i].localPort == listener.port && recorded.sockets()[i].state == TcpState::Listen)
                listenerMemory =
                    recorded.sockets()[i].hasFlag(HasMemory) && recorded.data().details[i].memory.receiveBuffer > 0;
        }
        QVERIFY2(listenerMemory, "the recording holds the listener's memory, a detail the window leaves out");
        QVERIFY(window->openRecording(path).has_value());
        QVERIFY(tableShows(*window, {listener.port}, {}));
    }
};

TCPLENS_NETNS_TEST_MAIN(TestPlayback, QApplication)

#include "tst_playback.moc"
