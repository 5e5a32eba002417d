// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontablemodel.h"

#include "formatting.h"

#include <QBrush>
#include <QColor>
#include <QElapsedTimer>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <bit>
#include <numeric>
#include <optional>
#include <utility>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// A slice's share of the GUI thread: a frame is 16 ms, and painting and input need the rest.
constexpr qint64 SliceBudgetNs = 5'000'000;
// How often a loop over rows or sockets looks at the clock (a read costs ~20 ns).
constexpr std::size_t ClockStride = 256;
// Incoming rows are sorted in runs of this many before the runs are merged, a slice at a time.
constexpr std::size_t SortRunLength = 512;
constexpr quint32 NoRecord = ~quint32(0);

bool shownFieldsDiffer(const SocketRecord &a, const SocketRecord &b)
{
    return a.state != b.state || a.receiveQueue != b.receiveQueue || a.sendQueue != b.sendQueue || a.timer != b.timer ||
        a.timerExpiresMs != b.timerExpiresMs || a.timerRetransmits != b.timerRetransmits || a.inode != b.inode ||
        a.uid != b.uid || a.info.rttUs != b.info.rttUs || a.info.congestionWindow != b.info.congestionWindow ||
        a.info.totalRetransmits != b.info.totalRetransmits || a.info.bytesAcked != b.info.bytesAcked ||
        a.info.bytesReceived != b.info.bytesReceived;
}

// A listener's tcp_info holds defaults (cwnd 10, RTT 0) that describe no connection: leave them out.
bool hasConnectionInfo(const SocketRecord &socket)
{
    return socket.info.isPresent() && socket.state != TcpState::Listen;
}

// A tcp_info figure as the table shows it: none for a row without connection figures.
template<typename T>
std::optional<T> connectionFigure(const SocketRecord &socket, T value)
{
    return hasConnectionInfo(socket) ? std::optional<T>(value) : std::nullopt;
}

std::size_t cookieSlot(quint64 cookie, int shift)
{
    // Fibonacci hashing: cookies are sequential counters, their high bits alone would collide.
    return std::size_t((cookie * 0x9e3779b97f4a7c15ULL) >> shift);
}

} // namespace

// The time left in a slice.
class ConnectionTableModel::SliceClock
{
public:
    explicit SliceClock(qint64 budgetNs)
        : m_budgetNs(budgetNs)
    {
        m_timer.start();
    }
    bool over() const { return m_budgetNs > 0 && m_timer.nsecsElapsed() >= m_budgetNs; }
    qint64 elapsedNs() const { return m_timer.nsecsElapsed(); }
    bool unlimited() const { return m_budgetNs <= 0; }
    qint64 budgetNs() const { return m_budgetNs; }

private:
    QElapsedTimer m_timer;
    qint64 m_budgetNs;
};

namespace {

// A batch size that makes one step take about `targetNs`, from what the last one of `size` took; at
// most twice the last, as a step of cheap rows says little about the rows that come next.
std::size_t grown(std::size_t size, qint64 tookNs, qint64 targetNs, std::size_t most)
{
    const double scaled = double(size) * double(targetNs) / double(std::max<qint64>(tookNs, 1000));
    return std::clamp<std::size_t>(std::size_t(std::clamp(scaled, 1.0, double(2 * size))), 1, most);
}

} // namespace

// A changed row's values for the new snapshot, set when its change is signalled.
struct ConnectionTableModel::Update
{
    quint32 row = 0;
    quint32 record = 0;
    quint32 owner = 0;
    Mark mark = Mark::None;
    // What the proxy sorts or filters by may have changed (the record's figures, the owner), not
    // only the mark: the proxy may have to move the row, a pass over all its rows.
    bool moves = false;
    qint64 stateSinceNs = 0;
    quint64 connectionId = 0;
};

struct ConnectionTableModel::Apply
{
    enum class Phase : quint8 {
        Index, // the new snapshot's cookies into `slots`; nothing shown changes
        Diff, // each row against the new snapshot, into `nextRecord`, `updates`, `doomed`; nothing shown changes
        Signal, // committed: the changed rows take their new values, a run of rows per dataChanged()
        Remove, // the rows closed a poll ago
        Collect, // the new snapshot's sockets no row claimed, into `incoming`
        Sort, // `incoming` into the proxy's order
        Insert, // `incoming`, a chunk per beginInsertRows()
    };

    SocketSnapshot snapshot;
    QList<SocketTracking> tracking; // aligned with snapshot.sockets()
    Phase phase = Phase::Index;
    std::size_t cursor = 0;
    bool marksNew = false;

    std::vector<quint32> slots; // socket index + 1 by cookie (open addressing); 0: empty
    int slotShift = 64;

    std::vector<quint32> nextRecord; // per row: its record in the new snapshot or closing store; NoRecord: in `updates`
    std::vector<bool> claimed; // per socket of the new snapshot: a row has it
    std::vector<SocketRecord> nextClosing;
    std::vector<Update> updates; // ascending rows
    std::vector<quint32> doomed; // ascending rows

    std::vector<Row> incoming;
    std::vector<quint32> order; // of `incoming`, being sorted
    std::vector<quint32> buffer;
    std::size_t width = 0; // of the runs being merged; 0 while the runs are sorted
    std::size_t mergeLow = 0;
    std::size_t mergeLeft = 0;
    std::size_t mergeRight = 0;
    std::size_t mergeOut = 0;
    bool merging = false;
    int sortColumn = -1;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    std::size_t chunk = 4; // rows per beginInsertRows(), adapted likewise

    // A newer snapshot given once this one's changes began to be shown: applied right after.
    std::optional<SocketSnapshot> queued;
    QList<SocketTracking> queuedTracking;

    std::optional<quint32> find(quint64 cookie) const
    {
        const auto &sockets = snapshot.sockets();
        const std::size_t mask = slots.size() - 1;
        for (std::size_t at = cookieSlot(cookie, slotShift);; at = (at + 1) & mask) {
            const quint32 slot = slots[at];
            if (slot == 0)
                return std::nullopt;
            if (sockets[slot - 1].cookie == cookie)
                return slot - 1;
        }
    }

    void insert(quint32 socketIndex)
    {
        const std::size_t mask = slots.size() - 1;
        std::size_t at = cookieSlot(snapshot.sockets()[socketIndex].cookie, slotShift);
        while (slots[at] != 0)
            at = (at + 1) & mask;
        slots[at] = socketIndex + 1;
    }
};

static_assert(sizeof(ConnectionTableModel::Mark) == 1);

ConnectionTableModel::ConnectionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_slicer(new QTimer(this))
{
    static_assert(sizeof(Row) == 24, "a row per socket: keep it small");
    // A zero timer fires once the events already queued (input, paint) have been handled.
    m_slicer->setSingleShot(true);
    m_slicer->setInterval(0);
    connect(m_slicer, &QTimer::timeout, this, &ConnectionTableModel::runSlice);
}

ConnectionTableModel::~ConnectionTableModel() = default;

int ConnectionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const SocketRecord &ConnectionTableModel::recordOf(const Row &row) const
{
    if (row.previous)
        return m_previous.sockets()[row.record];
    if (markOf(row) == Mark::Closing)
        return m_closing[row.record];
    return m_snapshot.sockets()[row.record];
}

int ConnectionTableModel::rowOfCookie(quint64 cookie) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (recordOf(m_rows[row]).cookie == cookie)
            return int(row);
    }
    return -1;
}

quint64 ConnectionTableModel::cookieAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_rows.size() ? recordOf(m_rows[std::size_t(row)]).cookie : 0;
}

int ConnectionTableModel::rowOfConnection(quint64 connectionId) const
{
    if (connectionId == 0)
        return -1;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows[std::size_t(row)].connectionId == connectionId)
            return row;
    }
    return -1;
}

// What the tracking thread knew of the socket (TrackedSnapshot::tracking).
void ConnectionTableModel::fillFromTracker(Row &row, std::size_t socketIndex) const
{
    const QList<SocketTracking> &tracking = m_apply->tracking;
    if (qsizetype(socketIndex) >= tracking.size())
        return;
    const SocketTracking &known = tracking[qsizetype(socketIndex)];
    if (known.connectionId == 0)
        return;
    row.connectionId = known.connectionId;
    if (known.stateSinceNs != 0)
        row.stateSinceNs = std::min(row.stateSinceNs, known.stateSinceNs);
}

void ConnectionTableModel::clear()
{
    m_slicer->stop();
    beginResetModel();
    m_apply.reset();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_snapshot = {};
    m_previous = {};
    m_closing.clear();
    m_owners = OwnerTexts();
    m_ownersKept = 0;
    m_appliedOnce = false;
    endResetModel();
}

bool ConnectionTableModel::isApplying() const
{
    return m_apply != nullptr;
}

void ConnectionTableModel::setInsertionOrder(int column, Qt::SortOrder order)
{
    m_insertionColumn = column;
    m_insertionOrder = order;
}

void ConnectionTableModel::applySnapshot(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking)
{
    if (m_apply && m_apply->phase > Apply::Phase::Diff) {
        m_apply->queued = snapshot;
        m_apply->queuedTracking = tracking;
        return;
    }
    // Idle, or only comparing so far: start over with this one.
    start(snapshot, tracking);
    m_slicer->start();
}

void ConnectionTableModel::applySnapshotNow(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking)
{
    applySnapshot(snapshot, tracking);
    m_slicer->stop();
    while (m_apply)
        work(0);
}

void ConnectionTableModel::start(SocketSnapshot snapshot, QList<SocketTracking> tracking)
{
    m_apply = std::make_unique<Apply>();
    Apply &apply = *m_apply;
    apply.snapshot = std::move(snapshot);
    apply.tracking = std::move(tracking);
    apply.marksNew = m_appliedOnce;
    // At most half full, so that a lookup probes one or two slots.
    const std::size_t sockets = apply.snapshot.sockets().size();
    const std::size_t size = std::bit_ceil(std::max<std::size_t>(2 * sockets, 16));
    apply.slots.assign(size, 0);
    apply.slotShift = 64 - std::countr_zero(size);
}

void ConnectionTableModel::runSlice()
{
    work(SliceBudgetNs);
    if (m_apply)
        m_slicer->start();
}

bool ConnectionTableModel::work(qint64 budgetNs)
{
    const SliceClock clock(budgetNs);
    Apply &apply = *m_apply;
    const auto &fresh = apply.snapshot.sockets();

    if (apply.phase == Apply::Phase::Index) {
        for (std::size_t i = apply.cursor; i < fresh.size(); ++i) {
            apply.insert(quint32(i));
            if ((i + 1) % ClockStride == 0 && clock.over()) {
                apply.cursor = i + 1;
                return false;
            }
        }
        apply.phase = Apply::Phase::Diff;
        apply.cursor = 0;
        apply.nextRecord.assign(m_rows.size(), NoRecord);
        apply.claimed.assign(fresh.size(), false);
    }

    if (apply.phase == Apply::Phase::Diff) {
        const qint64 nowNs = apply.snapshot.monotonicNs();
        for (std::size_t r = apply.cursor; r < m_rows.size(); ++r) {
            if (r > apply.cursor && r % ClockStride == 0 && clock.over()) {
                apply.cursor = r;
                return false;
            }
            const Row &row = m_rows[r];
            // 1. Closed a poll ago: shown once more as closing, now removed. Its record moves along.
            if (markOf(row) == Mark::Closing) {
                apply.nextRecord[r] = quint32(apply.nextClosing.size());
                apply.nextClosing.push_back(m_closing[row.record]);
                apply.doomed.push_back(quint32(r));
                continue;
            }
            const SocketRecord &old = m_snapshot.sockets()[row.record];
            const std::optional<quint32> found = apply.find(old.cookie);
            Update update{quint32(r), 0, row.owner, Mark::None, false, row.stateSinceNs, row.connectionId};
            // 2. Gone since the last poll: kept one more poll as closing, with a copy of its record.
            if (!found) {
                update.record = quint32(apply.nextClosing.size());
                update.mark = Mark::Closing;
                apply.nextClosing.push_back(old);
                apply.updates.push_back(update);
                continue;
            }
            // 3. Still there: the new record, and what changed.
            apply.claimed[*found] = true;
            const SocketRecord &now = fresh[*found];
            const bool stateChanged = now.state != old.state;
            bool changed = shownFieldsDiffer(now, old) || markOf(row) != Mark::None;
            if (stateChanged) {
                Row tracked;
                tracked.stateSinceNs = nowNs;
                fillFromTracker(tracked, *found);
                update.stateSinceNs = tracked.stateSinceNs;
                if (tracked.connectionId != 0)
                    update.connectionId = tracked.connectionId;
                update.mark = Mark::Changed;
            }
            // A full socket that became a timewait socket keeps its cookie but loses its inode, and
            // with it its owner. An owner not known yet is looked for again.
            if (!m_owners.isKnown(row.owner) || now.inode != old.inode) {
                update.owner = m_owners.idOf(apply.snapshot, now);
                changed |= update.owner != row.owner;
            }
            if (changed) {
                update.record = *found;
                update.moves = shownFieldsDiffer(now, old) || update.owner != row.owner;
                apply.updates.push_back(update);
            } else {
                apply.nextRecord[r] = *found;
            }
        }
        // Commit: rows that did not change show the new snapshot from now on; the changed ones keep
        // showing the old one until their change is signalled, so that the proxy, which sorts and
        // filters by what it was told, never sees a row differ from what it knows.
        for (std::size_t r = 0; r < m_rows.size(); ++r) {
            if (apply.nextRecord[r] == NoRecord)
                m_rows[r].previous = 1;
            else
                m_rows[r].record = apply.nextRecord[r];
        }
        m_previous = std::exchange(m_snapshot, apply.snapshot);
        m_closing = std::move(apply.nextClosing);
        m_nowNs = m_snapshot.monotonicNs();
        apply.slots = {};
        apply.nextRecord = {};
        apply.phase = Apply::Phase::Signal;
        apply.cursor = 0;
    }

    if (apply.phase == Apply::Phase::Signal) {
        // Runs of adjacent rows, one dataChanged() each. A row whose sort or filter key changed may
        // cost the sorted proxy a pass over all its rows; a row whose mark alone changed, nearly
        // nothing. The proxy re-sorts every row of a run in which one has to move, so a run holds
        // rows of one kind only, and no more moving rows than the last ones show a slice can afford.
        while (apply.cursor < apply.updates.size()) {
            if (clock.over())
                return false;
            const qint64 startedNs = clock.elapsedNs();
            const std::size_t first = apply.cursor;
            const bool moving = apply.updates[first].moves;
            const std::size_t most = clock.unlimited() ? apply.updates.size() : moving ? m_movesPerRun : 4096;
            std::size_t last = first;
            while (last + 1 < apply.updates.size() && last + 1 - first < most &&
                apply.updates[last + 1].row == apply.updates[last].row + 1 &&
                (clock.unlimited() || apply.updates[last + 1].moves == moving))
                ++last;
            for (std::size_t u = first; u <= last; ++u) {
                const Update &update = apply.updates[u];
                Row &row = m_rows[update.row];
                row.record = update.record;
                row.owner = update.owner;
                row.mark = quint32(update.mark);
                row.stateSinceNs = update.stateSinceNs;
                row.connectionId = update.connectionId;
                row.previous = 0;
            }
            Q_EMIT dataChanged(
                index(int(apply.updates[first].row), 0), index(int(apply.updates[last].row), ColumnCount - 1));
            apply.cursor = last + 1;
            if (!clock.unlimited() && moving)
                m_movesPerRun = grown(last + 1 - first, clock.elapsedNs() - startedNs, clock.budgetNs() / 4, 4096);
        }
        m_previous = {};
        apply.updates = {};
        apply.phase = Apply::Phase::Remove;
        apply.cursor = apply.doomed.size();
    }

    if (apply.phase == Apply::Phase::Remove) {
        // From the end, one contiguous run at a time, so that the rows above keep their numbers.
        while (apply.cursor > 0) {
            if (clock.over())
                return false;
            const quint32 last = apply.doomed[apply.cursor - 1];
            quint32 first = last;
            --apply.cursor;
            while (apply.cursor > 0 && apply.doomed[apply.cursor - 1] == first - 1) {
                first = apply.doomed[apply.cursor - 1];
                --apply.cursor;
            }
            beginRemoveRows({}, int(first), int(last));
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            endRemoveRows();
        }
        apply.doomed = {};
        apply.phase = Apply::Phase::Collect;
        apply.cursor = 0;
    }

    if (apply.phase == Apply::Phase::Collect) {
        const qint64 nowNs = apply.snapshot.monotonicNs();
        for (std::size_t i = apply.cursor; i < fresh.size(); ++i) {
            if (i > apply.cursor && i % ClockStride == 0 && clock.over()) {
                apply.cursor = i;
                return false;
            }
            if (apply.claimed[i])
                continue;
            Row row;
            row.record = quint32(i);
            row.stateSinceNs = nowNs;
            fillFromTracker(row, i);
            row.owner = m_owners.idOf(apply.snapshot, fresh[i]);
            row.mark = quint32(apply.marksNew ? Mark::New : Mark::None);
            apply.incoming.push_back(row);
        }
        apply.claimed = {};
        apply.order.resize(apply.incoming.size());
        std::iota(apply.order.begin(), apply.order.end(), 0);
        apply.phase = Apply::Phase::Sort;
        apply.cursor = 0;
    }

    if (apply.phase == Apply::Phase::Sort) {
        if (!sortIncoming(clock))
            return false;
        apply.phase = Apply::Phase::Insert;
        apply.cursor = 0;
        // Room for this poll's rows and some to come, rather than doubling a block of 24 MB.
        const std::size_t rows = m_rows.size() + apply.incoming.size();
        if (rows > m_rows.capacity())
            m_rows.reserve(rows + rows / 16);
    }

    if (apply.phase == Apply::Phase::Insert) {
        while (apply.cursor < apply.order.size()) {
            if (clock.over())
                return false;
            if (apply.sortColumn != m_insertionColumn || apply.sortOrder != m_insertionOrder) {
                // The user sorted by another column meanwhile: the rest, in the new order.
                apply.order.erase(apply.order.begin(), apply.order.begin() + qsizetype(apply.cursor));
                apply.cursor = 0;
                apply.phase = Apply::Phase::Sort;
                apply.width = 0;
                apply.merging = false;
                return false;
            }
            const qint64 startedNs = clock.elapsedNs();
            const std::size_t count = clock.unlimited() ? apply.order.size() - apply.cursor
                                                        : std::min(apply.chunk, apply.order.size() - apply.cursor);
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(count) - 1);
            for (std::size_t k = 0; k < count; ++k)
                m_rows.push_back(apply.incoming[apply.order[apply.cursor + k]]);
            endInsertRows();
            apply.cursor += count;
            if (!clock.unlimited())
                apply.chunk = grown(count, clock.elapsedNs() - startedNs, clock.budgetNs() / 2, 65536);
        }
    }

    finish();
    return true;
}

// Sorts `incoming` (as `order`) the way the proxy will: runs first, then merges, resumable anywhere
// so that sorting 1,000,000 rows never takes a slice longer than its budget.
bool ConnectionTableModel::sortIncoming(const SliceClock &clock)
{
    Apply &apply = *m_apply;
    if (apply.width == 0 && apply.cursor == 0) {
        apply.sortColumn = m_insertionColumn;
        apply.sortOrder = m_insertionOrder;
    }
    if (apply.sortColumn < 0)
        return true;
    const std::size_t n = apply.order.size();
    const bool descending = apply.sortOrder == Qt::DescendingOrder;
    const int column = apply.sortColumn;
    const auto less = [&](quint32 x, quint32 y) {
        return descending ? lessThan(apply.incoming[y], apply.incoming[x], column)
                          : lessThan(apply.incoming[x], apply.incoming[y], column);
    };
    if (apply.width == 0) {
        while (apply.cursor < n) {
            if (apply.cursor > 0 && clock.over())
                return false;
            const std::size_t end = std::min(apply.cursor + SortRunLength, n);
            std::sort(apply.order.begin() + qsizetype(apply.cursor), apply.order.begin() + qsizetype(end), less);
            apply.cursor = end;
        }
        apply.width = SortRunLength;
        apply.mergeLow = 0;
        apply.buffer.resize(n);
    }
    while (apply.width < n) {
        while (apply.mergeLow < n) {
            const std::size_t middle = std::min(apply.mergeLow + apply.width, n);
            const std::size_t high = std::min(apply.mergeLow + 2 * apply.width, n);
            if (!apply.merging) {
                apply.mergeLeft = apply.mergeLow;
                apply.mergeRight = middle;
                apply.mergeOut = apply.mergeLow;
                apply.merging = true;
            }
            while (apply.mergeOut < high) {
                for (std::size_t step = 0; step < ClockStride && apply.mergeOut < high; ++step) {
                    const bool right = apply.mergeRight < high &&
                        (apply.mergeLeft >= middle ||
                            less(apply.order[apply.mergeRight], apply.order[apply.mergeLeft]));
                    apply.buffer[apply.mergeOut++] =
                        right ? apply.order[apply.mergeRight++] : apply.order[apply.mergeLeft++];
                }
                if (apply.mergeOut < high && clock.over())
                    return false;
            }
            apply.merging = false;
            apply.mergeLow = high;
        }
        std::swap(apply.order, apply.buffer);
        apply.width *= 2;
        apply.mergeLow = 0;
        if (apply.width < n && clock.over())
            return false;
    }
    apply.buffer = {};
    return true;
}

void ConnectionTableModel::finish()
{
    std::unique_ptr<Apply> done = std::move(m_apply);
    m_appliedOnce = true;
    // Owners come and go (a process exits, another starts): forget the texts no row uses any more
    // once they are as many again as those in use.
    if (m_owners.size() > 2 * m_ownersKept + 64) {
        std::vector<bool> used(m_owners.size(), false);
        for (const Row &row : m_rows)
            used[row.owner] = true;
        const std::vector<quint32> newId = m_owners.compact(used);
        for (Row &row : m_rows)
            row.owner = newId[row.owner];
        m_ownersKept = m_owners.size();
    }
    if (done->queued)
        start(*std::move(done->queued), std::move(done->queuedTracking));
    Q_EMIT snapshotApplied(m_snapshot.generation());
}

QVariant ConnectionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case ReceiveQueueColumn:
        case SendQueueColumn:
        case RttColumn:
        case CongestionWindowColumn:
        case RetransmitsColumn:
        case BytesColumn:
        case TimeInStateColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case Qt::BackgroundRole:
        // Green, yellow, red as TCPView has them, but light, so text stays readable in both themes.
        switch (markOf(row)) {
        case Mark::New:
            return QBrush(QColor(0x4c, 0xaf, 0x50, 90));
        case Mark::Changed:
            return QBrush(QColor(0xff, 0xc1, 0x07, 90));
        case Mark::Closing:
            return QBrush(QColor(0xe5, 0x39, 0x35, 90));
        case Mark::None:
            return {};
        }
        return {};
    case StateRole:
        return int(recordOf(row).state);
    case CookieRole:
        return QVariant::fromValue(recordOf(row).cookie);
    case LocalPortRole:
        return recordOf(row).localPort;
    case RemotePortRole:
        return recordOf(row).remotePort;
    case MarkRole:
        return QVariant::fromValue(markOf(row));
    case ConnectionIdRole:
        return QVariant::fromValue(row.connectionId);
    case ProcessNameRole:
        return m_owners.at(row.owner).command;
    default:
        return {};
    }
}

QVariant ConnectionTableModel::displayData(const Row &row, int column) const
{
    const SocketRecord &s = recordOf(row);
    switch (column) {
    case FamilyColumn:
        return s.isIpv6() ? u"IPv6"_s : u"IPv4"_s;
    case LocalColumn:
        return s.localEndpoint();
    case RemoteColumn:
        return s.remoteEndpoint();
    case StateColumn: {
        // Marks carry a symbol as well as a colour, for readers who cannot tell the colours apart.
        const QString name = QString(stateName(s.displayState()));
        switch (markOf(row)) {
        case Mark::New:
            return QString(u"+ "_s + name);
        case Mark::Changed:
            return QString(u"~ "_s + name);
        case Mark::Closing:
            return QString(u"× "_s + name);
        case Mark::None:
            return name;
        }
        return name;
    }
    case ReceiveQueueColumn:
        return s.receiveQueue;
    case SendQueueColumn:
        return s.sendQueue;
    case TimerColumn:
        if (s.timer == TimerKind::None)
            return QString();
        return u"%1 (%2, %3)"_s.arg(timerName(s.timer), Formatting::duration(qint64(s.timerExpiresMs) * 1'000'000))
            .arg(s.timerRetransmits);
    case ProcessColumn:
        return m_owners.at(row.owner).process;
    case UserColumn:
        return m_owners.at(row.owner).user;
    case RttColumn:
        return hasConnectionInfo(s) ? u"%1 ms"_s.arg(double(s.info.rttUs) / 1000.0, 0, 'f', 3) : QString();
    case CongestionWindowColumn:
        return hasConnectionInfo(s) ? QVariant(s.info.congestionWindow) : QVariant();
    case RetransmitsColumn:
        return hasConnectionInfo(s) ? QVariant(s.info.totalRetransmits) : QVariant();
    case BytesColumn:
        return hasConnectionInfo(s)
            ? u"↑%1 ↓%2"_s.arg(Formatting::bytes(s.info.bytesAcked), Formatting::bytes(s.info.bytesReceived))
            : QString();
    case TimeInStateColumn:
        return Formatting::duration(m_nowNs - row.stateSinceNs);
    default:
        return {};
    }
}

QString ConnectionTableModel::toolTip(const Row &row, int column) const
{
    const SocketRecord &s = recordOf(row);
    const OwnerTexts::Entry &owner = m_owners.at(row.owner);
    const bool listening = s.state == TcpState::Listen;
    switch (column) {
    case ReceiveQueueColumn:
        return listening
            ? tr("Accept queue: %1 connections finished the handshake and wait for accept().").arg(s.receiveQueue)
            : tr("%1 bytes received that the application has not read yet.").arg(s.receiveQueue);
    case SendQueueColumn:
        return listening ? tr("Accept queue limit: min(listen backlog, net.core.somaxconn) when listen() was called. "
                              "The queue holds one more than this.")
                         : tr("%1 bytes sent but not yet acknowledged, or not yet sent.").arg(s.sendQueue);
    case ProcessColumn:
        if (owner.absence == OwnerAbsence::NotFoundYet)
            return tr("The kernel's dump listed this socket, but no process held it when TCP Lens read /proc "
                      "right after: it came or went in between. The next poll looks again.");
        if (owner.absence == OwnerAbsence::NotPermitted)
            return tr("No process TCP Lens can read holds this socket: it belongs to another user's process (run "
                      "as root to see it) or to one in another PID namespace.");
        return {};
    case UserColumn:
        if (owner.user.isEmpty())
            return {};
        return m_owners.isKnown(row.owner) ? tr("The user of the process that holds the socket")
                                           : tr("The user that created the socket (uid %1)").arg(s.uid);
    case StateColumn:
        if (s.hasFlag(IsRequest))
            return tr("A request socket in its listener's SYN queue: the SYN was answered with SYN-ACK. Either "
                      "the final ACK has not come, or it came and was held back (accept queue full with "
                      "tcp_abort_on_overflow = 0, or TCP_DEFER_ACCEPT waiting for data) while the client already "
                      "counts itself ESTABLISHED.");
        if (s.hasFlag(IsTimeWaitSocket))
            return tr("A timewait socket: the kernel keeps only the connection's addresses and sequence numbers, "
                      "no process holds it.");
        return {};
    default:
        return {};
    }
}

QVariant ConnectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FamilyColumn:
            return tr("Family");
        case LocalColumn:
            return tr("Local address");
        case RemoteColumn:
            return tr("Remote address");
        case StateColumn:
            return tr("State");
        case ReceiveQueueColumn:
            return tr("Recv-Q");
        case SendQueueColumn:
            return tr("Send-Q");
        case TimerColumn:
            return tr("Timer");
        case ProcessColumn:
            return tr("Process");
        case UserColumn:
            return tr("User");
        case RttColumn:
            return tr("RTT");
        case CongestionWindowColumn:
            return tr("cwnd");
        case RetransmitsColumn:
            return tr("Retrans");
        case BytesColumn:
            return tr("Bytes acked / received");
        case TimeInStateColumn:
            return tr("In state for");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ReceiveQueueColumn:
            return tr("Unread bytes; for a listening socket, the accept queue's length.");
        case SendQueueColumn:
            return tr("Unacknowledged or unsent bytes; for a listening socket, the accept queue's limit.");
        case CongestionWindowColumn:
            return tr("Congestion window, in segments (tcp_info.tcpi_snd_cwnd).");
        case RetransmitsColumn:
            return tr("Segments retransmitted over the connection's life (tcp_info.tcpi_total_retrans).");
        case TimeInStateColumn:
            return tr("Since the connection entered this state: the kernel's time in exact mode, otherwise the "
                      "poll that first saw it.");
        }
    }
    return {};
}

bool ConnectionTableModel::rowMatches(int row, const ConnectionFilter &filter) const
{
    const Row &entry = m_rows[std::size_t(row)];
    const SocketRecord &socket = recordOf(entry);
    const OwnerTexts::Entry &owner = m_owners.at(entry.owner);
    // Endpoints are formatted only for a filter that reads them (an address or a free-text word).
    if (!filter.readsEndpoints()) {
        const QString none;
        return filter.matches(socket, {none, none, owner.process, owner.user});
    }
    const QString local = socket.localEndpoint();
    const QString remote = socket.remoteEndpoint();
    return filter.matches(socket, {local, remote, owner.process, owner.user});
}

bool ConnectionTableModel::rowLessThan(int left, int right, int column) const
{
    return lessThan(m_rows[std::size_t(left)], m_rows[std::size_t(right)], column);
}

bool ConnectionTableModel::lessThan(const Row &a, const Row &b, int column) const
{
    const SocketRecord &x = recordOf(a);
    const SocketRecord &y = recordOf(b);
    // Ties fall back to the local endpoint, then the cookie, so the order is stable across polls.
    const auto byEndpoint = [&] {
        return std::tie(x.family, x.localAddress, x.localPort, x.remoteAddress, x.remotePort, x.cookie) <
            std::tie(y.family, y.localAddress, y.localPort, y.remoteAddress, y.remotePort, y.cookie);
    };
    const auto compare = [&](const auto &u, const auto &v) {
        return u != v ? u < v : byEndpoint();
    };
    switch (column) {
    case FamilyColumn:
        return compare(x.family, y.family);
    case LocalColumn:
        return byEndpoint();
    case RemoteColumn:
        return std::tie(x.family, x.remoteAddress, x.remotePort, x.cookie) <
            std::tie(y.family, y.remoteAddress, y.remotePort, y.cookie);
    case StateColumn:
        // The order of a connection's life, listeners first, not the alphabet.
        return compare(stateSortKey(x.displayState()), stateSortKey(y.displayState()));
    case ReceiveQueueColumn:
        return compare(x.receiveQueue, y.receiveQueue);
    case SendQueueColumn:
        return compare(x.sendQueue, y.sendQueue);
    case TimerColumn:
        return compare(x.timer == TimerKind::None ? -1 : qint64(x.timerExpiresMs),
            y.timer == TimerKind::None ? -1 : qint64(y.timerExpiresMs));
    // The texts' case-insensitive order, as ranks of the interned texts: two integers per comparison
    // where folding two strings cost ~100 ns (sorting 120,000 rows by process: 300 ms, bench_gui).
    case ProcessColumn:
        return compare(m_owners.processRank(a.owner), m_owners.processRank(b.owner));
    case UserColumn:
        return compare(m_owners.userRank(a.owner), m_owners.userRank(b.owner));
    // A row without connection figures (a listener, a TIME-WAIT socket) shows an empty cell, which
    // sorts before every number: highest first when descending, the empty cells last.
    case RttColumn:
        return compare(connectionFigure(x, x.info.rttUs), connectionFigure(y, y.info.rttUs));
    case CongestionWindowColumn:
        return compare(connectionFigure(x, x.info.congestionWindow), connectionFigure(y, y.info.congestionWindow));
    case RetransmitsColumn:
        return compare(connectionFigure(x, x.info.totalRetransmits), connectionFigure(y, y.info.totalRetransmits));
    case BytesColumn:
        return compare(connectionFigure(x, x.info.bytesAcked + x.info.bytesReceived),
            connectionFigure(y, y.info.bytesAcked + y.info.bytesReceived));
    case TimeInStateColumn:
        // Longest in state first when ascending: the one that is stuck is what a user looks for.
        return compare(a.stateSinceNs, b.stateSinceNs);
    default:
        return byEndpoint();
    }
}

int ConnectionTableModel::stateSortKey(TcpState state)
{
    switch (state) {
    case TcpState::SynSent:
        return 1;
    case TcpState::SynRecv:
    case TcpState::NewSynRecv:
        return 2;
    case TcpState::Established:
        return 3;
    case TcpState::FinWait1:
        return 4;
    case TcpState::FinWait2:
        return 5;
    case TcpState::Closing:
        return 6;
    case TcpState::TimeWait:
        return 7;
    case TcpState::CloseWait:
        return 8;
    case TcpState::LastAck:
        return 9;
    case TcpState::Close:
        return 10;
    case TcpState::Listen:
        return 0;
    case TcpState::Unknown:
        return 11;
    }
    return 11;
}

QString ConnectionTableModel::rowText(int row) const
{
    QStringList cells;
    for (int column = 0; column < ColumnCount; ++column)
        cells.append(displayData(m_rows[std::size_t(row)], column).toString());
    return cells.join(QLatin1Char('\t'));
}

} // namespace TcpLens
