// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// ipAddressText() writes what glibc's inet_ntop() writes: the schema promises inet_ntop()'s text.
// Checked on the cases its algorithm tells apart and on random addresses rich in zero words.
#include "model/ipaddresstext.h"

#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>
#include <sys/socket.h>

using namespace TcpLens;

namespace {

using Address = std::array<quint8, 16>;

QByteArray fromInetNtop(int family, const Address &address)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (!::inet_ntop(family, address.data(), text, sizeof text))
        qFatal("inet_ntop failed");
    return QByteArray(text);
}

QByteArray fromIpAddressText(int family, const Address &address)
{
    IpAddressTextBuffer buffer;
    const std::string_view text = ipAddressText(quint8(family), address, buffer);
    return QByteArray(text.data(), qsizetype(text.size()));
}

Address words(std::initializer_list<quint16> list)
{
    Address address{};
    std::size_t i = 0;
    for (const quint16 word : list) {
        address[i++] = quint8(word >> 8);
        address[i++] = quint8(word);
    }
    return address;
}

} // namespace

Q_DECLARE_METATYPE(Address)

class TestIpAddressText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void likeInetNtop_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<Address>("address");
        QTest::addColumn<QByteArray>("text");
        QTest::addRow("0.0.0.0") << AF_INET << Address{} << QByteArray("0.0.0.0");
        QTest::addRow("127.0.0.1") << AF_INET << Address{127, 0, 0, 1} << QByteArray("127.0.0.1");
        QTest::addRow("255.255.255.255") << AF_INET << Address{255, 255, 255, 255} << QByteArray("255.255.255.255");
        QTest::addRow("::") << AF_INET6 << Address{} << QByteArray("::");
        QTest::addRow("::1") << AF_INET6 << words({0, 0, 0, 0, 0, 0, 0, 1}) << QByteArray("::1");
        QTest::addRow("1::") << AF_INET6 << words({1}) << QByteArray("1::");
        QTest::addRow("v4-mapped") << AF_INET6 << words({0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001})
                                   << QByteArray("::ffff:10.0.0.1");
        QTest::addRow("v4-compatible") << AF_INET6 << words({0, 0, 0, 0, 0, 0, 0x0102, 0x0304})
                                       << QByteArray("::1.2.3.4");
        QTest::addRow("v4-mapped unspecified")
            << AF_INET6 << words({0, 0, 0, 0, 0, 0xffff, 0, 0}) << QByteArray("::ffff:0.0.0.0");
        QTest::addRow("a single zero word stays")
            << AF_INET6 << words({0x2001, 0xdb8, 0, 1, 1, 1, 1, 1}) << QByteArray("2001:db8:0:1:1:1:1:1");
        QTest::addRow("the longest run") << AF_INET6 << words({0x2001, 0, 0, 1, 0, 0, 0, 1})
                                         << QByteArray("2001:0:0:1::1");
        QTest::addRow("the first of equal runs")
            << AF_INET6 << words({0x2001, 0, 0, 1, 1, 0, 0, 1}) << QByteArray("2001::1:1:0:0:1");
        QTest::addRow("all words") << AF_INET6
                                   << words({0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff})
                                   << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        QTest::addRow("link-local") << AF_INET6 << words({0xfe80, 0, 0, 0, 0x1ff, 0xfe23, 0x4567, 0x890a})
                                    << QByteArray("fe80::1ff:fe23:4567:890a");
    }

    void likeInetNtop()
    {
        QFETCH(int, family);
        QFETCH(Address, address);
        QFETCH(QByteArray, text);
        QCOMPARE(fromInetNtop(family, address), text);
        QCOMPARE(fromIpAddressText(family, address), text);
    }

    // Zero words, 0xffff at the v4-mapped position and short words in every combination a few
    // thousand draws reach.
    void randomAddressesLikeInetNtop()
    {
        QRandomGenerator random(15);
        for (int i = 0; i < 50'000; ++i) {
            Address address{};
            for (std::size_t word = 0; word < 8; ++word) {
                quint16 value = 0;
                switch (random.bounded(5)) {
                case 0:
                case 1:
                    break;
                case 2:
                    value = quint16(random.bounded(16));
                    break;
                case 3:
                    value = 0xffff;
                    break;
                default:
                    value = quint16(random.bounded(65536));
                }
                address[2 * word] = quint8(value >> 8);
                address[2 * word + 1] = quint8(value);
            }
            const int family = i % 4 == 0 ? AF_INET : AF_INET6;
            QCOMPARE(fromIpAddressText(family, address), fromInetNtop(family, address));
        }
    }
};

QTEST_GUILESS_MAIN(TestIpAddressText)
#include "tst_ipaddresstext.moc"
