// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collect/snapshotsource.h"
#include "expectedtext.h"
#include "loopbacksockets.h"
#include "model/monotonicclock.h"
#include "models/connectiontablemodel.h"
#include "netlink/sockdiagclient.h"
#include "privatenetworknamespace.h"
#include "proc/socketownerresolver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace TcpLens;
namespace Sockets = TcpLens::Test::LoopbackSockets;

class TestConnectionTableModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<SnapshotSource> m_source;

    SocketSnapshot take()
    {
        auto snapshot = m_source->take({});
        if (!snapshot)
            qFatal("%s", qPrintable(snapshot.error()));
        return *snapshot;
    }

    static int rowWithLocalPort(const ConnectionTableModel &model, quint16 port, TcpState state)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            if (index.data(ConnectionTableModel::LocalPortRole).toUInt() == port &&
                index.data(ConnectionTableModel::StateRole).toInt() == int(state))
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto source = SnapshotSource::open();
        QVERIFY2(source.has_value(), TcpLens::Test::errorText(source).constData());
        m_source = std::move(*source);
    }

    void updatesIncrementallyAsSocketsComeAndGo()
    {
        ConnectionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        model.applySnapshotNow(take());
        const int listenRow = rowWithLocalPort(model, listener.port, TcpState::Listen);
        QVERIFY(listenRow >= 0);
        QCOMPARE(model.index(listenRow, ConnectionTableModel::StateColumn).data().toString(), u"LISTEN"_s);
        // A listener's Recv-Q and Send-Q are its accept queue's length and limit.
        QCOMPARE(model.index(listenRow, ConnectionTableModel::SendQueueColumn).data().toUInt(), 8u);

        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        auto server = Sockets::acceptOne(listener.fd.get(), 1s);
        QVERIFY(server);
        const int rowsBefore = model.rowCount();
        model.applySnapshotNow(take());
        QCOMPARE(model.rowCount(), rowsBefore + 2);
        const int serverRow = rowWithLocalPort(model, listener.port, TcpState::Established);
        QVERIFY(serverRow >= 0);
        QCOMPARE(model.index(serverRow, 0).data(ConnectionTableModel::MarkRole).value<ConnectionTableModel::Mark>(),
            ConnectionTableModel::Mark::New);
        // The listener's row stayed where it was: no reset, the view keeps its selection.
        QCOMPARE(rowWithLocalPort(model, listener.port, TcpState::Listen), listenRow);

        // Abort both ends (no TIME_WAIT): first shown as closing, then gone.
        const linger abort{1, 0};
        ::setsockopt(client.get(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        client.reset();
        server.reset();
        model.applySnapshotNow(take());
        QCOMPARE(model.rowCount(), rowsBefore + 2);
        QCOMPARE(model.index(serverRow, 0).data(ConnectionTableModel::MarkRole).value<ConnectionTableModel::Mark>(),
            ConnectionTableModel::Mark::Closing);
        QVERIFY(model.index(serverRow, ConnectionTableModel::StateColumn).data().toString().startsWith(u"×"_s));
        model.applySnapshotNow(take());
        QCOMPARE(model.rowCount(), rowsBefore);
        QCOMPARE(rowWithLocalPort(model, listener.port, TcpState::Established), -1);

        QCOMPARE(resets.size(), 0);
        QVERIFY(inserted.size() >= 2);
        QVERIFY(removed.size() >= 1);
    }

    void timeWaitRowLosesItsOwner()
    {
        auto [listener, client, server] = Sockets::connectedPair(u"127.0.0.1"_s);
        QVERIFY2(server, "no loopback connection: listen, connect or accept failed");
        const quint16 clientPort = Sockets::localPort(client.get());
        ConnectionTableModel model;
        model.applySnapshotNow(take());
        const int row = rowWithLocalPort(model, clientPort, TcpState::Established);
        QVERIFY(row >= 0);
        QVERIFY(model.index(row, ConnectionTableModel::ProcessColumn).data().toString().contains(u"tst_"_s));
        const quint64 cookie = model.index(row, 0).data(ConnectionTableModel::CookieRole).toULongLong();

        // The client closes first: its socket becomes a timewait socket with the same cookie (the
        // dump gave it one) and no inode; no process holds it any more. Rows of sockets that went
        // away meanwhile (the server's end) may move it up: it is found by its cookie.
        client.reset();
        QTest::qWait(20);
        server.reset();
        const auto timeWaitRow = [&] {
            const int at = model.rowOfCookie(cookie);
            return at >= 0 &&
                    TcpState(model.index(at, 0).data(ConnectionTableModel::StateRole).toInt()) == TcpState::TimeWait
                ? at
                : -1;
        };
        QTRY_VERIFY((model.applySnapshotNow(take()), timeWaitRow() >= 0));
        const int now = timeWaitRow();
        QCOMPARE(
            model.index(now, ConnectionTableModel::ProcessColumn).data().toString(), u"— (kernel only: TIME-WAIT)"_s);
        QVERIFY(model.index(now, ConnectionTableModel::UserColumn).data().toString().isEmpty());
    }

    // A socket that came and went between the dump and the walk of /proc (a short-lived connection
    // of a busy server) shows "not resolved yet", not "another user's process"; the User column
    // names the socket's uid. Made here for certain: the socket closes right after the dump.
    void ownerOfASocketGoneMeanwhileIsNotResolvedYet()
    {
        auto listener = Sockets::listen(u"127.0.0.1"_s, 8);
        QVERIFY(listener.fd);
        auto diag = SockDiagClient::open();
        QVERIFY2(diag.has_value(), TcpLens::Test::errorText(diag).constData());
        // Every poll re-reads all of /proc when an owner is missing, so a second poll has looked. A
        // poll before the connection, as in a running window: the first one knows nothing of races.
        SocketOwnerResolver resolver(u"/proc"_s, 0);
        auto before = diag->dump({});
        QVERIFY2(before.has_value(), TcpLens::Test::errorText(before).constData());
        resolver.resolve(before->sockets);

        // A connection made and closed between two polls, the dump of the next poll catching it.
        auto client = Sockets::connectTo(u"127.0.0.1"_s, listener.port);
        QVERIFY(Sockets::waitConnected(client.get(), 1s));
        const quint16 clientPort = Sockets::localPort(client.get());
        auto dump = diag->dump({});
        QVERIFY2(dump.has_value(), TcpLens::Test::errorText(dump).constData());
        Sockets::closeWithReset(client);

        const auto snapshotOf = [&](quint64 generation) {
            SocketSnapshot::Data data;
            data.generation = generation;
            data.monotonicNs = MonotonicClock::nowNs();
            data.owners = resolver.resolve(dump->sockets);
            data.ownersNotFoundYet = resolver.notFoundYet();
            for (const SocketRecord &socket : dump->sockets)
                data.userNames.insert(socket.uid, resolver.userName(socket.uid));
            data.ownersResolved = true;
            data.sockets = dump->sockets;
            return SocketSnapshot(std::move(data));
        };
        ConnectionTableModel model;
        model.applySnapshotNow(snapshotOf(1));
        const int row = rowWithLocalPort(model, clientPort, TcpState::Established);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, ConnectionTableModel::ProcessColumn).data().toString(), u"… (not resolved yet)"_s);
        QVERIFY(model.index(row, ConnectionTableModel::ProcessColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"came or went"_s));
        const QString user = model.index(row, ConnectionTableModel::UserColumn).data().toString();
        const passwd *entry = ::getpwuid(::geteuid());
        QCOMPARE(user, entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(::geteuid()));
        // The listener, still held, has its owner.
        const int listening = rowWithLocalPort(model, listener.port, TcpState::Listen);
        QVERIFY(listening >= 0);
        QVERIFY(model.index(listening, ConnectionTableModel::ProcessColumn).data().toString().contains(u"tst_"_s));

        // Were the socket still listed after a full re-read of /proc, no process we can read holds it.
        const SocketSnapshot later = snapshotOf(2);
        const auto socket = std::find_if(dump->sockets.cbegin(), dump->sockets.cend(),
            [&](const SocketRecord &record) { return record.localPort == clientPort; });
        QVERIFY(socket != dump->sockets.cend());
        OwnerAbsence absence = OwnerAbsence::HasOwner;
        QVERIFY(!later.owner(*socket, &absence));
        QCOMPARE(absence, OwnerAbsence::NotPermitted);
    }
};

TCPLENS_NETNS_TEST_MAIN(TestConnectionTableModel, QCoreApplication)

#include "tst_connectiontablemodel.moc"
