// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontablemodel.h"

#include "formatting.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <optional>
#include <utility>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

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

QString ownerAbsenceText(OwnerAbsence absence, TcpState state)
{
    switch (absence) {
    case OwnerAbsence::HasOwner:
        return {};
    case OwnerAbsence::NoInodeTimeWait:
        // A timewait socket in FIN-WAIT-2 is a connection its process closed, waiting for the peer's FIN.
        return state == TcpState::TimeWait ? ConnectionTableModel::tr("— (kernel only: TIME-WAIT)")
                                           : ConnectionTableModel::tr("— (orphan: closed by its process)");
    case OwnerAbsence::NoInodeRequest:
        return ConnectionTableModel::tr("— (SYN queue)");
    case OwnerAbsence::NoInodeNotAccepted:
        return ConnectionTableModel::tr("— (not accepted yet)");
    case OwnerAbsence::NoInodeOrphan:
        return ConnectionTableModel::tr("— (orphan: closed by its process)");
    case OwnerAbsence::NotPermitted:
        return ConnectionTableModel::tr("? (not visible: another user's process, or another PID namespace)");
    case OwnerAbsence::NotFoundYet:
        return ConnectionTableModel::tr("… (not resolved yet)");
    case OwnerAbsence::NotResolved:
        return ConnectionTableModel::tr("…");
    }
    return {};
}

} // namespace

ConnectionTableModel::ConnectionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int ConnectionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ConnectionTableModel::rowOfCookie(quint64 cookie) const
{
    return m_rowByCookie.value(cookie, -1);
}

quint64 ConnectionTableModel::cookieAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_rows.size() ? m_rows[std::size_t(row)].socket.cookie : 0;
}

void ConnectionTableModel::fillOwner(Row &row, const SocketSnapshot &snapshot) const
{
    OwnerAbsence absence;
    const SocketOwner *owner = snapshot.owner(row.socket, &absence);
    row.ownerAbsence = absence;
    if (owner) {
        row.process = u"%1 (%2)"_s.arg(owner->command).arg(owner->pid);
        row.user = owner->user;
        row.ownerKnown = true;
    } else {
        row.process = ownerAbsenceText(absence, row.socket.state);
        // The socket's own uid (idiag_uid), by name: whoever created it, even if no process holds it now.
        row.user = row.socket.inode != 0 ? snapshot.userName(row.socket.uid) : QString();
        row.ownerKnown = false;
    }
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

void ConnectionTableModel::fillFromTracking(Row &row, const QList<SocketTracking> &tracking, std::size_t index)
{
    if (qsizetype(index) >= tracking.size())
        return;
    const SocketTracking &known = tracking[qsizetype(index)];
    if (known.connectionId == 0)
        return;
    row.connectionId = known.connectionId;
    if (known.stateSinceNs != 0)
        row.stateSinceNs = std::min(row.stateSinceNs, known.stateSinceNs);
}

void ConnectionTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowByCookie.clear();
    m_snapshot = {};
    endResetModel();
}

void ConnectionTableModel::applySnapshot(const SocketSnapshot &snapshot, const QList<SocketTracking> &tracking)
{
    m_nowNs = snapshot.monotonicNs();
    const auto &sockets = snapshot.sockets();
    QHash<quint64, int> present;
    present.reserve(qsizetype(sockets.size()));
    for (std::size_t i = 0; i < sockets.size(); ++i)
        present.insert(sockets[i].cookie, int(i));

    // 1. Sockets gone since the last poll: shown once more as closing, then removed.
    std::vector<int> doomed;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (present.contains(m_rows[std::size_t(row)].socket.cookie))
            continue;
        if (m_rows[std::size_t(row)].mark == Mark::Closing) {
            doomed.push_back(row);
        } else {
            m_rows[std::size_t(row)].mark = Mark::Closing;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    // Remove from the end, one contiguous run at a time, so indexes below stay valid.
    for (auto it = doomed.rbegin(); it != doomed.rend();) {
        const int last = *it;
        int first = last;
        while (++it != doomed.rend() && *it == first - 1)
            first = *it;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
    }
    if (!doomed.empty()) {
        m_rowByCookie.clear();
        for (int row = 0; row < int(m_rows.size()); ++row)
            m_rowByCookie.insert(m_rows[std::size_t(row)].socket.cookie, row);
    }

    // 2. Sockets still there: update in place, and report changed runs of rows.
    int runStart = -1;
    const auto flush = [&](int endExclusive) {
        if (runStart >= 0)
            Q_EMIT dataChanged(index(runStart, 0), index(endExclusive - 1, ColumnCount - 1));
        runStart = -1;
    };
    for (int row = 0; row < int(m_rows.size()); ++row) {
        Row &entry = m_rows[std::size_t(row)];
        const auto found = present.constFind(entry.socket.cookie);
        if (found == present.cend()) { // closing, kept for one more poll
            flush(row);
            continue;
        }
        const SocketRecord &fresh = sockets[std::size_t(*found)];
        const bool stateChanged = fresh.state != entry.socket.state;
        bool changed = shownFieldsDiffer(fresh, entry.socket) || entry.mark != Mark::None;
        if (stateChanged) {
            entry.stateSinceNs = m_nowNs;
            entry.socket.state = fresh.state;
            fillFromTracking(entry, tracking, std::size_t(*found));
        }
        entry.mark = stateChanged ? Mark::Changed : Mark::None;
        // A full socket that became a timewait socket keeps its cookie but loses its inode, and with
        // it its owner.
        const bool inodeChanged = entry.socket.inode != fresh.inode;
        entry.socket = fresh;
        if (!entry.ownerKnown || inodeChanged) {
            const QString before = entry.process;
            fillOwner(entry, snapshot);
            changed |= before != entry.process;
        }
        if (changed && runStart < 0)
            runStart = row;
        else if (!changed)
            flush(row);
    }
    flush(int(m_rows.size()));
    // The time in state moves for every row, but it is drawn from the snapshot's time and sorts by
    // when the state began, which changes only with the state (signalled above). Signalling 120,000
    // changed cells per poll would make QSortFilterProxyModel run the filter over every row again
    // (bench_gui: +22 ms per poll); the view repaints itself after each snapshot instead.

    // 3. New sockets, appended in one block.
    std::vector<int> fresh;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        if (!m_rowByCookie.contains(sockets[i].cookie))
            fresh.push_back(int(i));
    }
    if (!fresh.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const int i : fresh) {
            Row row;
            row.socket = sockets[std::size_t(i)];
            row.local = row.socket.localEndpoint();
            row.remote = row.socket.remoteEndpoint();
            row.stateSinceNs = m_nowNs;
            fillFromTracking(row, tracking, std::size_t(i));
            row.mark = m_snapshot.isNull() ? Mark::None : Mark::New; // the first poll marks nothing as new
            fillOwner(row, snapshot);
            m_rowByCookie.insert(row.socket.cookie, int(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }
    m_snapshot = snapshot;
    Q_EMIT snapshotApplied(snapshot.generation());
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
        switch (row.mark) {
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
        return int(row.socket.state);
    case CookieRole:
        return QVariant::fromValue(row.socket.cookie);
    case LocalPortRole:
        return row.socket.localPort;
    case RemotePortRole:
        return row.socket.remotePort;
    case MarkRole:
        return QVariant::fromValue(row.mark);
    case ConnectionIdRole:
        return QVariant::fromValue(row.connectionId);
    case ProcessNameRole:
        // process is "nginx (1234)" when the owner is known (fillOwner()), a reason otherwise.
        return row.ownerKnown ? row.process.section(u" ("_s, 0, 0) : QString();
    default:
        return {};
    }
}

QVariant ConnectionTableModel::displayData(const Row &row, int column) const
{
    const SocketRecord &s = row.socket;
    switch (column) {
    case FamilyColumn:
        return s.isIpv6() ? u"IPv6"_s : u"IPv4"_s;
    case LocalColumn:
        return row.local;
    case RemoteColumn:
        return row.remote;
    case StateColumn: {
        // Marks carry a symbol as well as a colour, for readers who cannot tell the colours apart.
        const QString name = QString(stateName(s.displayState()));
        switch (row.mark) {
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
        return row.process;
    case UserColumn:
        return row.user;
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
    const SocketRecord &s = row.socket;
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
        if (row.ownerAbsence == OwnerAbsence::NotFoundYet)
            return tr("The kernel's dump listed this socket, but no process held it when TCP Lens read /proc "
                      "right after: it came or went in between. The next poll looks again.");
        if (row.ownerAbsence == OwnerAbsence::NotPermitted)
            return tr("No process TCP Lens can read holds this socket: it belongs to another user's process (run "
                      "as root to see it) or to one in another PID namespace.");
        return {};
    case UserColumn:
        if (row.user.isEmpty())
            return {};
        return row.ownerKnown ? tr("The user of the process that holds the socket")
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
    return filter.matches(entry.socket, {entry.local, entry.remote, entry.process, entry.user});
}

bool ConnectionTableModel::rowLessThan(int left, int right, int column) const
{
    const Row &a = m_rows[std::size_t(left)];
    const Row &b = m_rows[std::size_t(right)];
    const SocketRecord &x = a.socket;
    const SocketRecord &y = b.socket;
    // Ties fall back to the local endpoint, then the cookie, so the order is stable across polls.
    const auto byEndpoint = [&] {
        return std::tie(x.family, x.localAddress, x.localPort, x.remoteAddress, x.remotePort, x.cookie) <
            std::tie(y.family, y.localAddress, y.localPort, y.remoteAddress, y.remotePort, y.cookie);
    };
    const auto compare = [&](const auto &u, const auto &v) {
        return u != v ? u < v : byEndpoint();
    };
    const auto compareText = [&](const QString &u, const QString &v) {
        // One process holds many sockets, so most pairs are equal texts ("nginx (1234)"): a plain
        // comparison settles them, where case folding costs ~100 ns a pair (sorting 120,000 rows by
        // process took 300 ms, bench_gui).
        if (u == v)
            return byEndpoint();
        const int order = u.compare(v, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : byEndpoint();
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
    case ProcessColumn:
        return compareText(a.process, b.process);
    case UserColumn:
        return compareText(a.user, b.user);
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
