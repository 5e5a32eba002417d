// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The connection table's sort and filter proxy over real sockets in a private namespace: a filter
// whose rows are scattered over the sorted table, clearing it, sorting by a column whose texts are
// mostly equal, and the selection's persistent index across filter changes.
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "privatenetworknamespace.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QTest>

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

    // Every proxy row in the order the model's comparison gives for the proxy's sort.
    static bool sortedAsTheModelSays(const ConnectionFilterProxy &proxy, const ConnectionTableModel &model)
    {
        for (int row = 1; row < proxy.rowCount(); ++row) {
            const int previous = proxy.mapToSource(proxy.index(row - 1, 0)).row();
            const int current = proxy.mapToSource(proxy.index(row, 0)).row();
            const bool inOrder = proxy.sortOrder() == Qt::AscendingOrder
                ? model.rowLessThan(previous, current, proxy.sortColumn())
                : model.rowLessThan(current, previous, proxy.sortColumn());
            if (!inOrder)
                return false;
        }
        return true;
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
        m_model.applySnapshot(*snapshot);
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
        QVERIFY(sortedAsTheModelSays(proxy, m_model));

        proxy.setFilterText(u"-port:%1"_s.arg(m_first.port));
        QCOMPARE(proxy.rowCount(), m_model.rowCount() - modelRowsWithPort(m_first.port));
        QVERIFY(sortedAsTheModelSays(proxy, m_model));

        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), m_model.rowCount());
        QVERIFY(sortedAsTheModelSays(proxy, m_model));
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
        QVERIFY(sortedAsTheModelSays(proxy, m_model));
        const int firstRow = order == Qt::AscendingOrder ? 0 : proxy.rowCount() - 1;
        const int lastRow = proxy.rowCount() - 1 - firstRow;
        QVERIFY(
            proxy.index(firstRow, ConnectionTableModel::LocalColumn).data(ConnectionTableModel::SortRole).toString() <
            proxy.index(lastRow, ConnectionTableModel::LocalColumn).data(ConnectionTableModel::SortRole).toString());
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
