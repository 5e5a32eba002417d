// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectiontimelinemodel.h"

#include "formatting.h"
#include "model/monotonicclock.h"
#include "statecolors.h"
#include "tracking/tcpstatemachine.h"

#include <QStringList>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

bool sameStep(const ConnectionStep &a, const ConnectionStep &b)
{
    return a.state == b.state && a.enteredNs == b.enteredNs && a.notBeforeNs == b.notBeforeNs &&
        a.knowledge == b.knowledge;
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

QString ConnectionTimelineModel::timeOfDay(qint64 monotonicNs) const
{
    return Formatting::timeOfDay(monotonicNs, m_wallMinusMonotonicNs);
}

qint64 ConnectionTimelineModel::notBeforeOf(int row) const
{
    const auto &path = m_connection.path;
    const ConnectionStep &step = path.at(row);
    if (step.knowledge == StepKnowledge::Exact)
        return step.enteredNs;
    // A polled or inferred step came after the poll before the one that saw it, and after the step
    // before it: an exact FIN-WAIT-1 at .675 bounds a TIME-WAIT better than a poll at .318 does. A
    // polled step before it was seen at its time; an inferred one only within its own bounds.
    qint64 bound = step.notBeforeNs;
    if (row > 0) {
        const ConnectionStep &previous = path.at(row - 1);
        bound = qMax(bound, previous.knowledge == StepKnowledge::Inferred ? notBeforeOf(row - 1) : previous.enteredNs);
    }
    return qMin(bound, step.enteredNs);
}

ConnectionTimelineModel::Duration ConnectionTimelineModel::durationOf(int row) const
{
    const auto &path = m_connection.path;
    const ConnectionStep &step = path.at(row);
    Duration duration;
    if (row + 1 < path.size()) {
        const ConnectionStep &next = path.at(row + 1);
        duration.ns = next.enteredNs - step.enteredNs;
        // The state began somewhere in [notBeforeOf(row), step.enteredNs] and ended somewhere in
        // [notBeforeOf(row + 1), next.enteredNs]: the polls bound its length from both sides.
        duration.leastNs = qMax<qint64>(0, notBeforeOf(row + 1) - step.enteredNs);
        duration.mostNs = next.enteredNs - notBeforeOf(row);
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
        return tr("ongoing, %1 so far").arg(Formatting::duration(duration.ns));
    // Below a microsecond of doubt the polls agree with the estimate; say one figure.
    if (duration.mostNs - duration.leastNs < 1000)
        return Formatting::duration(duration.ns);
    if (duration.leastNs == 0)
        return tr("≤ %1").arg(Formatting::duration(duration.mostNs));
    return tr("%1 – %2").arg(Formatting::duration(duration.leastNs), Formatting::duration(duration.mostNs));
}

QString ConnectionTimelineModel::knowledgeText(int row) const
{
    const ConnectionStep &step = m_connection.path.at(row);
    const qint64 notBefore = notBeforeOf(row);
    switch (step.knowledge) {
    case StepKnowledge::Exact:
        return tr("exact (kernel tracepoint)");
    case StepKnowledge::Polled:
        if (notBefore >= step.enteredNs)
            return tr("polled");
        return tr("polled: between %1 and %2").arg(timeOfDay(notBefore), timeOfDay(step.enteredNs));
    case StepKnowledge::Inferred:
        if (notBefore >= step.enteredNs)
            return tr("inferred");
        return tr("inferred: between %1 and %2").arg(timeOfDay(notBefore), timeOfDay(step.enteredNs));
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
        return TcpStateMachine::eventText(*edge);
    return tr("(no legal transition from %1: a port reused between polls?)").arg(stateName(from));
}

QString ConnectionTimelineModel::toolTip(int row) const
{
    const auto &path = m_connection.path;
    const ConnectionStep &step = path.at(row);
    const TcpStateDescription &description = TcpStateMachine::describe(step.state);
    QString text =
        u"<b>%1</b> — %2"_s.arg(stateName(step.state), TcpStateMachine::summaryText(description).toHtmlEscaped());
    text += u"<br>"_s +
        tr("Entered %1, %2 after the connection opened")
            .arg(timeOfDay(step.enteredNs), Formatting::duration(step.enteredNs - m_connection.openedNs));
    text += u"<br>"_s + tr("How we know: %1").arg(knowledgeText(row).toHtmlEscaped());
    text += u"<br>"_s + tr("Duration: %1").arg(durationText(row).toHtmlEscaped());
    text += u"<br>"_s + tr("Event: %1").arg(eventText(row).toHtmlEscaped());
    if (row > 0) {
        if (const TcpTransition *edge = TcpStateMachine::transition(path.at(row - 1).state, step.state)) {
            text += u" <i>(%1; %2)</i>"_s.arg(
                TcpStateMachine::pathText(edge->path), TcpStateMachine::kernelText(*edge).toHtmlEscaped());
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
                .arg(timeOfDay(step.enteredNs), Formatting::duration(step.enteredNs - m_connection.openedNs));
        case DurationColumn:
            return durationText(row);
        case KnowledgeColumn:
            return knowledgeText(row);
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
        return notBeforeOf(row);
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
