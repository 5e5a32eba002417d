// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// How the connection table applies snapshots, on constructed sockets: in slices from the event loop,
// with a sorted proxy that stays in order and consistent after every slice; a newer snapshot given
// while one is being applied (the one in between is never shown, closing rows keep their meaning);
// a closing row keeping its own copy of a record its snapshot no longer has; owner texts shared by
// every row of one owner, and sorted case-insensitively.
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

#include <algorithm>
#include <map>
#include <set>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

using Mark = ConnectionTableModel::Mark;

const QList<SocketOwner> &owners()
{
    static const QList<SocketOwner> all{
        {1001, 33, u"nginx"_s, u"www-data"_s}, {1002, 0, u"Zeta"_s, u"root"_s}, {1003, 1000, u"bash"_s, u"ada"_s}};
    return all;
}

// Socket `cookie`: a connection of one of three owners, a fifth of them in TIME-WAIT without one.
SocketRecord socketOf(quint64 cookie, TcpState state = TcpState::Established)
{
    SocketRecord socket;
    socket.cookie = cookie;
    socket.family = AF_INET;
    socket.state = cookie % 5 == 0 ? TcpState::TimeWait : state;
    socket.localAddress = {10, 0, quint8(cookie >> 8), quint8(cookie)};
    socket.remoteAddress = {10, 1, 0, quint8(cookie % 7)};
    socket.localPort = quint16(1024 + cookie % 50'000);
    socket.remotePort = 443;
    if (socket.state == TcpState::TimeWait) {
        socket.flags = IsTimeWaitSocket;
    } else {
        socket.inode = quint32(100'000 + cookie);
        socket.flags = HasTcpInfo;
        socket.info.kernelLength = 232;
        socket.info.rttUs = quint32(cookie % 997);
    }
    return socket;
}

SocketSnapshot snapshotOf(quint64 generation, const std::vector<SocketRecord> &sockets)
{
    SocketSnapshot::Data data;
    data.generation = generation;
    data.monotonicNs = qint64(generation) * 1'000'000'000;
    data.sockets = sockets;
    for (const SocketRecord &socket : sockets) {
        if (socket.inode != 0)
            data.owners.insert(socket.inode, owners().at(qsizetype(socket.cookie % 3)));
    }
    data.ownersResolved = true;
    return SocketSnapshot(std::move(data));
}

std::vector<SocketRecord> socketsFrom(quint64 first, quint64 count)
{
    std::vector<SocketRecord> sockets;
    for (quint64 cookie = first; cookie < first + count; ++cookie)
        sockets.push_back(socketOf(cookie));
    return sockets;
}

// Runs the event loop until the model says it applied `generation`.
bool waitApplied(QSignalSpy &applied, quint64 generation)
{
    const auto seen = [&] {
        return std::any_of(applied.cbegin(), applied.cend(),
            [&](const QList<QVariant> &arguments) { return arguments.at(0).toULongLong() == generation; });
    };
    QElapsedTimer timer;
    timer.start();
    while (!seen() && timer.elapsed() < 60'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return seen();
}

struct RowSeen
{
    TcpState state;
    Mark mark;
    quint16 localPort;
};

std::map<quint64, RowSeen> rowsOf(const ConnectionTableModel &model)
{
    std::map<quint64, RowSeen> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        const quint64 cookie = index.data(ConnectionTableModel::CookieRole).toULongLong();
        const bool added = rows.emplace(cookie,
                                   RowSeen{TcpState(index.data(ConnectionTableModel::StateRole).toInt()),
                                       index.data(ConnectionTableModel::MarkRole).value<Mark>(),
                                       quint16(index.data(ConnectionTableModel::LocalPortRole).toUInt())})
                               .second;
        if (!added)
            qWarning("cookie %llu has two rows", cookie);
    }
    return rows;
}

// Whether the proxy's rows are in its sort order, each pair of neighbours by the model's comparison.
bool sortedByProxy(const ConnectionFilterProxy &proxy)
{
    const ConnectionTableModel &model = *proxy.connectionModel();
    for (int row = 1; row < proxy.rowCount(); ++row) {
        const int above = proxy.mapToSource(proxy.index(row - 1, 0)).row();
        const int below = proxy.mapToSource(proxy.index(row, 0)).row();
        const bool inOrder = proxy.sortOrder() == Qt::AscendingOrder
            ? !model.rowLessThan(below, above, proxy.sortColumn())
            : !model.rowLessThan(above, below, proxy.sortColumn());
        if (!inOrder) {
            qWarning("proxy rows %d and %d out of order", row - 1, row);
            return false;
        }
    }
    return true;
}

} // namespace

class TestConnectionTableApply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesInSlicesFromTheEventLoop()
    {
        // No QAbstractItemModelTester here: it checks every row at every signal (see
        // staysConsistentBetweenSlices for that).
        ConnectionTableModel model;
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&model);
        proxy.sort(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        const std::vector<SocketRecord> sockets = socketsFrom(1, 60'000);
        model.applySnapshot(snapshotOf(1, sockets));
        // Nothing happens before the event loop runs it.
        QVERIFY(model.isApplying());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(waitApplied(applied, 1));
        QVERIFY(!model.isApplying());
        QCOMPARE(applied.size(), 1);
        QCOMPARE(model.rowCount(), int(sockets.size()));
        QCOMPARE(proxy.rowCount(), int(sockets.size()));
        // In chunks, each landing in the sorted proxy in order.
        QVERIFY2(inserted.size() > 1, "one block: the slices did not split the insertion");
        QVERIFY(sortedByProxy(proxy));
        // The first snapshot marks nothing as new.
        const auto rows = rowsOf(model);
        QCOMPARE(rows.size(), sockets.size());
        QVERIFY(std::all_of(rows.cbegin(), rows.cend(), [](const auto &row) { return row.second.mark == Mark::None; }));
    }

    // The model and the proxy under QAbstractItemModelTester, which checks them after every signal,
    // through slices of polls where sockets go, change state and come.
    void staysConsistentBetweenSlices()
    {
        ConnectionTableModel model;
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionFilterProxy proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setConnectionModel(&model);
        proxy.sort(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
        proxy.setFilterText(u"-port:1030"_s);
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);
        std::vector<SocketRecord> sockets = socketsFrom(1, 400);
        quint64 nextCookie = 1000;
        for (quint64 generation = 1; generation <= 4; ++generation) {
            model.applySnapshot(snapshotOf(generation, sockets));
            QVERIFY(waitApplied(applied, generation));
            QVERIFY(sortedByProxy(proxy));
            const auto rows = rowsOf(model);
            const auto hidden =
                std::count_if(rows.cbegin(), rows.cend(), [](const auto &row) { return row.second.localPort == 1030; });
            QCOMPARE(rows.size(), std::size_t(model.rowCount()));
            QCOMPARE(proxy.rowCount(), model.rowCount() - int(hidden));
            // The next poll: every seventh gone, every fifth moves on, some new ones.
            std::vector<SocketRecord> next;
            for (std::size_t i = 0; i < sockets.size(); ++i) {
                if (i % 7 == generation % 7)
                    continue;
                SocketRecord socket = sockets[i];
                if (i % 5 == generation % 5 && socket.state == TcpState::Established)
                    socket.state = TcpState::FinWait1;
                next.push_back(socket);
            }
            for (int added = 0; added < 40; ++added)
                next.push_back(socketOf(nextCookie++));
            sockets = std::move(next);
        }
    }

    // Given while the one before is still being inserted: that one is finished (its changes are on
    // show), then the newer one is applied; the rows end up as the newer one has them.
    void newerSnapshotWhileInserting()
    {
        ConnectionTableModel model;
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&model);
        proxy.sort(ConnectionTableModel::StateColumn, Qt::DescendingOrder);
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);

        std::vector<SocketRecord> sockets = socketsFrom(1, 100'000);
        model.applySnapshot(snapshotOf(1, sockets));
        QElapsedTimer timer;
        timer.start();
        while (model.rowCount() == 0 && timer.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (!model.isApplying())
            QSKIP("this machine inserted 100,000 rows in one slice");
        QVERIFY(model.rowCount() < int(sockets.size()));

        // The next poll: 1,000 gone, 1,000 changed state, 1,000 new.
        std::vector<SocketRecord> next(sockets.begin() + 1000, sockets.end());
        for (std::size_t i = 0; i < 2000; i += 2) {
            if (next[i].state == TcpState::Established)
                next[i].state = TcpState::CloseWait;
        }
        const std::vector<SocketRecord> added = socketsFrom(200'001, 1000);
        next.insert(next.end(), added.begin(), added.end());
        model.applySnapshot(snapshotOf(2, next));
        QVERIFY(waitApplied(applied, 2));
        QCOMPARE(applied.size(), 2);
        QCOMPARE(applied.at(0).at(0).toULongLong(), quint64(1));

        const auto rows = rowsOf(model);
        QCOMPARE(rows.size(), next.size() + 1000); // and the 1,000 gone, shown once more as closing
        for (const SocketRecord &socket : next) {
            const auto row = rows.find(socket.cookie);
            QVERIFY(row != rows.cend());
            QCOMPARE(row->second.state, socket.state);
            QCOMPARE(row->second.localPort, socket.localPort);
        }
        for (quint64 cookie = 1; cookie <= 1000; ++cookie)
            QCOMPARE(rows.at(cookie).mark, Mark::Closing);
        QCOMPARE(rows.at(200'001).mark, Mark::New);
        QCOMPARE(proxy.rowCount(), model.rowCount());
        QVERIFY(sortedByProxy(proxy));
    }

    // Given before the one before had changed anything on show: that one is never shown, never
    // announced; the rows go straight from the first snapshot to the third, closing rows included.
    void snapshotInBetweenIsSkipped()
    {
        ConnectionTableModel model;
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&model);
        proxy.sort(ConnectionTableModel::LocalColumn, Qt::AscendingOrder);
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);

        model.applySnapshotNow(snapshotOf(1, socketsFrom(1, 300)));
        model.applySnapshot(snapshotOf(2, socketsFrom(101, 300))); // 1..100 gone, 301..400 new
        model.applySnapshot(snapshotOf(3, socketsFrom(201, 300))); // 1..200 gone, 301..500 new
        QVERIFY(waitApplied(applied, 3));
        QCOMPARE(applied.size(), 2);
        QCOMPARE(applied.at(1).at(0).toULongLong(), quint64(3));

        const auto rows = rowsOf(model);
        QCOMPARE(rows.size(), std::size_t(500));
        // Gone since the snapshot shown: closing, once.
        for (quint64 cookie = 1; cookie <= 200; ++cookie)
            QCOMPARE(rows.at(cookie).mark, Mark::Closing);
        for (quint64 cookie = 201; cookie <= 300; ++cookie)
            QCOMPARE(rows.at(cookie).mark, Mark::None);
        // New since the snapshot shown, whether or not the skipped one had them.
        for (quint64 cookie = 301; cookie <= 500; ++cookie)
            QCOMPARE(rows.at(cookie).mark, Mark::New);
        QVERIFY(sortedByProxy(proxy));

        model.applySnapshotNow(snapshotOf(4, socketsFrom(201, 300)));
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(proxy.rowCount(), 300);
        QVERIFY(sortedByProxy(proxy));
    }

    // The snapshot that had the socket is gone (the model holds only the latest): the closing row
    // shows its own copy of the record, then goes.
    void closingRowKeepsItsRecord()
    {
        ConnectionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<SocketRecord> sockets = socketsFrom(1, 10);
        sockets[3].receiveQueue = 4242;
        {
            const SocketSnapshot first = snapshotOf(1, sockets);
            model.applySnapshotNow(first);
        }
        const quint64 cookie = sockets[3].cookie;
        const QString local = sockets[3].localEndpoint();
        sockets.erase(sockets.begin() + 3);
        model.applySnapshotNow(snapshotOf(2, sockets));
        QCOMPARE(model.snapshot().generation(), quint64(2));
        const int row = model.rowOfCookie(cookie);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, 0).data(ConnectionTableModel::MarkRole).value<Mark>(), Mark::Closing);
        QCOMPARE(model.index(row, ConnectionTableModel::ReceiveQueueColumn).data().toUInt(), 4242u);
        QCOMPARE(model.index(row, ConnectionTableModel::LocalColumn).data().toString(), local);
        QVERIFY(model.index(row, ConnectionTableModel::StateColumn).data().toString().startsWith(u"×"_s));
        QCOMPARE(model.cookieAt(row), cookie);
        QVERIFY(model.rowText(row).contains(local));

        model.applySnapshotNow(snapshotOf(3, sockets));
        QCOMPARE(model.rowOfCookie(cookie), -1);
        QCOMPARE(model.rowCount(), int(sockets.size()));
    }

    // Every row of one owner shows the same text, stored once.
    void ownerTextsAreShared()
    {
        ConnectionTableModel model;
        model.applySnapshotNow(snapshotOf(1, socketsFrom(1, 300)));
        std::map<QString, const QChar *> storage;
        int owned = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString process = model.index(row, ConnectionTableModel::ProcessColumn).data().toString();
            const auto [at, added] = storage.emplace(process, process.constData());
            QCOMPARE(at->second, process.constData());
            owned += !model.index(row, 0).data(ConnectionTableModel::ProcessNameRole).toString().isEmpty();
        }
        QCOMPARE(storage.size(), std::size_t(4)); // three processes, and TIME-WAIT's reason
        QVERIFY(storage.contains(u"nginx (1001)"_s));
        QVERIFY(storage.contains(u"— (kernel only: TIME-WAIT)"_s));
        QCOMPARE(owned, 240);
    }

    void processColumnSortsWithoutCase()
    {
        ConnectionTableModel model;
        model.applySnapshotNow(snapshotOf(1, socketsFrom(1, 300)));
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&model);
        proxy.setFilterText(u"-state:time-wait"_s);
        proxy.sort(ConnectionTableModel::ProcessColumn, Qt::AscendingOrder);
        QStringList seen;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const QString command = proxy.index(row, 0).data(ConnectionTableModel::ProcessNameRole).toString();
            if (seen.isEmpty() || seen.constLast() != command)
                seen.append(command);
        }
        // Case-insensitive: "Zeta" after "nginx", where a plain comparison puts capitals first.
        QCOMPARE(seen, (QStringList{u"bash"_s, u"nginx"_s, u"Zeta"_s}));
        QVERIFY(sortedByProxy(proxy));
    }

    // A sort chosen while rows are being inserted: the rest come in the new order.
    void sortChangedWhileInserting()
    {
        ConnectionTableModel model;
        ConnectionFilterProxy proxy;
        proxy.setConnectionModel(&model);
        proxy.sort(ConnectionTableModel::RttColumn, Qt::AscendingOrder);
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);
        model.applySnapshot(snapshotOf(1, socketsFrom(1, 60'000)));
        QElapsedTimer timer;
        timer.start();
        while (model.rowCount() == 0 && timer.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents);
        proxy.sort(ConnectionTableModel::RemoteColumn, Qt::DescendingOrder);
        QVERIFY(waitApplied(applied, 1));
        QCOMPARE(proxy.rowCount(), 60'000);
        QVERIFY(sortedByProxy(proxy));
    }

    void clearForgetsWorkInProgress()
    {
        ConnectionTableModel model;
        QSignalSpy applied(&model, &ConnectionTableModel::snapshotApplied);
        model.applySnapshot(snapshotOf(1, socketsFrom(1, 1000)));
        model.clear();
        QVERIFY(!model.isApplying());
        QTest::qWait(50);
        QCOMPARE(applied.size(), 0);
        QCOMPARE(model.rowCount(), 0);
        model.applySnapshotNow(snapshotOf(2, socketsFrom(1, 10)));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(0, 0).data(ConnectionTableModel::MarkRole).value<Mark>(), Mark::None);
    }
};

QTEST_GUILESS_MAIN(TestConnectionTableApply)
#include "tst_connectiontableapply.moc"
