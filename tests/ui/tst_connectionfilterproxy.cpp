// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The connection table's sort and filter proxy over real sockets in a private namespace: a filter
// whose rows are scattered over the sorted table, clearing it, sorting by a column whose texts are
// mostly equal, listeners first by state, and the selection's persistent index across filter
// changes; and the absolute order of every kind of column on constructed rows.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QTest>

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestConnectionFilterProxy : public QObject
{
    Q_OBJECT

    static constexpr int ConnectionsPerListener = 6;

    Sockets::Listener m_first;
    Sockets::Listener m_second;
    std::vector<UniqueFd> m_ends; // clients and accepted servers, held open
    ConnectionTableModel m_model;

    static quint16 port(const QAbstractItemModel &model, int row, int role)
    {
        return quint16(model.index(row, 0).data(role).toUInt());
    }

    // Rows of the model (not the proxy) with `port` at either end.
    int modelRowsWithPort(quint16 wanted) const
    {
        int rows = 0;
        for (int row = 0; row < m_model.rowCount(); ++row) {
            rows += port(m_model, row, ConnectionTableModel::LocalPortRole) == wanted ||
                port(m_model, row, ConnectionTableModel::RemotePortRole) == wanted;
        }
        return rows;
    }

    // The local ports of the proxy's rows, top to bottom.
    static QList<quint16> localPorts(const QAbstractItemModel &proxy)
    {
        QList<quint16> ports;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ports.append(port(proxy, row, ConnectionTableModel::LocalPortRole));
        return ports;
    }

    // The cookies of the proxy's rows, top to bottom.
    static QList<int> cookies(const QAbstractItemModel &proxy)
    {
        QList<int> result;
        for (int row = 0; row < proxy.rowCount(); ++row)
            result.append(int(proxy.index(row, 0).data(ConnectionTableModel::CookieRole).toULongLong()));
        return result;
    }

    static SocketRecord constructedSocket(int cookie, TcpState state, std::array<quint8, 4> local, quint16 localPort,
        std::array<quint8, 4> remote, quint16 remotePort, std::optional<quint32> rttUs)
    {
        SocketRecord socket;
        socket.cookie = quint64(cookie);
        socket.family = AF_INET;
        socket.state = state;
        std::copy(local.begin(), local.end(), socket.localAddress.begin());
        std::copy(remote.begin(), remote.end(), socket.remoteAddress.begin());
        socket.localPort = localPort;
        socket.remotePort = remotePort;
        if (rttUs) {
            socket.flags = HasTcpInfo;
            socket.info.kernelLength = 232;
            socket.info.rttUs = *rttUs;
            socket.info.congestionWindow = 10;
        }
        return socket;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_first = Sockets::listen(u"127.0.0.1"_s, 16);
        m_second = Sockets::listen(u"127.0.0.1"_s, 16);
        QVERIFY(m_first.fd && m_second.fd);
        // Alternate the listeners, so that the clients' ephemeral ports interleave the two.
        for (int i = 0; i < 2 * ConnectionsPerListener; ++i) {
            const Sockets::Listener &listener = i % 2 ? m_second : m_first;
            auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
            QVERIFY(Sockets::waitConnected(client.get(), 1s));
            auto server = Sockets::acceptOne(listener.fd.get(), 1s);
            QVERIFY(server);
            m_ends.push_back(std::move(client));
            m_ends.push_back(std::move(server));
        }
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), TcpLens::Test::errorText(source).constData());
        auto snapshot = (*source)->take({});
        QVERIFY2(snapshot.has_value(), TcpLens::Test::errorText(snapshot).constData());
        m_model.applySnapshotNow(*snapshot);
        // 2 listeners, and both ends of every connection.
        QCOMPARE(m_model.rowCount(), 2 + 4 * ConnectionsPerListener);
    }

    void filtersRowsScatteredOverTheSortAndClears()
    {
        ConnectionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setConnectionModel(&m_model);
        proxy.sort(ConnectionTableModel::LocalColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.rowCount(), m_model.rowCount());

        proxy.setFilterText(u"port:%1"_s.arg(m_first.port));
        // The listener, its accepted ends and the clients that connected to it.
        QCOMPARE(proxy.rowCount(), 1 + 2 * ConnectionsPerListener);
        QCOMPARE(proxy.rowCount(), modelRowsWithPort(m_first.port));
        for (int row = 0; row < proxy.rowCount(); ++row) {
            QVERIFY(port(proxy, row, ConnectionTableModel::LocalPortRole) == m_first.port ||
                port(proxy, row, ConnectionTableModel::RemotePortRole) == m_first.port);
        }
        // Every socket is on 127.0.0.1: sorted by local address, the ports rise.
        QVERIFY(std::ranges::is_sorted(localPorts(proxy)));

        proxy.setFilterText(u"-port:%1"_s.arg(m_first.port));
        QCOMPARE(proxy.rowCount(), m_model.rowCount() - modelRowsWithPort(m_first.port));
        QVERIFY(std::ranges::is_sorted(localPorts(proxy)));

        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), m_model.rowCount());
        QVERIFY(std::ranges::is_sorted(localPorts(proxy)));
    }

    void sortsByProcessWithEqualTextsByEndpoint_data()
    {
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addRow("ascending") << Qt::AscendingOrder;
        QTest::addRow("descending") << Qt::DescendingOrder;
    }

    void sortsByProcessWithEqualTextsByEndpoint()
    {
        QFETCH(Qt::SortOrder, order);
        ConnectionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setConnectionModel(&m_model);
        proxy.sort(ConnectionTableModel::ProcessColumn, order);
        // This process holds every socket: one text, so the local endpoint decides.
        const QString process = proxy.index(0, ConnectionTableModel::ProcessColumn).data().toString();
        QVERIFY(!process.isEmpty());
        for (int row = 0; row < proxy.rowCount(); ++row)
            QCOMPARE(proxy.index(row, ConnectionTableModel::ProcessColumn).data().toString(), process);
        QList<quint16> ports = localPorts(proxy);
        if (order == Qt::DescendingOrder)
            std::ranges::reverse(ports);
        QVERIFY(std::ranges::is_sorted(ports));
        QCOMPARE_LT(ports.constFirst(), ports.constLast());
    }

    void listenersComeFirstByState()
    {
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&m_model);
        proxy.sort(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const auto state = TcpState(proxy.index(row, 0).data(ConnectionTableModel::StateRole).toInt());
            QCOMPARE(state, row < 2 ? TcpState::Listen : TcpState::Established);
        }
    }

    // Absolute orders on constructed rows, where comparing the cells' texts would go wrong: local
    // port 80 before 443 and 4500, "10.000 ms" after "2.000 ms", LISTEN before CLOSE-WAIT.
    void sortsAsTheTableShows_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QList<int>>("expected"); // cookies, top to bottom

        // The rows: cookie, state, local, remote, RTT.
        //   1 LISTEN      0.0.0.0:8080                       (tcp_info of a listener: not shown)
        //   2 LISTEN      0.0.0.0:443
        //   3 ESTAB       10.0.0.1:443   10.0.0.9:50001      2 ms
        //   4 ESTAB       10.0.0.1:80    10.0.0.9:50002     10 ms
        //   5 TIME-WAIT   10.0.0.1:9000  10.0.0.9:50003      (none)
        //   6 SYN-SENT    10.0.0.1:4500  10.0.0.9:443        0 ms, measured
        //   7 CLOSE-WAIT  10.0.0.1:8443  10.0.0.9:50004      3 ms
        // The order of a connection's life, listeners first; equal states by local endpoint.
        QTest::addRow("state, ascending")
            << int(ConnectionTableModel::StateColumn) << Qt::AscendingOrder << QList<int>{2, 1, 6, 4, 3, 5, 7};
        QTest::addRow("state, descending")
            << int(ConnectionTableModel::StateColumn) << Qt::DescendingOrder << QList<int>{7, 5, 3, 4, 6, 1, 2};
        // Addresses and ports as numbers.
        QTest::addRow("local, ascending")
            << int(ConnectionTableModel::LocalColumn) << Qt::AscendingOrder << QList<int>{2, 1, 4, 3, 6, 7, 5};
        QTest::addRow("remote, ascending")
            << int(ConnectionTableModel::RemoteColumn) << Qt::AscendingOrder << QList<int>{1, 2, 6, 3, 4, 5, 7};
        // An empty RTT cell (listeners, TIME-WAIT) sorts before every figure, a measured 0 included;
        // descending, the slowest connection is on top and the empty cells at the bottom.
        QTest::addRow("rtt, ascending") << int(ConnectionTableModel::RttColumn) << Qt::AscendingOrder
                                        << QList<int>{2, 1, 5, 6, 3, 7, 4};
        QTest::addRow("rtt, descending") << int(ConnectionTableModel::RttColumn) << Qt::DescendingOrder
                                         << QList<int>{4, 7, 3, 6, 5, 1, 2};
    }

    void sortsAsTheTableShows()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QList<int>, expected);
        using S = TcpState;
        SocketSnapshot::Data data;
        data.generation = 1;
        data.sockets = {
            constructedSocket(1, S::Listen, {0, 0, 0, 0}, 8080, {0, 0, 0, 0}, 0, 0),
            constructedSocket(2, S::Listen, {0, 0, 0, 0}, 443, {0, 0, 0, 0}, 0, 0),
            constructedSocket(3, S::Established, {10, 0, 0, 1}, 443, {10, 0, 0, 9}, 50001, 2000),
            constructedSocket(4, S::Established, {10, 0, 0, 1}, 80, {10, 0, 0, 9}, 50002, 10000),
            constructedSocket(5, S::TimeWait, {10, 0, 0, 1}, 9000, {10, 0, 0, 9}, 50003, std::nullopt),
            constructedSocket(6, S::SynSent, {10, 0, 0, 1}, 4500, {10, 0, 0, 9}, 443, 0),
            constructedSocket(7, S::CloseWait, {10, 0, 0, 1}, 8443, {10, 0, 0, 9}, 50004, 3000),
        };
        ConnectionTableModel model;
        model.applySnapshotNow(SocketSnapshot(std::move(data)));
        ConnectionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setConnectionModel(&model);
        proxy.sort(column, order);
        QCOMPARE(cookies(proxy), expected);
        // The cells the user reads agree: an empty RTT, or the figure.
        if (column == ConnectionTableModel::RttColumn) {
            const int top = order == Qt::AscendingOrder ? 0 : proxy.rowCount() - 1;
            QCOMPARE(proxy.index(top, column).data().toString(), QString());
        }
    }

    void selectionSurvivesFilterChanges()
    {
        ConnectionFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setConnectionModel(&m_model);
        proxy.sort(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
        int listenerRow = -1;
        for (int row = 0; row < proxy.rowCount() && listenerRow < 0; ++row) {
            if (port(proxy, row, ConnectionTableModel::LocalPortRole) == m_second.port &&
                proxy.index(row, 0).data(ConnectionTableModel::StateRole).toInt() == int(TcpState::Listen))
                listenerRow = row;
        }
        QVERIFY(listenerRow >= 0);
        const QPersistentModelIndex selected(proxy.index(listenerRow, 0));
        const quint64 cookie = selected.data(ConnectionTableModel::CookieRole).toULongLong();

        proxy.setFilterText(u"port:%1"_s.arg(m_second.port));
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data(ConnectionTableModel::CookieRole).toULongLong(), cookie);
        proxy.setFilterText(QString());
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data(ConnectionTableModel::CookieRole).toULongLong(), cookie);
        // A filter that hides the row drops the index, as removing the row would.
        proxy.setFilterText(u"state:estab"_s);
        QVERIFY(!selected.isValid());
    }
};

TCPLENS_NETNS_TEST_MAIN(TestConnectionFilterProxy, QCoreApplication)

#include "tst_connectionfilterproxy.moc"
