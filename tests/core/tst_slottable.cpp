// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// SlotTable against std::unordered_map: random insertions, replacements and removals, with keys that
// crowd the same buckets, must leave every key findable (the backward shift of a removal is where an
// open-addressing table loses entries).
#include "tracking/slottable.h"

#include <QTest>

#include <random>
#include <unordered_map>
#include <vector>

using namespace TcpLens;

class TestSlotTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesAMap_data()
    {
        QTest::addColumn<int>("keys");
        QTest::addColumn<int>("operations");
        QTest::addColumn<bool>("reserve");
        QTest::addRow("few keys, many operations") << 40 << 20000 << false;
        QTest::addRow("many keys, growing") << 5000 << 50000 << false;
        QTest::addRow("many keys, reserved") << 5000 << 50000 << true;
    }
    void matchesAMap()
    {
        QFETCH(int, keys);
        QFETCH(int, operations);
        QFETCH(bool, reserve);
        // The owner's array: slot -> key. A key's hash keeps only its low bits, so many keys share a
        // tag and the table has to ask the owner.
        std::vector<quint64> keyOfSlot;
        std::unordered_map<quint64, quint32> expected;
        SlotTable table;
        if (reserve)
            table.reserve(keys);
        const auto hashOf = [](quint64 key) {
            return SlotTable::mix(key % 97);
        };
        const auto holds = [&keyOfSlot](quint64 key) {
            return [&keyOfSlot, key](quint32 slot) {
                return keyOfSlot[slot] == key;
            };
        };
        std::mt19937 random(7);
        for (int i = 0; i < operations; ++i) {
            const quint64 key = random() % quint64(keys);
            if (random() % 3 == 0) {
                const auto it = expected.find(key);
                const bool removed = it != expected.end() && table.remove(hashOf(key), it->second);
                QCOMPARE(removed, it != expected.end());
                if (it != expected.end())
                    expected.erase(it);
            } else {
                const auto slot = quint32(keyOfSlot.size());
                keyOfSlot.push_back(key);
                const quint32 previous = table.insert(hashOf(key), slot, holds(key));
                const auto it = expected.find(key);
                QCOMPARE(previous, it == expected.end() ? SlotTable::None : it->second);
                expected[key] = slot;
            }
            QCOMPARE(table.size(), qsizetype(expected.size()));
        }
        for (quint64 key = 0; key < quint64(keys); ++key) {
            const auto it = expected.find(key);
            QCOMPARE(table.find(hashOf(key), holds(key)), it == expected.end() ? SlotTable::None : it->second);
        }
    }

    void moveKeepsTheKey()
    {
        std::vector<quint64> keyOfSlot{10, 20, 30};
        SlotTable table;
        for (quint32 slot = 0; slot < 3; ++slot)
            table.insert(SlotTable::mix(keyOfSlot[slot]), slot, [](quint32) { return false; });
        table.move(SlotTable::mix(30), 2, 0);
        keyOfSlot[0] = 30;
        QCOMPARE(table.find(SlotTable::mix(30), [&](quint32 slot) { return keyOfSlot[slot] == 30; }), 0u);
        QCOMPARE(table.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSlotTable)
#include "tst_slottable.moc"
