// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// bench_gui: whether the main window stays usable with 120,000 sockets. It fills a private network
// namespace the way bench_snapshot does, opens the real MainWindow on the offscreen platform and
// measures the event loop's lateness while it polls, the GUI thread's time per snapshot, sorting by
// every column, the filter bar, and the process's memory; `ss` runs on the same sockets for scale.
// See docs/benchmarks.md for the figures of record. It asserts nothing about time.

#include "benchenvironment.h"
#include "benchreport.h"
#include "connectionfarm.h"
#include "externalcommand.h"
#include "samples.h"
#include "syntheticsockets.h"

#include "collect/snapshotsource.h"
#include "mainwindow.h"
#include "model/allocatorpolicy.h"
#include "model/tcpstate.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "netlink/sockdiagclient.h"
#include "pipeline/liveconnections.h"
#include "pipeline/trackingworker.h"
#include "tracking/connectiontracker.h"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMetaEnum>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <malloc.h>
#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <string_view>
#include <thread>

using namespace TcpLens;
using namespace TcpLens::Bench;
using namespace Qt::StringLiterals;

namespace {

using Clock = std::chrono::steady_clock;

// The bound for sorting and filtering; reported, never asserted.
constexpr double TargetMs = 200.0;
// TIME_WAIT lasts TCP_TIMEWAIT_LEN (60 s): measurements past this see the population shrink.
constexpr qint64 TimeWaitWindowMs = 55'000;
constexpr int TickMs = 5;

qint64 nsSince(Clock::time_point since)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - since).count();
}

qint64 msSince(Clock::time_point since)
{
    return nsSince(since) / 1'000'000;
}

// "RESULT bench_gui.KEY VALUE UNIT": one figure per line, for scripts that compare runs.
void result(const QString &key, double value, const char *unit, int decimals = 3)
{
    say(u"RESULT bench_gui.%1 %2 %3"_s.arg(key).arg(value, 0, 'f', decimals).arg(QLatin1StringView(unit)));
}

// The value below which `fraction` of the samples lie (nearest rank).
qint64 percentile(std::vector<qint64> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(fraction * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

struct Options
{
    int established = 50000;
    int timeWait = 20000;
    int pairsPerWorker = 9000;
    int seconds = 20; // of polling under the latency probe
    int minPolls = 15;
    int intervalMs = 1000;
    int repeat = 3; // rounds of every sort and filter
    int synthetic = 0; // sockets made in memory instead of the kernel's (0: real sockets)
    bool owners = true;
    bool help = false;
    QString screenshot; // where to save a picture of the window after the latency probe
};

QString usage()
{
    return u"usage: bench_gui [--established N] [--timewait N] [--seconds N] [--polls N] [--interval MS]\n"
           "                 [--repeat N] [--pairs-per-worker N] [--no-owners] [--small] [--screenshot FILE]\n"
           "       bench_gui --synthetic N [--repeat N]\n"
           "  --established N       connections to hold open, 2 sockets each (default 50000)\n"
           "  --timewait N          TIME_WAIT sockets made right before the window opens (default 20000)\n"
           "  --seconds N           polling watched by the 5 ms latency probe (default 20)\n"
           "  --polls N             ...and at least this many snapshots shown (default 15)\n"
           "  --interval MS         the window's poll interval (default 1000)\n"
           "  --repeat N            rounds of every sort and every filter (default 3)\n"
           "  --pairs-per-worker N  connections per worker process (default 9000)\n"
           "  --no-owners           do not resolve owning processes (the app resolves them by default)\n"
           "  --small               quick check: 2000 connections, 1000 TIME_WAIT, 5 s\n"
           "  --screenshot FILE     save the window as it looks after the probe (not part of any timing)\n"
           "  --synthetic N         N sockets made in memory, no kernel: the table (model, proxy, view) alone\n"
           "Needs root, except with --synthetic: it makes a private network namespace of its own and uses\n"
           "only its loopback.\n"_s;
}

std::expected<Options, QString> parseOptions(int argc, char **argv)
{
    Options options;
    bool small = false;
    bool countsGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--help" || argument == "-h") {
            options.help = true;
            continue;
        }
        if (argument == "--small") {
            small = true;
            continue;
        }
        if (argument == "--no-owners") {
            options.owners = false;
            continue;
        }
        if (argument == "--screenshot" && i + 1 < argc) {
            options.screenshot = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        const std::map<std::string_view, std::pair<int *, int>> counts{
            {"--established", {&options.established, 1}},
            {"--timewait", {&options.timeWait, 0}},
            {"--seconds", {&options.seconds, 1}},
            {"--polls", {&options.minPolls, 1}},
            {"--interval", {&options.intervalMs, 50}},
            {"--repeat", {&options.repeat, 1}},
            {"--pairs-per-worker", {&options.pairsPerWorker, 1}},
            {"--synthetic", {&options.synthetic, 1}},
        };
        const auto found = counts.find(argument);
        if (found == counts.end())
            return std::unexpected(u"unknown argument \"%1\"\n"_s.arg(QString::fromLocal8Bit(argv[i])) + usage());
        if (i + 1 >= argc)
            return std::unexpected(u"%1 needs a value"_s.arg(QLatin1StringView(argument)));
        const std::string_view digits(argv[++i]);
        int value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error != std::errc() || end != digits.data() + digits.size() || value < found->second.second)
            return std::unexpected(u"%1 wants a whole number >= %2, not \"%3\""_s.arg(QLatin1StringView(argument))
                    .arg(found->second.second)
                    .arg(QString::fromLocal8Bit(argv[i])));
        *found->second.first = value;
        countsGiven |= argument == "--established" || argument == "--timewait";
    }
    if (small) {
        if (!countsGiven) {
            options.established = 2000;
            options.timeWait = 1000;
        }
        options.seconds = std::min(options.seconds, 5);
        options.minPolls = std::min(options.minPolls, 4);
    }
    return options;
}

struct StateCounts
{
    qint64 established = 0;
    qint64 timeWait = 0;
    qint64 listen = 0;
    qint64 total = 0;
};

StateCounts countStates(SockDiagClient &client)
{
    SockDiagClient::Options options;
    options.withTcpInfo = false;
    options.withMemory = false;
    const auto dump = orFail(client.dump(options), u"counting sockets"_s);
    StateCounts counts;
    for (const auto &socket : dump.sockets) {
        counts.established += socket.state == TcpState::Established;
        counts.timeWait += socket.state == TcpState::TimeWait;
        counts.listen += socket.state == TcpState::Listen;
        ++counts.total;
    }
    return counts;
}

// The kernel finishes handshakes and closes in softirq context, a little after the calls returned.
StateCounts waitForStates(
    SockDiagClient &client, const std::function<bool(const StateCounts &)> &enough, int timeoutMs, const QString &what)
{
    const auto started = Clock::now();
    for (;;) {
        const StateCounts counts = countStates(client);
        if (enough(counts))
            return counts;
        if (msSince(started) > timeoutMs)
            fail(u"%1: after %2 ms the namespace holds %3 established and %4 TIME_WAIT sockets"_s.arg(what)
                    .arg(timeoutMs)
                    .arg(counts.established)
                    .arg(counts.timeWait));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// VmRSS of this process, in kB.
qint64 residentKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// What glibc's malloc has handed out and not got back: arena plus mmap()ed chunks.
qint64 heapInUseBytes()
{
    const auto info = ::mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

QString cpuModel()
{
    QFile cpuinfo(u"/proc/cpuinfo"_s);
    if (!cpuinfo.open(QIODevice::ReadOnly))
        return u"?"_s;
    for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return u"?"_s;
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"?"_s;
    return QString::fromUtf8(file.readAll().trimmed());
}

// The application that times every event the GUI thread's loop delivers (the outermost notify() only:
// what the loop was busy with). A delivery during which MainWindow::snapshotShown fired is the
// handling of one snapshot: tracker, model, proxy, status bar.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;

    struct Delivery
    {
        qint64 ns = 0;
        QEvent::Type type = QEvent::None;
        QString receiver;
    };

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!QThread::isMainThread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        m_snapshotSeen = false;
        const QEvent::Type type = event->type(); // the event may not outlive its delivery, nor the receiver
        const char *className = receiver->metaObject()->className();
        // A timer says little by itself: whose it is does.
        const QObject *owner = receiver->parent();
        const char *ownerName = owner ? owner->metaObject()->className() : nullptr;
        const auto started = Clock::now();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 took = nsSince(started);
        --m_depth;
        if (m_watchingBlocks) {
            const bool paint = type == QEvent::UpdateRequest || type == QEvent::Paint;
            Delivery &slowest = paint ? m_longestPaint : m_longestBlock;
            if (took > slowest.ns) {
                slowest = {took, type, QString::fromLatin1(className)};
                if (ownerName)
                    slowest.receiver += u" of "_s + QString::fromLatin1(ownerName);
            }
        }
        if (!m_recording)
            return handled;
        if (m_snapshotSeen) {
            snapshotHandling.push_back(took);
        } else if (type == QEvent::UpdateRequest || type == QEvent::Paint) {
            painting.push_back(took);
        } else if (took > longest.ns) {
            longest = {took, type, QString::fromLatin1(className)};
        }
        return handled;
    }

    void snapshotShown() { m_snapshotSeen = true; }
    void setRecording(bool on) { m_recording = on; }
    // The longest single delivery since watchBlocks(), painting apart: how long the GUI thread was
    // unable to do anything else (paint, take input) at a stretch. Painting the table (text shaping
    // of its visible cells) is the view's cost, whatever the number of rows.
    void watchBlocks()
    {
        m_longestBlock = {};
        m_longestPaint = {};
        m_watchingBlocks = true;
    }
    Delivery longestBlock() const { return m_longestBlock; }
    Delivery longestPaint() const { return m_longestPaint; }

    std::vector<qint64> snapshotHandling;
    std::vector<qint64> painting;
    Delivery longest; // of the other deliveries

private:
    int m_depth = 0;
    bool m_snapshotSeen = false;
    bool m_recording = false;
    bool m_watchingBlocks = false;
    Delivery m_longestBlock;
    Delivery m_longestPaint;
};

// Runs the event loop until `done` holds or `timeoutMs` passes; false on timeout.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    const auto started = Clock::now();
    while (!done()) {
        if (msSince(started) > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

QString columnName(int column)
{
    return QString::fromLatin1(QMetaEnum::fromType<ConnectionTableModel::Column>().valueToKey(column));
}

// One snapshot given to the model, until it says it is applied: the whole time, and the longest single
// block of the GUI thread in it (the applySnapshot() call, or any event delivered until it is done,
// the repaint after it included).
struct ApplyFigures
{
    qint64 totalNs = 0;
    qint64 longestBlockNs = 0;
    QString longestBlock;
    qint64 longestPaintNs = 0;
};

ApplyFigures applyAndWait(TimingApplication &app, ConnectionTableModel &model, const SocketSnapshot &snapshot,
    const QList<SocketTracking> &tracking = {})
{
    bool applied = false;
    const auto connection = QObject::connect(&model, &ConnectionTableModel::snapshotApplied, &model,
        [&](quint64 generation) { applied |= generation == snapshot.generation(); });
    app.watchBlocks();
    const auto started = Clock::now();
    model.applySnapshot(snapshot, tracking);
    const qint64 callNs = nsSince(started);
    while (!applied) {
        if (msSince(started) > 600'000)
            fail(u"snapshot %1 not applied within 10 minutes"_s.arg(snapshot.generation()));
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
    ApplyFigures figures;
    figures.totalNs = nsSince(started);
    QCoreApplication::processEvents(); // the repaint the last change asked for
    QObject::disconnect(connection);
    const TimingApplication::Delivery block = app.longestBlock();
    figures.longestPaintNs = app.longestPaint().ns;
    if (callNs >= block.ns) {
        figures.longestBlockNs = callNs;
        figures.longestBlock = u"applySnapshot() itself"_s;
    } else {
        figures.longestBlockNs = block.ns;
        figures.longestBlock = u"event type %1 to %2"_s.arg(int(block.type)).arg(block.receiver);
    }
    return figures;
}

// --synthetic N: the connection table alone (model, sorted proxy, shown view) with N sockets made in
// memory: the first snapshot, in-place updates with 1% changed, sorting, filtering and memory.
int runSynthetic(const Options &options, int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    const auto buildStarted = Clock::now();
    SyntheticSockets sockets(options.synthetic);
    SocketSnapshot current = sockets.snapshot();
    say(u"synthetic: %1 sockets made in memory in %2 ms"_s.arg(current.sockets().size()).arg(msSince(buildStarted)));

    ConnectionTableModel model;
    ConnectionFilterProxy proxy;
    proxy.setConnectionModel(&model);
    // Set up as MainWindow::createTable() has it.
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setSelectionMode(QAbstractItemView::SingleSelection);
    view.setAlternatingRowColors(true);
    view.setWordWrap(false);
    view.verticalHeader()->hide();
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.horizontalHeader()->setStretchLastSection(true);
    view.resize(1400, 800);
    view.show();
    QCoreApplication::processEvents();
    const qint64 rssBefore = residentKb();
    const qint64 heapBefore = heapInUseBytes();

    const ApplyFigures first = applyAndWait(app, model, current);
    const qint64 rssAfterFirst = residentKb();
    const qint64 heapAfterFirst = heapInUseBytes();
    const qint64 rowsAfterFirst = model.rowCount();

    constexpr int InPlaceRounds = 3;
    Samples inPlaceTotal;
    ApplyFigures inPlaceWorst;
    for (int round = 0; round < InPlaceRounds; ++round) {
        sockets.churn(0.01);
        current = sockets.snapshot();
        const ApplyFigures figures = applyAndWait(app, model, current);
        inPlaceTotal.add(figures.totalNs);
        if (figures.longestBlockNs > inPlaceWorst.longestBlockNs)
            inPlaceWorst = figures;
        inPlaceWorst.longestPaintNs = std::max(inPlaceWorst.longestPaintNs, figures.longestPaintNs);
    }
    const qint64 rssAfterPolls = residentKb();
    const qint64 heapAfterPolls = heapInUseBytes();

    qint64 worstSort = 0;
    int worstSortColumn = 0;
    QStringList sortLines;
    for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column) {
        Samples ascending;
        Samples descending;
        for (int round = 0; round < options.repeat; ++round) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                const auto started = Clock::now();
                view.sortByColumn(column, order);
                (order == Qt::AscendingOrder ? ascending : descending).add(nsSince(started));
                QCoreApplication::processEvents();
            }
        }
        for (const Samples *samples : {&ascending, &descending}) {
            if (samples->median() > worstSort) {
                worstSort = samples->median();
                worstSortColumn = column;
            }
        }
        sortLines.append(u"%1 ascending %2   descending %3"_s.arg(columnName(column), -24)
                .arg(ms(ascending.median()), 8, 'f', 1)
                .arg(ms(descending.median()), 8, 'f', 1));
    }
    view.sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
    QCoreApplication::processEvents();

    qint64 worstFilter = 0;
    QString worstFilterText;
    QStringList filterLines;
    for (const QString &text :
        {u"state:time-wait"_s, u"port:443"_s, u"10.7.1"_s, u"proc:postgres"_s, u"-state:estab"_s}) {
        Samples apply;
        Samples clear;
        int rows = 0;
        for (int round = 0; round < options.repeat; ++round) {
            auto started = Clock::now();
            proxy.setFilterText(text);
            apply.add(nsSince(started));
            rows = proxy.rowCount();
            QCoreApplication::processEvents();
            started = Clock::now();
            proxy.setFilterText(QString());
            clear.add(nsSince(started));
            QCoreApplication::processEvents();
        }
        filterLines.append(u"%1 apply %2 -> %3 rows   clear %4"_s.arg(u"\"%1\""_s.arg(text), -18)
                .arg(ms(apply.median()), 8, 'f', 1)
                .arg(rows, 8)
                .arg(ms(clear.median()), 8, 'f', 1));
        if (apply.median() > worstFilter) {
            worstFilter = apply.median();
            worstFilterText = text;
        }
        if (clear.median() > worstFilter) {
            worstFilter = clear.median();
            worstFilterText = u"clearing \"%1\""_s.arg(text);
        }
    }

    utsname system{};
    ::uname(&system);
    const auto count = double(current.sockets().size());
    say(QString());
    say(u"== bench_gui --synthetic: %1 sockets in memory; ConnectionTableModel + ConnectionFilterProxy (sorted by state) + QTableView 1400x800 =="_s
            .arg(current.sockets().size()));
    say(u"machine: %1, %2 CPUs online; kernel %3; load average at the end: %4; platform %5"_s.arg(cpuModel())
            .arg(::sysconf(_SC_NPROCESSORS_ONLN))
            .arg(QString::fromLocal8Bit(system.release))
            .arg(loadAverage())
            .arg(QGuiApplication::platformName()));
    say(u"first snapshot (%1 rows): %2 ms until applied; longest block %3 ms (%4); longest paint %5 ms"_s
            .arg(rowsAfterFirst)
            .arg(ms(first.totalNs), 0, 'f', 1)
            .arg(ms(first.longestBlockNs), 0, 'f', 1)
            .arg(first.longestBlock)
            .arg(ms(first.longestPaintNs), 0, 'f', 1));
    say(u"in place, 1% changed, %1 rounds: median %2 ms until applied; longest block %3 ms (%4); longest paint %5 ms"_s
            .arg(InPlaceRounds)
            .arg(ms(inPlaceTotal.median()), 0, 'f', 1)
            .arg(ms(inPlaceWorst.longestBlockNs), 0, 'f', 1)
            .arg(inPlaceWorst.longestBlock)
            .arg(ms(inPlaceWorst.longestPaintNs), 0, 'f', 1));
    const double rssPerSocket = double(rssAfterFirst - rssBefore) * 1024.0 / count;
    const double heapPerSocket = double(heapAfterFirst - heapBefore) / count;
    say(u"memory of the table (snapshot excluded): VmRSS +%1 B per socket, malloc in use +%2 B per socket after the first snapshot; after %3 more: VmRSS +%4 B, malloc +%5 B per socket"_s
            .arg(rssPerSocket, 0, 'f', 0)
            .arg(heapPerSocket, 0, 'f', 0)
            .arg(InPlaceRounds)
            .arg(double(rssAfterPolls - rssBefore) * 1024.0 / count, 0, 'f', 0)
            .arg(double(heapAfterPolls - heapBefore) / count, 0, 'f', 0));
    say(u"-- sorting: QTableView::sortByColumn(), median of %1, ms --"_s.arg(options.repeat));
    for (const QString &line : std::as_const(sortLines))
        say(line);
    say(u"worst: %1 ms (%2)"_s.arg(ms(worstSort), 0, 'f', 1).arg(columnName(worstSortColumn)));
    say(u"-- filtering: ConnectionFilterProxy::setFilterText(), median of %1, ms --"_s.arg(options.repeat));
    for (const QString &line : std::as_const(filterLines))
        say(line);
    say(u"worst: %1 ms (%2)"_s.arg(ms(worstFilter), 0, 'f', 1).arg(worstFilterText));
    say(QString());
    result(u"synthetic.sockets"_s, count, "sockets", 0);
    result(u"synthetic.first_apply_ms"_s, ms(first.totalNs), "ms");
    result(u"synthetic.first_apply_longest_block_ms"_s, ms(first.longestBlockNs), "ms");
    result(u"synthetic.inplace_apply_median_ms"_s, ms(inPlaceTotal.median()), "ms");
    result(u"synthetic.inplace_apply_longest_block_ms"_s, ms(inPlaceWorst.longestBlockNs), "ms");
    result(u"synthetic.longest_paint_ms"_s, ms(std::max(first.longestPaintNs, inPlaceWorst.longestPaintNs)), "ms");
    result(u"synthetic.rss_bytes_per_socket"_s, rssPerSocket, "bytes", 0);
    result(u"synthetic.heap_bytes_per_socket"_s, heapPerSocket, "bytes", 0);
    result(u"synthetic.sort_worst_median_ms"_s, ms(worstSort), "ms");
    result(u"synthetic.filter_worst_median_ms"_s, ms(worstFilter), "ms");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    applyAllocatorPolicy(); // as tcplens's main() does
    setProgramName("bench_gui");
    auto parsed = parseOptions(argc, argv);
    if (!parsed) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(parsed.error()));
        return 2;
    }
    Options options = *parsed;
    if (options.help) {
        std::fputs(qPrintable(usage()), stdout);
        return 0;
    }
    if (options.synthetic > 0)
        return runSynthetic(options, argc, argv);

    // 1. A namespace of our own, with enough descriptors and TIME_WAIT room; as bench_snapshot.
    orFail(BenchEnvironment::enterPrivateNetwork(), u"network namespace"_s);
    const long descriptorLimit = orFail(BenchEnvironment::raiseDescriptorLimit(), u"descriptor limit"_s);
    const long maxPairs = (descriptorLimit - 32) / 2;
    if (options.pairsPerWorker > maxPairs)
        options.pairsPerWorker = int(maxPairs);
    const long twBuckets = orFail(BenchEnvironment::readNetSysctl("ipv4/tcp_max_tw_buckets"), u"sysctl"_s);
    // Past tcp_max_tw_buckets the kernel skips TIME_WAIT and destroys the socket outright.
    if (twBuckets < options.timeWait + 1024)
        orFail(BenchEnvironment::writeNetSysctl("ipv4/tcp_max_tw_buckets", 2L * options.timeWait + 1024), u"sysctl"_s);
    // Loopback connect() may otherwise recycle TIME_WAIT sockets older than a second.
    orFail(BenchEnvironment::writeNetSysctl("ipv4/tcp_tw_reuse", 0), u"sysctl"_s);

    // 2. Established connections, held by forked workers: before any thread or QApplication exists.
    const auto farmStarted = Clock::now();
    auto farm =
        orFail(ConnectionFarm::start(options.established, options.pairsPerWorker), u"established connections"_s);
    auto counter = orFail(SockDiagClient::open(), u"sock_diag"_s);
    const qint64 listeners = qint64(farm->workers().size());
    waitForStates(
        counter,
        [&](const StateCounts &counts) {
            return counts.established >= 2L * options.established && counts.listen >= listeners;
        },
        30'000, u"established connections"_s);
    say(u"established: %1 connections (%2 sockets) in %3 worker processes, made in %4 ms"_s.arg(options.established)
            .arg(2 * options.established)
            .arg(farm->workers().size())
            .arg(msSince(farmStarted)));

    // 3. `ss` on the established sockets plus TIME_WAIT, made now: they expire 60 s after this.
    const auto timeWaitStarted = Clock::now();
    orFail(ConnectionFarm::makeTimeWait(options.timeWait), u"TIME_WAIT sockets"_s);
    const StateCounts ready = waitForStates(
        counter,
        [&](const StateCounts &counts) {
            return counts.timeWait >= options.timeWait && counts.established >= 2L * options.established;
        },
        10'000, u"TIME_WAIT sockets"_s);
    const qint64 sockets = ready.total;
    say(u"TIME_WAIT: %1 sockets made in %2 ms; a dump sees %3 sockets (%4 ESTABLISHED, %5 TIME_WAIT, %6 LISTEN)"_s
            .arg(options.timeWait)
            .arg(msSince(timeWaitStarted))
            .arg(ready.total)
            .arg(ready.established)
            .arg(ready.timeWait)
            .arg(ready.listen));
    const auto ssSees = orFail(ExternalCommand::run({"ss", "-tan"}, true), u"ss -tan"_s);
    Samples ssPlain;
    Samples ssInfo;
    for (int round = 0; round < 3; ++round) {
        ssPlain.add(orFail(ExternalCommand::run({"ss", "-tan"}), u"ss -tan"_s).wallNs);
        ssInfo.add(orFail(ExternalCommand::run({"ss", "-tani"}), u"ss -tani"_s).wallNs);
    }
    say(u"ss -tan sees %1 sockets; median of 3: ss -tan %2 ms, ss -tani %3 ms"_s.arg(ssSees.lines - 1)
            .arg(ms(ssPlain.median()), 0, 'f', 1)
            .arg(ms(ssInfo.median()), 0, 'f', 1));

    // 4. The window, offscreen, with settings of its own (nothing read from or written to a user's).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const qint64 rssBeforeApplication = residentKb();
    TimingApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationDomain(u"tcplens.org"_s);
    QCoreApplication::setApplicationName(u"tcplens-bench"_s);
    const qint64 rssBeforeWindow = residentKb();
    const qint64 heapBeforeWindow = heapInUseBytes();
    if (qEnvironmentVariableIsSet("BENCH_GUI_SMAPS_BEFORE")) {
        QFile in(u"/proc/self/smaps"_s), out(qEnvironmentVariable("BENCH_GUI_SMAPS_BEFORE"));
        if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly))
            out.write(in.readAll());
    }

    CollectorSettings settings;
    settings.intervalMs = options.intervalMs;
    settings.snapshot.resolveOwners = options.owners;
    const auto windowStarted = Clock::now();
    MainWindow window(settings, false);
    window.resize(1400, 900);
    window.show();
    LiveConnections *collector = window.connections();

    // How old each snapshot is when the GUI thread is done with it: the collector's dump (monotonicNs
    // is its start), owners, the hand-over through the event queue, then the GUI thread's handling.
    std::vector<qint64> ageWhenShown;
    std::vector<qint64> collectorWork; // dump + owner lookup, in the collector's thread
    int shown = 0;
    qint64 firstShownNs = -1;
    qint64 firstRows = 0;
    bool probing = false;
    QObject::connect(&window, &MainWindow::snapshotShown, &window, [&](quint64) {
        const qint64 nowNs =
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
        app.snapshotShown();
        ++shown;
        if (firstShownNs < 0) {
            firstShownNs = nsSince(windowStarted);
            firstRows = window.connectionModel()->rowCount();
        }
        if (!probing)
            return;
        const SocketSnapshot &snapshot = window.connectionModel()->snapshot();
        ageWhenShown.push_back(nowNs - snapshot.monotonicNs());
        collectorWork.push_back(snapshot.statistics().durationNs + snapshot.statistics().ownerLookupNs);
    });

    // The first snapshot: every row inserted, the proxy sorting all, the columns sized to contents.
    app.setRecording(true);
    if (!spinUntil([&] { return shown >= 1; }, 30'000))
        fail(u"no snapshot shown within 30 s"_s);
    const qint64 firstHandlingNs = app.snapshotHandling.empty() ? -1 : app.snapshotHandling.front();
    spinUntil([] { return false; }, 200); // let the first paint happen
    const qint64 firstPaintNs = app.painting.empty() ? -1 : *std::max_element(app.painting.begin(), app.painting.end());
    app.snapshotHandling.clear();
    app.painting.clear();
    app.longest = {};
    const int shownBeforeProbe = shown;
    probing = true;

    // 5. Event-loop lateness while polling: a 5 ms tick that notes how late each one fires.
    std::vector<qint64> lateness;
    lateness.reserve(std::size_t(options.seconds) * 1000 / TickMs + 64);
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(TickMs);
    auto lastTick = Clock::now();
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        const auto now = Clock::now();
        lateness.push_back(std::max<qint64>(
            0, std::chrono::duration_cast<std::chrono::nanoseconds>(now - lastTick).count() - TickMs * 1'000'000LL));
        lastTick = now;
    });
    const auto probeStarted = Clock::now();
    lastTick = probeStarted;
    app.watchBlocks();
    tick.start();
    spinUntil(
        [&] {
            return msSince(probeStarted) >= qint64(options.seconds) * 1000 &&
                shown - shownBeforeProbe >= options.minPolls;
        },
        options.seconds * 1000 + options.minPolls * options.intervalMs * 4 + 10'000);
    tick.stop();
    app.setRecording(false);
    const TimingApplication::Delivery longestWhilePolling = app.longestBlock();
    const TimingApplication::Delivery longestPaintWhilePolling = app.longestPaint();
    probing = false;
    // The hand-over: what is left of a snapshot's age after the collector's and the GUI thread's work.
    std::vector<qint64> queueWait;
    if (app.snapshotHandling.size() == ageWhenShown.size()) {
        for (std::size_t i = 0; i < ageWhenShown.size(); ++i)
            queueWait.push_back(ageWhenShown[i] - collectorWork[i] - app.snapshotHandling[i]);
    }
    const qint64 probeNs = nsSince(probeStarted);
    const int polls = shown - shownBeforeProbe;
    const qint64 rssAfterPolls = residentKb();
    const qint64 heapAfterPolls = heapInUseBytes();
    if (qEnvironmentVariableIsSet("BENCH_GUI_EXIT_AFTER_POLLS")) { // heap profiling: what is live now
        QFile in(u"/proc/self/smaps"_s), out(qEnvironmentVariable("BENCH_GUI_EXIT_AFTER_POLLS"));
        if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly))
            out.write(in.readAll());
        out.close();
        ::_exit(0);
    }
    const auto *sourceLabel = window.findChild<QLabel *>(u"collectionLabel"_s);
    const auto *dumpLabel = window.findChild<QLabel *>(u"dumpLabel"_s);
    const QString pacing = sourceLabel ? sourceLabel->text() : QString();
    const QString lastDump = dumpLabel ? dumpLabel->text() : QString();
    const qint64 modelRows = window.connectionModel()->rowCount();

    if (!options.screenshot.isEmpty()) {
        QString error;
        if (!window.saveScreenshot(options.screenshot, &error))
            say(u"screenshot not saved: %1"_s.arg(error));
    }

    // 6. Sorting and filtering, synchronous on the GUI thread. Polling is paused so that no snapshot
    // lands in between and the collector's dump does not share the CPUs with what is measured.
    collector->setPaused(true);
    spinUntil([] { return false; }, 300);
    const qint64 sortStartedMs = msSince(timeWaitStarted);
    QTableView *view = window.connectionView();
    ConnectionFilterProxy *proxy = window.connectionProxy();
    struct SortFigures
    {
        Samples ascending;
        Samples descending;
    };
    std::array<SortFigures, ConnectionTableModel::ColumnCount> sorts;
    for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column) {
        for (int round = 0; round < options.repeat; ++round) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                const auto started = Clock::now();
                view->sortByColumn(column, order);
                const qint64 took = nsSince(started);
                (order == Qt::AscendingOrder ? sorts[std::size_t(column)].ascending
                                             : sorts[std::size_t(column)].descending)
                    .add(took);
                QCoreApplication::processEvents(); // repaint, as a user would see it, untimed
            }
        }
    }
    view->sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    Samples repaint;
    for (int round = 0; round < 5; ++round) {
        const auto started = Clock::now();
        view->viewport()->repaint();
        repaint.add(nsSince(started));
    }

    struct FilterFigures
    {
        QString text;
        Samples apply;
        Samples clear; // back to no filter, from this one
        int rows = 0;
    };
    std::vector<FilterFigures> filters;
    for (const QString &text :
        {u"state:time-wait"_s, u"port:20001"_s, u"127.0.0.9"_s, u"proc:bench"_s, u"-state:estab"_s}) {
        FilterFigures figures;
        figures.text = text;
        for (int round = 0; round < options.repeat; ++round) {
            auto started = Clock::now();
            window.setFilterText(text);
            figures.apply.add(nsSince(started));
            figures.rows = proxy->rowCount();
            QCoreApplication::processEvents();
            started = Clock::now();
            window.setFilterText(QString());
            figures.clear.add(nsSince(started));
            QCoreApplication::processEvents();
        }
        filters.push_back(std::move(figures));
    }
    const int rowsUnfiltered = proxy->rowCount();

    // 7. Where the GUI thread's time per snapshot goes: two snapshots taken back to back, as two
    // polls would, replayed into fresh objects, adding one layer at a time. One sample each.
    auto source = orFail(SnapshotSource::open(), u"snapshot source"_s);
    SnapshotSource::Options takeOptions;
    takeOptions.resolveOwners = options.owners;
    const SocketSnapshot before = orFail(source->take(takeOptions), u"snapshot"_s);
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // TIME_WAIT timers move on, as between polls
    const SocketSnapshot after = orFail(source->take(takeOptions), u"snapshot"_s);
    struct Layer
    {
        QString label;
        qint64 firstNs = 0; // the first snapshot: every row inserted
        qint64 nextNs = 0; // the next one: rows updated in place
        qint64 paintNs = -1;
        qint64 firstBlockNs = -1; // the longest single block of the GUI thread while applying
        qint64 nextBlockNs = -1;
    };
    std::vector<Layer> layers;
    ConnectionTracker tracker;
    QList<SocketTracking> trackingBefore;
    QList<SocketTracking> trackingAfter;
    {
        // In the tracking thread now (TrackingWorker), not the GUI thread's; timed here for scale.
        Layer layer{u"ConnectionTracker::applySnapshot() (tracking thread)"_s};
        auto started = Clock::now();
        tracker.applySnapshot(before);
        layer.firstNs = nsSince(started);
        trackingBefore = TrackingWorker::trackingOf(before, tracker);
        started = Clock::now();
        tracker.applySnapshot(after);
        layer.nextNs = nsSince(started);
        trackingAfter = TrackingWorker::trackingOf(after, tracker);
        layers.push_back(layer);
    }
    const auto replay = [&](const QString &label, bool withProxy, const QString &filter, bool withView) {
        Layer layer{label};
        ConnectionTableModel model;
        ConnectionFilterProxy replayProxy;
        QTableView replayView;
        if (withProxy) {
            replayProxy.setConnectionModel(&model);
            replayProxy.sort(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
            replayProxy.setFilterText(filter);
        }
        if (withView) {
            replayView.setModel(&replayProxy);
            replayView.setSortingEnabled(true);
            replayView.sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
            replayView.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            replayView.resize(1400, 800);
            replayView.show();
            QCoreApplication::processEvents();
        }
        // Until the model says it is done; the repaint the last change asked for is in the blocks.
        const ApplyFigures first = applyAndWait(app, model, before, trackingBefore);
        layer.firstNs = first.totalNs;
        layer.firstBlockNs = first.longestBlockNs;
        const ApplyFigures next = applyAndWait(app, model, after, trackingAfter);
        layer.nextNs = next.totalNs;
        layer.nextBlockNs = next.longestBlockNs;
        if (withView) {
            const auto started = Clock::now();
            replayView.viewport()->repaint();
            layer.paintNs = nsSince(started);
        }
        layers.push_back(layer);
    };
    replay(u"ConnectionTableModel::applySnapshot() alone"_s, false, QString(), false);
    replay(u"  + ConnectionFilterProxy, sorted by state"_s, true, QString(), false);
    replay(u"  + ConnectionFilterProxy, filter \"127.0.0.9\""_s, true, u"127.0.0.9"_s, false);
    replay(u"  + proxy + QTableView shown"_s, true, QString(), true);
    const qint64 measuredUntilMs = msSince(timeWaitStarted);
    collector->setPaused(false);

    // 7. The report.
    utsname system{};
    ::uname(&system);
    cpu_set_t affinity;
    CPU_ZERO(&affinity);
    const int usableCpus = ::sched_getaffinity(0, sizeof affinity, &affinity) == 0 ? CPU_COUNT(&affinity) : -1;
    say(QString());
    say(u"== bench_gui: %1 established connections (%2 sockets) + %3 TIME_WAIT = %4 sockets; owners %5 =="_s
            .arg(options.established)
            .arg(2 * options.established)
            .arg(options.timeWait)
            .arg(sockets)
            .arg(options.owners ? u"resolved"_s : u"off"_s));
    say(u"machine: %1, %2 CPUs online, %3 usable; kernel %4; load average at the end: %5"_s.arg(cpuModel())
            .arg(::sysconf(_SC_NPROCESSORS_ONLN))
            .arg(usableCpus)
            .arg(QString::fromLocal8Bit(system.release))
            .arg(loadAverage()));
    say(u"platform %1; window 1400x900; poll interval %2 ms; status bar: \"%3\"; \"%4\""_s
            .arg(QGuiApplication::platformName())
            .arg(options.intervalMs)
            .arg(pacing, lastDump));
    say(u"sort, filter and replay ran %1..%2 s after the TIME_WAIT sockets were made%3"_s
            .arg(double(sortStartedMs) / 1000.0, 0, 'f', 1)
            .arg(double(measuredUntilMs) / 1000.0, 0, 'f', 1)
            .arg(measuredUntilMs > TimeWaitWindowMs ? u" (PAST 55 s: some TIME_WAIT sockets may have expired)"_s
                                                    : QString()));

    say(QString());
    say(u"-- first snapshot --"_s);
    say(u"shown %1 ms after the window was created, %2 rows; GUI thread handling it: %3 ms; longest paint after it: %4 ms"_s
            .arg(ms(firstShownNs), 0, 'f', 0)
            .arg(firstRows)
            .arg(ms(firstHandlingNs), 0, 'f', 1)
            .arg(ms(firstPaintNs), 0, 'f', 1));

    say(QString());
    say(u"-- event loop while polling: %1 s, %2 snapshots shown, a %3 ms PreciseTimer --"_s
            .arg(double(probeNs) / 1e9, 0, 'f', 1)
            .arg(polls)
            .arg(TickMs));
    const auto over = [&](qint64 limitMs) {
        return std::count_if(lateness.begin(), lateness.end(), [&](qint64 l) { return l > limitMs * 1'000'000; });
    };
    say(u"ticks %1; lateness median %2 ms, p99 %3 ms, max %4 ms; later than 16 ms: %5, 50 ms: %6, 100 ms: %7"_s
            .arg(lateness.size())
            .arg(ms(percentile(lateness, 0.5)), 0, 'f', 2)
            .arg(ms(percentile(lateness, 0.99)), 0, 'f', 2)
            .arg(ms(percentile(lateness, 1.0)), 0, 'f', 2)
            .arg(over(16))
            .arg(over(50))
            .arg(over(100)));
    say(u"GUI thread per snapshot (tracker + model + proxy + status): median %1 ms, p99 %2 ms, max %3 ms (%4 snapshots)"_s
            .arg(ms(percentile(app.snapshotHandling, 0.5)), 0, 'f', 1)
            .arg(ms(percentile(app.snapshotHandling, 0.99)), 0, 'f', 1)
            .arg(ms(percentile(app.snapshotHandling, 1.0)), 0, 'f', 1)
            .arg(app.snapshotHandling.size()));
    say(u"longest single block of the GUI thread while polling: %1 ms (event type %2 to %3); longest paint %4 ms"_s
            .arg(ms(longestWhilePolling.ns), 0, 'f', 1)
            .arg(int(longestWhilePolling.type))
            .arg(longestWhilePolling.receiver)
            .arg(ms(longestPaintWhilePolling.ns), 0, 'f', 1));
    say(u"paints: median %1 ms, max %2 ms (%3); longest other event: %4 ms (type %5 to %6)"_s
            .arg(ms(percentile(app.painting, 0.5)), 0, 'f', 1)
            .arg(ms(percentile(app.painting, 1.0)), 0, 'f', 1)
            .arg(app.painting.size())
            .arg(ms(app.longest.ns), 0, 'f', 1)
            .arg(int(app.longest.type))
            .arg(app.longest.receiver));
    say(u"collector's thread per snapshot (dump + owners): median %1 ms, max %2 ms; snapshot's age when shown: median %3 ms, max %4 ms; of which hand-over and the rest: median %5 ms, max %6 ms"_s
            .arg(ms(percentile(collectorWork, 0.5)), 0, 'f', 1)
            .arg(ms(percentile(collectorWork, 1.0)), 0, 'f', 1)
            .arg(ms(percentile(ageWhenShown, 0.5)), 0, 'f', 1)
            .arg(ms(percentile(ageWhenShown, 1.0)), 0, 'f', 1)
            .arg(ms(percentile(queueWait, 0.5)), 0, 'f', 1)
            .arg(ms(percentile(queueWait, 1.0)), 0, 'f', 1));

    say(QString());
    say(u"-- memory --"_s);
    const double perSocketRss = double(rssAfterPolls - rssBeforeWindow) * 1024.0 / double(std::max<qint64>(1, sockets));
    const double perSocketHeap = double(heapAfterPolls - heapBeforeWindow) / double(std::max<qint64>(1, sockets));
    say(u"VmRSS: %1 kB before QApplication, %2 kB before the window, %3 kB after %4 polls: %5 bytes per socket; malloc in use grew %6 bytes per socket; model rows %7"_s
            .arg(rssBeforeApplication)
            .arg(rssBeforeWindow)
            .arg(rssAfterPolls)
            .arg(shown)
            .arg(perSocketRss, 0, 'f', 0)
            .arg(perSocketHeap, 0, 'f', 0)
            .arg(modelRows));

    say(QString());
    say(u"-- sorting: QTableView::sortByColumn(), synchronous, %1 rounds, median (max) ms --"_s.arg(options.repeat));
    qint64 worstSort = 0;
    int worstSortColumn = 0;
    for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column) {
        const SortFigures &figures = sorts[std::size_t(column)];
        say(u"%1 ascending %2 (%3)  descending %4 (%5)"_s.arg(columnName(column), -24)
                .arg(ms(figures.ascending.median()), 8, 'f', 1)
                .arg(ms(figures.ascending.maximum()), 0, 'f', 1)
                .arg(ms(figures.descending.median()), 8, 'f', 1)
                .arg(ms(figures.descending.maximum()), 0, 'f', 1));
        for (const Samples *samples : {&figures.ascending, &figures.descending}) {
            if (samples->median() > worstSort) {
                worstSort = samples->median();
                worstSortColumn = column;
            }
        }
    }
    say(u"worst median: %1 ms (%2); target < %3 ms: %4; repaint of the table afterwards: %5 ms"_s
            .arg(ms(worstSort), 0, 'f', 1)
            .arg(columnName(worstSortColumn))
            .arg(TargetMs, 0, 'f', 0)
            .arg(ms(worstSort) < TargetMs ? u"met"_s : u"NOT met"_s)
            .arg(ms(repaint.median()), 0, 'f', 1));

    say(QString());
    say(u"-- filtering: MainWindow::setFilterText(), synchronous, %1 rounds, median (max) ms --"_s.arg(options.repeat));
    qint64 worstFilter = 0;
    QString worstFilterText;
    for (const FilterFigures &figures : filters) {
        say(u"%1 apply %2 (%3) -> %4 rows   clear %5 (%6) -> %7 rows"_s.arg(u"\"%1\""_s.arg(figures.text), -18)
                .arg(ms(figures.apply.median()), 8, 'f', 1)
                .arg(ms(figures.apply.maximum()), 0, 'f', 1)
                .arg(figures.rows, 7)
                .arg(ms(figures.clear.median()), 8, 'f', 1)
                .arg(ms(figures.clear.maximum()), 0, 'f', 1)
                .arg(rowsUnfiltered));
        if (figures.apply.median() > worstFilter) {
            worstFilter = figures.apply.median();
            worstFilterText = figures.text;
        }
        if (figures.clear.median() > worstFilter) {
            worstFilter = figures.clear.median();
            worstFilterText = u"clearing \"%1\""_s.arg(figures.text);
        }
    }
    say(u"worst median: %1 ms (%2); target < %3 ms: %4"_s.arg(ms(worstFilter), 0, 'f', 1)
            .arg(worstFilterText)
            .arg(TargetMs, 0, 'f', 0)
            .arg(ms(worstFilter) < TargetMs ? u"met"_s : u"NOT met"_s));

    say(QString());
    say(u"-- the GUI thread's work per snapshot, replayed: %1 then %2 sockets, one sample, ms --"_s
            .arg(before.sockets().size())
            .arg(after.sockets().size()));
    for (const Layer &layer : layers) {
        const auto block = [](qint64 ns) {
            return ns >= 0 ? u" (longest block %1)"_s.arg(ms(ns), 0, 'f', 1) : QString();
        };
        say(u"%1 first (all rows new) %2%3   next (in place) %4%5%6"_s.arg(layer.label, -48)
                .arg(ms(layer.firstNs), 7, 'f', 1)
                .arg(block(layer.firstBlockNs))
                .arg(ms(layer.nextNs), 7, 'f', 1)
                .arg(block(layer.nextBlockNs))
                .arg(layer.paintNs >= 0 ? u"   repaint %1"_s.arg(ms(layer.paintNs), 0, 'f', 1) : QString()));
    }

    say(QString());
    say(u"-- same sockets, same run: ss (median of 3, output to /dev/null) --"_s);
    say(u"ss -tan %1 ms, ss -tani %2 ms; the window's collector, dump + owners (median above): %3 ms"_s
            .arg(ms(ssPlain.median()), 0, 'f', 1)
            .arg(ms(ssInfo.median()), 0, 'f', 1)
            .arg(ms(percentile(collectorWork, 0.5)), 0, 'f', 1));

    say(QString());
    result(u"sockets"_s, double(sockets), "sockets", 0);
    result(u"first_snapshot_handling_ms"_s, ms(firstHandlingNs), "ms");
    result(u"latency_median_ms"_s, ms(percentile(lateness, 0.5)), "ms");
    result(u"latency_p99_ms"_s, ms(percentile(lateness, 0.99)), "ms");
    result(u"latency_max_ms"_s, ms(percentile(lateness, 1.0)), "ms");
    result(u"latency_over_50ms"_s, double(over(50)), "ticks", 0);
    result(u"latency_over_100ms"_s, double(over(100)), "ticks", 0);
    result(u"snapshot_handling_median_ms"_s, ms(percentile(app.snapshotHandling, 0.5)), "ms");
    result(u"snapshot_handling_max_ms"_s, ms(percentile(app.snapshotHandling, 1.0)), "ms");
    result(u"longest_block_while_polling_ms"_s, ms(longestWhilePolling.ns), "ms");
    result(u"polls"_s, polls, "polls", 0);
    result(u"collector_work_median_ms"_s, ms(percentile(collectorWork, 0.5)), "ms");
    result(u"handover_median_ms"_s, ms(percentile(queueWait, 0.5)), "ms");
    result(u"rss_bytes_per_socket"_s, perSocketRss, "bytes", 0);
    result(u"heap_bytes_per_socket"_s, perSocketHeap, "bytes", 0);
    result(u"sort_worst_median_ms"_s, ms(worstSort), "ms");
    result(u"filter_worst_median_ms"_s, ms(worstFilter), "ms");
    result(u"ss_tan_median_ms"_s, ms(ssPlain.median()), "ms");
    result(u"ss_tani_median_ms"_s, ms(ssInfo.median()), "ms");

    farm->stop();
    return 0;
}
