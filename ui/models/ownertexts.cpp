// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "ownertexts.h"

#include "model/socketsnapshot.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr quint32 NoId = ~quint32(0);

QString absenceText(OwnerAbsence absence, bool timeWait)
{
    switch (absence) {
    case OwnerAbsence::HasOwner:
        return {};
    case OwnerAbsence::NoInodeTimeWait:
        // A timewait socket in FIN-WAIT-2 is a connection its process closed, waiting for the peer's FIN.
        return timeWait ? OwnerTexts::tr("— (kernel only: TIME-WAIT)")
                        : OwnerTexts::tr("— (orphan: closed by its process)");
    case OwnerAbsence::NoInodeRequest:
        return OwnerTexts::tr("— (SYN queue)");
    case OwnerAbsence::NoInodeNotAccepted:
        return OwnerTexts::tr("— (not accepted yet)");
    case OwnerAbsence::NoInodeOrphan:
        return OwnerTexts::tr("— (orphan: closed by its process)");
    case OwnerAbsence::NotPermitted:
        return OwnerTexts::tr("? (not visible: another user's process, or another PID namespace)");
    case OwnerAbsence::NotFoundYet:
        return OwnerTexts::tr("… (not resolved yet)");
    case OwnerAbsence::NotResolved:
        return OwnerTexts::tr("…");
    }
    return {};
}

// Ranks of `texts` in case-insensitive order, equal ranks for texts equal but for case.
std::vector<int> ranksOf(const std::vector<const QString *> &texts)
{
    std::vector<quint32> order(texts.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](quint32 a, quint32 b) { return texts[a]->compare(*texts[b], Qt::CaseInsensitive) < 0; });
    std::vector<int> ranks(texts.size());
    int rank = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && texts[order[i - 1]]->compare(*texts[order[i]], Qt::CaseInsensitive) != 0)
            ++rank;
        ranks[order[i]] = rank;
    }
    return ranks;
}

} // namespace

size_t qHash(const OwnerTexts::Key &key, size_t seed)
{
    return qHashMulti(seed, key.pid, quint8(key.absence), key.timeWait, key.command, key.user);
}

OwnerTexts::OwnerTexts()
{
    for (auto &ids : m_noInodeIds)
        ids.fill(NoId);
}

quint32 OwnerTexts::idOf(const SocketSnapshot &snapshot, const SocketRecord &socket)
{
    OwnerAbsence absence = OwnerAbsence::NotResolved;
    if (const SocketOwner *owner = snapshot.owner(socket, &absence)) {
        Key key{owner->pid, OwnerAbsence::HasOwner, false, owner->command, owner->user};
        if (const auto found = m_ids.constFind(key); found != m_ids.cend())
            return found.value();
        QString process = u"%1 (%2)"_s.arg(owner->command).arg(owner->pid);
        return add(std::move(key), std::move(process));
    }
    if (socket.inode == 0) {
        const bool timeWait = socket.state == TcpState::TimeWait;
        quint32 &id = m_noInodeIds[std::size_t(absence) % m_noInodeIds.size()][timeWait];
        if (id == NoId)
            id = add(Key{0, absence, timeWait, {}, {}}, absenceText(absence, timeWait));
        return id;
    }
    // The socket's own uid (idiag_uid), by name: whoever created it, even if no process holds it now.
    Key key{0, absence, false, {}, snapshot.userName(socket.uid)};
    if (const auto found = m_ids.constFind(key); found != m_ids.cend())
        return found.value();
    return add(std::move(key), absenceText(absence, false));
}

quint32 OwnerTexts::add(Key key, QString process)
{
    const auto id = quint32(m_entries.size());
    m_entries.push_back(
        {std::move(process), key.user, key.absence == OwnerAbsence::HasOwner ? key.command : QString(), key.absence});
    m_ids.insert(std::move(key), id);
    m_ranked = false;
    return id;
}

void OwnerTexts::rank() const
{
    std::vector<const QString *> processes;
    std::vector<const QString *> users;
    processes.reserve(m_entries.size());
    users.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        processes.push_back(&entry.process);
        users.push_back(&entry.user);
    }
    m_processRanks = ranksOf(processes);
    m_userRanks = ranksOf(users);
    m_ranked = true;
}

int OwnerTexts::processRank(quint32 id) const
{
    if (!m_ranked)
        rank();
    return m_processRanks[id];
}

int OwnerTexts::userRank(quint32 id) const
{
    if (!m_ranked)
        rank();
    return m_userRanks[id];
}

std::vector<quint32> OwnerTexts::compact(const std::vector<bool> &used)
{
    std::vector<quint32> newId(m_entries.size(), NoId);
    std::vector<Entry> kept;
    QHash<Key, quint32> ids;
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it) {
        const quint32 id = it.value();
        if (id >= used.size() || !used[id])
            continue;
        newId[id] = quint32(kept.size());
        kept.push_back(std::move(m_entries[id]));
        ids.insert(it.key(), newId[id]);
    }
    m_entries = std::move(kept);
    m_ids = std::move(ids);
    for (auto &noInode : m_noInodeIds) {
        for (quint32 &id : noInode)
            id = id == NoId ? NoId : newId[id];
    }
    m_ranked = false;
    return newId;
}

} // namespace TcpLens
