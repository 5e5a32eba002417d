// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/socketowner.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <array>
#include <vector>

namespace TcpLens {

class SocketSnapshot;
struct SocketRecord;

// The Process and User texts of the connection table, each distinct pair stored once: 120,000
// sockets have a handful of owners ("nginx (1234)", "— (kernel only: TIME-WAIT)"), so a row holds a
// small id instead of two strings. The order of the texts is kept as ranks, so that sorting by
// process compares two integers instead of folding the case of two strings per comparison.
class OwnerTexts
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::OwnerTexts)
public:
    struct Entry
    {
        QString process; // "nginx (1234)", or why there is none
        QString user; // the process's user, or the socket's uid by name, or empty
        QString command; // "nginx"; empty when no owner is known
        OwnerAbsence absence = OwnerAbsence::NotResolved;
    };

    OwnerTexts();

    // The id of a socket's owner texts as `snapshot` knows them, added if new.
    quint32 idOf(const SocketSnapshot &snapshot, const SocketRecord &socket);
    const Entry &at(quint32 id) const { return m_entries[id]; }
    bool isKnown(quint32 id) const { return m_entries[id].absence == OwnerAbsence::HasOwner; }
    std::size_t size() const { return m_entries.size(); }

    // Position of an entry's process (user) text in case-insensitive order; texts that differ only
    // in case share a rank.
    int processRank(quint32 id) const;
    int userRank(quint32 id) const;

    // Forgets the entries not in `used` (indexed by id) and returns the new id of each old one.
    std::vector<quint32> compact(const std::vector<bool> &used);

private:
    struct Key
    {
        qint32 pid = 0;
        OwnerAbsence absence = OwnerAbsence::NotResolved;
        bool timeWait = false;
        QString command;
        QString user;
        bool operator==(const Key &other) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed);

    quint32 add(Key key, QString process);
    void rank() const;

    std::vector<Entry> m_entries;
    QHash<Key, quint32> m_ids;
    // Sockets without an inode (TIME-WAIT, SYN queue, orphans) have no user and a reason that
    // depends only on the socket: their ids, found without hashing.
    std::array<std::array<quint32, 2>, 8> m_noInodeIds{};
    mutable std::vector<int> m_processRanks;
    mutable std::vector<int> m_userRanks;
    mutable bool m_ranked = false;
};

} // namespace TcpLens
