// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <bit>
#include <vector>

namespace TcpLens {

// An open-addressing hash table of slot numbers into an array its owner keeps, which also holds the
// keys: 8 bytes an entry (32 bits of the key's hash and the slot), no node per entry, no second copy
// of a key, and a lookup that reads one cache line of the table before the slot itself. The owner
// hashes a key with mix() and says whether a slot holds it, so one table serves cookies, ids and
// 4-tuples alike. Linear probing; a removal shifts the entries after it back (no tombstones), so a
// table that sees a million insertions and removals an hour stays as fast as a new one.
class SlotTable
{
public:
    static constexpr quint32 None = ~0u;

    // A 64-bit finalizer (MurmurHash3's fmix64): consecutive cookies and ids spread over the table.
    static quint64 mix(quint64 key)
    {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        key ^= key >> 33;
        key *= 0xc4ceb9fe1a85ec53ULL;
        key ^= key >> 33;
        return key;
    }

    qsizetype size() const { return m_size; }
    // Room for `count` entries without growing: sized from the snapshot, a million sockets do not
    // rehash a table twenty times on the way.
    void reserve(qsizetype count)
    {
        if (count > m_size && count > limit())
            rehash(capacityFor(count));
    }
    void clear()
    {
        m_entries.clear();
        m_size = 0;
        m_shift = 64;
    }

    // Asks the memory for the line where `hash` would be, some iterations before it is looked up.
    void prefetch(quint64 hash) const
    {
        if (!m_entries.empty())
            __builtin_prefetch(&m_entries[home(tagOf(hash))]);
    }
    // The first slot whose entry has `hash`'s tag, unchecked: what to prefetch next.
    quint32 guess(quint64 hash) const
    {
        if (m_entries.empty())
            return None;
        const quint32 tag = tagOf(hash);
        for (std::size_t i = home(tag);; i = next(i)) {
            if (m_entries[i].slot == None || m_entries[i].tag == tag)
                return m_entries[i].slot;
        }
    }

    template<typename Holds>
    quint32 find(quint64 hash, Holds holds) const
    {
        if (m_entries.empty())
            return None;
        const quint32 tag = tagOf(hash);
        for (std::size_t i = home(tag);; i = next(i)) {
            const Entry &entry = m_entries[i];
            if (entry.slot == None)
                return None;
            if (entry.tag == tag && holds(entry.slot))
                return entry.slot;
        }
    }
    // Maps the key to `slot`, in place of the slot that held it before (returned; None if none).
    template<typename Holds>
    quint32 insert(quint64 hash, quint32 slot, Holds holds)
    {
        Q_ASSERT(slot != None);
        if (m_size + 1 > limit())
            rehash(m_entries.empty() ? MinimumCapacity : m_entries.size() * 2);
        const quint32 tag = tagOf(hash);
        for (std::size_t i = home(tag);; i = next(i)) {
            Entry &entry = m_entries[i];
            if (entry.slot == None) {
                entry = {tag, slot};
                ++m_size;
                return None;
            }
            if (entry.tag == tag && holds(entry.slot)) {
                const quint32 previous = entry.slot;
                entry.slot = slot;
                return previous;
            }
        }
    }
    // Removes the entry of this very slot under `hash`, if there is one.
    bool remove(quint64 hash, quint32 slot)
    {
        if (m_entries.empty())
            return false;
        const quint32 tag = tagOf(hash);
        for (std::size_t i = home(tag);; i = next(i)) {
            const Entry &entry = m_entries[i];
            if (entry.slot == None)
                return false;
            if (entry.tag == tag && entry.slot == slot) {
                erase(i);
                return true;
            }
        }
    }
    // Points the entry of `from` under `hash` to `to` (the owner moved what the slot held).
    void move(quint64 hash, quint32 from, quint32 to)
    {
        const quint32 tag = tagOf(hash);
        for (std::size_t i = home(tag);; i = next(i)) {
            Entry &entry = m_entries[i];
            Q_ASSERT(entry.slot != None);
            if (entry.tag == tag && entry.slot == from) {
                entry.slot = to;
                return;
            }
        }
    }

private:
    struct Entry
    {
        quint32 tag = 0; // the hash's high half; its top bits are the home bucket
        quint32 slot = None;
    };
    static constexpr std::size_t MinimumCapacity = 16;

    static quint32 tagOf(quint64 hash) { return quint32(hash >> 32); }
    // The top bits choose the bucket, so the tag alone gives it back when the table grows or an
    // entry shifts.
    std::size_t home(quint32 tag) const { return m_shift >= 32 ? 0 : std::size_t(tag >> m_shift); }
    std::size_t next(std::size_t i) const { return (i + 1) & (m_entries.size() - 1); }
    // At most 3/4 full: linear probing's chains stay a line or two long.
    qsizetype limit() const { return qsizetype(m_entries.size() / 4 * 3); }
    static std::size_t capacityFor(qsizetype count)
    {
        return std::max(MinimumCapacity, std::bit_ceil(std::size_t(count) * 4 / 3 + 1));
    }
    void rehash(std::size_t capacity)
    {
        std::vector<Entry> old(capacity);
        old.swap(m_entries);
        m_shift = 32 - std::countr_zero(capacity);
        for (const Entry &entry : old) {
            if (entry.slot == None)
                continue;
            std::size_t i = home(entry.tag);
            while (m_entries[i].slot != None)
                i = next(i);
            m_entries[i] = entry;
        }
    }
    void erase(std::size_t hole)
    {
        // Backward shift: an entry after the hole whose home is not between the hole and itself
        // (cyclically) would be cut off from its home, so it moves into the hole.
        for (std::size_t i = next(hole);; i = next(i)) {
            const Entry &entry = m_entries[i];
            if (entry.slot == None)
                break;
            const std::size_t want = home(entry.tag);
            const bool between = hole <= i ? (hole < want && want <= i) : (hole < want || want <= i);
            if (between)
                continue;
            m_entries[hole] = entry;
            hole = i;
        }
        m_entries[hole] = {};
        --m_size;
    }

    std::vector<Entry> m_entries; // a power of two long
    qsizetype m_size = 0;
    int m_shift = 64; // 32 - log2(capacity)
};

} // namespace TcpLens
