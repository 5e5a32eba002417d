// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosishistory.h"

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 NsPerMs = 1'000'000;

// A listener's accept queue at its limit. sk_acceptq_is_full() says full only past the limit
// (sk_ack_backlog > sk_max_ack_backlog), but at the limit the next completed handshake is the last.
bool atLimit(const SocketRecord &socket)
{
    return socket.state == TcpState::Listen && socket.receiveQueue >= std::max<quint32>(socket.sendQueue, 1);
}

} // namespace

void DiagnosisHistory::addSnapshot(const SocketSnapshot &snapshot)
{
    const qint64 nowNs = snapshot.monotonicNs();
    const bool first = m_firstNs == 0;
    if (first)
        m_firstNs = nowNs;
    // Updated in place and marked with the snapshot's number: most sockets keep their state from one
    // snapshot to the next, and rebuilding the table every time costs more than the rules do.
    ++m_round;
    const auto &sockets = snapshot.sockets();
    m_indexByCookie.reserve(qsizetype(sockets.size()));
    if (m_seen.capacity() < sockets.size() + sockets.size() / 16)
        m_seen.reserve(sockets.size() + sockets.size() / 8); // room for a poll's new sockets
    // Entries asked for a few sockets ahead: a million do not fit any cache, and waiting for each in
    // turn is what made the cost per socket grow with their number.
    constexpr std::size_t TableAhead = 16;
    constexpr std::size_t EntryAhead = 8;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        if (i + TableAhead < sockets.size())
            prefetchIndex(sockets[i + TableAhead].cookie);
        if (i + EntryAhead < sockets.size())
            prefetchEntry(sockets[i + EntryAhead].cookie);
        const SocketRecord &socket = sockets[i];
        if (const quint32 index = indexOf(socket.cookie); index == SlotTable::None) {
            // New: it got here since the previous snapshot. Sockets of the first snapshot were here
            // before we looked.
            const auto added = quint32(m_seen.size());
            m_seen.push_back({socket.cookie, nowNs, m_round, socket.state, first});
            m_indexByCookie.insert(SlotTable::mix(socket.cookie), added, [](quint32) { return false; });
        } else if (Seen &seen = m_seen[index]; seen.state != socket.state) {
            seen = Seen{socket.cookie, nowNs, m_round, socket.state, first}; // known in another state
        } else {
            seen.round = m_round;
        }
        if (atLimit(socket)) {
            if (!m_fullSince.contains(socket.cookie))
                m_fullSince.insert(socket.cookie, nowNs);
        } else if (!m_fullSince.isEmpty()) {
            m_fullSince.remove(socket.cookie);
        }
    }
    // Forget the sockets gone: the last entry takes the place of each.
    for (std::size_t i = 0; i < m_seen.size();) {
        if (m_seen[i].round == m_round) {
            ++i;
            continue;
        }
        m_indexByCookie.remove(SlotTable::mix(m_seen[i].cookie), quint32(i));
        const auto last = quint32(m_seen.size() - 1);
        if (i != last) {
            m_indexByCookie.move(SlotTable::mix(m_seen[last].cookie), last, quint32(i));
            m_seen[i] = m_seen[last];
        }
        m_seen.pop_back();
    }
    m_fullSince.removeIf([this](const auto &it) { return indexOf(it.key()) == SlotTable::None; });
    m_lastNs = nowNs;
}

quint32 DiagnosisHistory::indexOf(quint64 cookie) const
{
    return m_indexByCookie.find(
        SlotTable::mix(cookie), [this, cookie](quint32 index) { return m_seen[index].cookie == cookie; });
}

void DiagnosisHistory::addCounters(qint64 monotonicNs, const KernelCounters &counters)
{
    const double seconds = double(monotonicNs - m_lastCountersNs) / 1e9;
    const bool hasPrevious = m_lastCountersNs != 0 && seconds > 0;
    for (auto it = counters.values().cbegin(); it != counters.values().cend(); ++it) {
        Counter &counter = m_counters[it.key()];
        // A counter that went backwards restarted (a namespace made anew): no rate from that pair.
        if (hasPrevious && m_lastCounters.values().contains(it.key()) && it.value() >= counter.value)
            counter.perSecond = double(it.value() - counter.value) / seconds;
        else
            counter.perSecond.reset();
        counter.value = it.value();
    }
    m_lastCounters = counters;
    m_lastCountersNs = monotonicNs;
}

void DiagnosisHistory::addCounterChanges(qint64 monotonicNs, const QList<CounterChange> &changes)
{
    for (const CounterChange &change : changes) {
        Counter &counter = m_counters[change.name];
        counter.value = change.value;
        if (change.reset)
            counter.perSecond.reset();
        else
            counter.perSecond = change.gauge ? 0 : change.perSecond;
    }
    m_lastCountersNs = monotonicNs;
}

void DiagnosisHistory::setSysctls(const QHash<QString, QString> &values)
{
    m_sysctls = values;
}

void DiagnosisHistory::setSysctl(const QString &key, const QString &value)
{
    m_sysctls.insert(key, value);
}

DiagnosisHistory::Age DiagnosisHistory::stateAge(const SocketRecord &socket, qint64 nowNs) const
{
    Age age;
    const quint32 index = indexOf(socket.cookie);
    if (index != SlotTable::None && m_seen[index].state == socket.state) {
        age.sinceNs = m_seen[index].sinceNs;
        age.atLeast = m_seen[index].atLeast;
    } else {
        // Not in the history (a snapshot diagnosed before it was added): it is here now, at least.
        age.sinceNs = nowNs;
        age.atLeast = true;
    }
    // tcp_info dates the last ACK received (tcp_ack() stamps rcv_tstamp). CLOSE-WAIT begins with the
    // peer's FIN and FIN-WAIT-2 with the ACK of ours, both carrying an ACK: the state is at least that
    // old, which gives a first look (doctor, the first snapshot) a true lower bound.
    if (age.atLeast && socket.info.isPresent() &&
        (socket.state == TcpState::CloseWait || socket.state == TcpState::FinWait2)) {
        const qint64 fromInfo = nowNs - qint64(socket.info.lastAckReceivedMs) * NsPerMs;
        age.sinceNs = std::min(age.sinceNs, fromInfo);
    }
    age.seconds = double(std::max<qint64>(nowNs - age.sinceNs, 0)) / 1e9;
    return age;
}

std::optional<qint64> DiagnosisHistory::acceptQueueFullSinceNs(quint64 listenerCookie) const
{
    const auto it = m_fullSince.constFind(listenerCookie);
    if (it == m_fullSince.cend())
        return std::nullopt;
    return *it;
}

std::optional<qint64> DiagnosisHistory::counterValue(QByteArrayView name) const
{
    const auto it = m_counters.constFind(name.toByteArray());
    if (it == m_counters.cend())
        return std::nullopt;
    return it->value;
}

std::optional<double> DiagnosisHistory::counterRate(QByteArrayView name) const
{
    const auto it = m_counters.constFind(name.toByteArray());
    if (it == m_counters.cend())
        return std::nullopt;
    return it->perSecond;
}

std::optional<QString> DiagnosisHistory::sysctl(const QString &key) const
{
    const auto it = m_sysctls.constFind(key);
    if (it == m_sysctls.cend() || it->isEmpty())
        return std::nullopt;
    return *it;
}

qint64 DiagnosisHistory::sysctlNumber(const QString &key, qint64 fallback) const
{
    const auto text = sysctl(key);
    if (!text)
        return fallback;
    bool ok = false;
    const qint64 value = text->section(u' ', 0, 0, QString::SectionSkipEmpty).toLongLong(&ok);
    return ok ? value : fallback;
}

} // namespace TcpLens
