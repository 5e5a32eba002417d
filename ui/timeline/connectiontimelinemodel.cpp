// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontimelinemodel.h"

#include "model/monotonicclock.h"
#include "statecolors.h"
#include "tracking/tcpstatemachine.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 NsPerMs = 1'000'000;
constexpr qint64 NsPerSecond = 1'000'000'000;

bool sameStep(const ConnectionStep &a, const ConnectionStep &b)
{
    return a.state == b.state && a.enteredNs == b.enteredNs && a.notBeforeNs == b.notBeforeNs &&
        a.knowledge == b.knowledge;
}

// The earliest the step's state can have been entered: an exact step knows its moment.
qint64 earliest(const ConnectionStep &step)
{
    return step.knowledge == StepKnowledge::Exact ? step.enteredNs : qMin(step.notBeforeNs, step.enteredNs);
}

QString sysctlList(std::span<const QLatin1StringView> keys, bool shortNames)
{
    QStringList names;
    for (const QLatin1StringView key : keys) {
        // Every TCP key lives under net.ipv4 (even for IPv6); the prefix adds nothing in a narrow column.
        const QLatin1StringView prefix = "net.ipv4."_L1;
        names.append(shortNames && key.startsWith(prefix) ? QString(key.sliced(prefix.size())) : QString(key));
    }
    return names.join(u", "_s);
}

} // namespace

ConnectionTimelineModel::ConnectionTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_wallMinusMonotonicNs(MonotonicClock::wallOffsetNs())
{
}

int ConnectionTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_hasConnection ? 0 : int(m_connection.path.size());
}

int ConnectionTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionTimelineModel::formatDuration(qint64 ns)
{
    if (ns <= 0)
        return tr("0 s");
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < NsPerMs)
        return tr("%1 µs").arg(ns / 1000);
    if (ns < 10 * NsPerMs)
        return tr("%1 ms").arg(double(ns) / NsPerMs, 0, 'f', 2);
    if (ns < NsPerSecond)
        return tr("%1 ms").arg(double(ns) / NsPerMs, 0, 'f', 1);
    if (ns < 60 * NsPerSecond)
        return tr("%1 s").arg(double(ns) / NsPerSecond, 0, 'f', 1);
    const qint64 seconds = ns / NsPerSecond;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds / 60) % 60);
}

QString ConnectionTimelineModel::timeOfDay(qint64 monotonicNs) const
{
    const qint64 wallMs = (monotonicNs + m_wallMinusMonotonicNs) / NsPerMs;
    return QDateTime::fromMSecsSinceEpoch(wallMs, QTimeZone::LocalTime).toString(u"hh:mm:ss.zzz"_s);
}

ConnectionTimelineModel::Duration ConnectionTimelineModel::durationOf(int row) const
{
    const auto &path = m_connection.path;
    const ConnectionStep &step = path.at(row);
    Duration duration;
    if (row + 1 < path.size()) {
        const ConnectionStep &next = path.at(row + 1);
        duration.ns = next.enteredNs - step.enteredNs;
        // The state began somewhere in [earliest(step), step.enteredNs] and ended somewhere in
        // [earliest(next), next.enteredNs]: the polls bound its length from both sides.
        duration.leastNs = qMax<qint64>(0, earliest(next) - step.enteredNs);
        duration.mostNs = next.enteredNs - earliest(step);
        return duration;
    }
    if (m_connection.isClosed()) {
        if (step.state == TcpState::Close) {
            duration.end = true;
            return duration;
        }
        duration.ns = m_connection.closedNs - step.enteredNs;
    } else {
        duration.ongoing = true;
        duration.ns = qMax<qint64>(0, m_nowNs - step.enteredNs);
    }
    duration.leastNs = duration.mostNs = duration.ns;
    return duration;
}

QString ConnectionTimelineModel::durationText(int row) const
{
    const Duration duration = durationOf(row);
    if (duration.end)
        return tr("— (the end)");
    if (duration.ongoing)
        return tr("ongoing, %1 so far").arg(formatDuration(duration.ns));
    // Below a microsecond of doubt the polls agree with the estimate; say one figure.
    if (duration.mostNs - duration.leastNs < 1000)
        return formatDuration(duration.ns);
    if (duration.leastNs == 0)
        return tr("≤ %1").arg(formatDuration(duration.mostNs));
    return tr("%1 – %2").arg(formatDuration(duration.leastNs), formatDuration(duration.mostNs));
}

QString ConnectionTimelineModel::knowledgeText(const ConnectionStep &step) const
{
    switch (step.knowledge) {
    case StepKnowledge::Exact:
        return tr("exact (kernel tracepoint)");
    case StepKnowledge::Polled:
        if (step.notBeforeNs >= step.enteredNs)
            return tr("polled");
        return tr("polled: between %1 and %2").arg(timeOfDay(step.notBeforeNs), timeOfDay(step.enteredNs));
    case StepKnowledge::Inferred:
        if (step.notBeforeNs >= step.enteredNs)
            return tr("inferred");
        return tr("inferred: between %1 and %2").arg(timeOfDay(step.notBeforeNs), timeOfDay(step.enteredNs));
    }
    return {};
}

QString ConnectionTimelineModel::eventText(int row) const
{
    const auto &path = m_connection.path;
    if (row == 0) {
        if (!m_connection.seenFromStart)
            return tr("(already in this state at the first poll)");
        return m_connection.passive ? tr("a listener is waiting for SYNs") : tr("socket(), before connect()");
    }
    const TcpState from = path.at(row - 1).state;
    if (const TcpTransition *edge = TcpStateMachine::transition(from, path.at(row).state))
        return QString(edge->event);
    return tr("(no legal transition from %1: a port reused between polls?)").arg(stateName(from));
}

QString ConnectionTimelineModel::toolTip(int row) const
{
    const auto &path = m_connection.path;
    const ConnectionStep &step = path.at(row);
    const TcpStateDescription &description = TcpStateMachine::describe(step.state);
    QString text = u"<b>%1</b> — %2"_s.arg(stateName(step.state), QString(description.summary).toHtmlEscaped());
    text += u"<br>"_s +
        tr("Entered %1, %2 after the connection opened")
            .arg(timeOfDay(step.enteredNs), formatDuration(step.enteredNs - m_connection.openedNs));
    text += u"<br>"_s + tr("How we know: %1").arg(knowledgeText(step).toHtmlEscaped());
    text += u"<br>"_s + tr("Duration: %1").arg(durationText(row).toHtmlEscaped());
    text += u"<br>"_s + tr("Event: %1").arg(eventText(row).toHtmlEscaped());
    if (row > 0) {
        if (const TcpTransition *edge = TcpStateMachine::transition(path.at(row - 1).state, step.state)) {
            text +=
                u" <i>(%1; %2)</i>"_s.arg(QString(pathName(edge->path)), QString(edge->kernelDetail).toHtmlEscaped());
            if (!edge->sysctls.empty())
                text += u"<br>"_s + tr("The change depends on: %1").arg(sysctlList(edge->sysctls, false));
        }
    }
    if (!description.sysctls.empty())
        text += u"<br>"_s + tr("The state is governed by: %1").arg(sysctlList(description.sysctls, false));
    return text;
}

QVariant ConnectionTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const ConnectionStep &step = m_connection.path.at(row);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case StateColumn:
            return QString(stateName(step.state));
        case EnteredColumn:
            return tr("%1 (+%2)")
                .arg(timeOfDay(step.enteredNs), formatDuration(step.enteredNs - m_connection.openedNs));
        case DurationColumn:
            return durationText(row);
        case KnowledgeColumn:
            return knowledgeText(step);
        case EventColumn:
            return eventText(row);
        case SysctlsColumn:
            return sysctlList(TcpStateMachine::describe(step.state).sysctls, true);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return StateColors::color(step.state);
        return {};
    case StateRole:
        return int(step.state);
    case EnteredNsRole:
        return step.enteredNs;
    case DurationNsRole:
        return durationOf(row).ns;
    case KnowledgeRole:
        return int(step.knowledge);
    case NotBeforeNsRole:
        return earliest(step);
    case OngoingRole:
        return durationOf(row).ongoing;
    default:
        return {};
    }
}

QVariant ConnectionTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case StateColumn:
            return tr("State");
        case EnteredColumn:
            return tr("Entered");
        case DurationColumn:
            return tr("Duration");
        case KnowledgeColumn:
            return tr("How");
        case EventColumn:
            return tr("Event");
        case SysctlsColumn:
            return tr("Governed by");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case EnteredColumn:
            return tr("Time of day, and the time since the connection was first seen");
        case DurationColumn:
            return tr("Until the next state. Polls only bound it: a range when they leave doubt");
        case KnowledgeColumn:
            return tr("exact: the kernel's tracepoint reported the change; polled: a poll saw the state, entered "
                      "since the poll before; inferred: no poll saw it, but no other legal path leads on");
        case EventColumn:
            return tr("What moves a connection into this state");
        case SysctlsColumn:
            return tr("The net.ipv4 (unless named) sysctls that govern how long a connection stays in this state");
        default:
            break;
        }
    }
    return {};
}

void ConnectionTimelineModel::setConnection(const TrackedConnection &connection, qint64 nowNs)
{
    if (!m_hasConnection || connection.id != m_connection.id) {
        beginResetModel();
        m_connection = connection;
        m_nowNs = nowNs;
        m_hasConnection = true;
        endResetModel();
        return;
    }
    const qsizetype oldCount = m_connection.path.size();
    const qsizetype newCount = connection.path.size();
    const qsizetype common = qMin(oldCount, newCount);
    // The steps are usually only appended, but exact mode may confirm a polled step in place.
    qsizetype firstChanged = common;
    for (qsizetype i = 0; i < common; ++i) {
        if (!sameStep(m_connection.path.at(i), connection.path.at(i))) {
            firstChanged = i;
            break;
        }
    }
    // The last common step's duration depends on the step after it, or on now, or on the close; and a
    // step's duration depends on its successor's window, so the row before a changed step changes too.
    firstChanged = qMax<qsizetype>(0, qMin(firstChanged, common - 1) - 1);

    if (newCount < oldCount) {
        beginRemoveRows({}, int(newCount), int(oldCount - 1));
        m_connection = connection;
        m_nowNs = nowNs;
        endRemoveRows();
    } else if (newCount > oldCount) {
        beginInsertRows({}, int(oldCount), int(newCount - 1));
        m_connection = connection;
        m_nowNs = nowNs;
        endInsertRows();
    } else {
        m_connection = connection;
        m_nowNs = nowNs;
    }
    if (firstChanged < common)
        Q_EMIT dataChanged(index(int(firstChanged), 0), index(int(common - 1), ColumnCount - 1));
}

void ConnectionTimelineModel::clear()
{
    if (!m_hasConnection)
        return;
    beginResetModel();
    m_connection = {};
    m_nowNs = 0;
    m_hasConnection = false;
    endResetModel();
}

void ConnectionTimelineModel::setWallClockOffset(qint64 wallMinusMonotonicNs)
{
    if (wallMinusMonotonicNs == m_wallMinusMonotonicNs)
        return;
    m_wallMinusMonotonicNs = wallMinusMonotonicNs;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace TcpLens
