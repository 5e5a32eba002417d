// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// InlineList against QList: the same edits give the same items, inline, on the heap, and across the
// move from one to the other; dropping from the front (a connection's bounded samples) keeps order.
#include "tracking/connectionstep.h"
#include "tracking/inlinelist.h"

#include <QTest>

#include <random>

using namespace TcpLens;

namespace {

ConnectionStep step(int n)
{
    return {TcpState(n % 11 + 1), qint64(n), qint64(n) - 1, StepKnowledge(n % 3)};
}

bool same(const ConnectionStep &a, const ConnectionStep &b)
{
    return a.state == b.state && a.enteredNs == b.enteredNs && a.notBeforeNs == b.notBeforeNs &&
        a.knowledge == b.knowledge;
}

bool same(const InlineList<ConnectionStep> &list, const QList<ConnectionStep> &expected)
{
    return list.size() == expected.size() &&
        std::equal(
            list.begin(), list.end(), expected.cbegin(), [](const auto &a, const auto &b) { return same(a, b); });
}

} // namespace

class TestInlineList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesAQList_data()
    {
        QTest::addColumn<int>("bound");
        QTest::addRow("stays inline") << 1;
        QTest::addRow("a few on the heap") << 5;
        QTest::addRow("bounded like the samples") << 600;
    }
    void matchesAQList()
    {
        QFETCH(int, bound);
        InlineList<ConnectionStep> list;
        QList<ConnectionStep> expected;
        std::mt19937 random(3);
        for (int i = 0; i < 5000; ++i) {
            switch (random() % 8) {
            case 0:
                if (expected.size() < bound) {
                    list.prepend(step(i));
                    expected.prepend(step(i));
                }
                break;
            case 1:
                if (!expected.isEmpty()) {
                    list.removeFirst();
                    expected.removeFirst();
                }
                break;
            case 2: {
                const auto size = qsizetype(random() % quint32(bound + 1));
                list.resize(size);
                expected.resize(size);
                break;
            }
            default:
                if (expected.size() >= bound) {
                    list.removeFirst();
                    expected.removeFirst();
                }
                list.append(step(i));
                expected.append(step(i));
                break;
            }
            QVERIFY(same(list, expected));
        }
        const InlineList<ConnectionStep> copy = list;
        QVERIFY(same(copy, expected));
        InlineList<ConnectionStep> moved = std::move(list);
        QVERIFY(same(moved, expected));
        QVERIFY(list.isEmpty());
        const QList<ConnectionStep> back = moved;
        QVERIFY(same(moved, back));
        moved = QList<ConnectionStep>{step(1), step(2)};
        QVERIFY(same(moved, {step(1), step(2)}));
    }

    void appendsItsOwnItem()
    {
        InlineList<ConnectionStep> list{step(1)};
        list.append(list.constLast()); // grows from inline to the heap while reading the item
        QVERIFY(same(list, {step(1), step(1)}));
    }
};

QTEST_GUILESS_MAIN(TestInlineList)
#include "tst_inlinelist.moc"
