// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The owner lookup on a /proc of its own making (the resolver takes its /proc root as an argument):
// few processes, read on the calling thread, and many, read on several threads, with the first walk
// started before the "dump" or not; each must find every owner exactly once, and a one-shot
// lookup must read every process once, not twice, when a socket has no owner to be found; a dump
// without sockets that have files stops the first walk.
#include "proc/socketownerresolver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <dirent.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

constexpr qint32 FirstPid = 1000;
constexpr quint32 NobodysInode = 999'999;

// /proc/PID/comm and /proc/PID/fd/N links as the kernel shows them: `sockets` socket links per
// process among a pipe and /dev/null, inodes numbered from the pid.
bool makeProcess(const QString &root, qint32 pid, int sockets)
{
    const QString folder = root + u'/' + QString::number(pid);
    if (!QDir().mkpath(folder + u"/fd"_s))
        return false;
    QFile comm(folder + u"/comm"_s);
    if (!comm.open(QIODevice::WriteOnly) || comm.write("proc-" + QByteArray::number(pid) + '\n') < 0)
        return false;
    const auto link = [&](int fd, const QByteArray &target) {
        return ::symlink(target.constData(), QFile::encodeName(folder + u"/fd/"_s + QString::number(fd)).constData()) ==
            0;
    };
    bool ok = link(0, "/dev/null") && link(1, "pipe:[7]") && link(2, "anon_inode:[eventfd]");
    for (int i = 0; i < sockets; ++i)
        ok = ok && link(3 + i, "socket:[" + QByteArray::number(quint32(pid) * 1000 + quint32(i)) + ']');
    return ok;
}

SocketRecord socketWithInode(quint32 inode)
{
    SocketRecord socket;
    socket.family = 2;
    socket.state = TcpState::Established;
    socket.inode = inode;
    return socket;
}

} // namespace

class TestSocketOwnerResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsEveryOwnerOnce_data()
    {
        QTest::addColumn<int>("processes");
        QTest::addColumn<bool>("firstReadStarted");
        QTest::addRow("3 processes, on the calling thread") << 3 << false;
        QTest::addRow("3 processes, first read started") << 3 << true;
        QTest::addRow("40 processes, on threads") << 40 << false;
        QTest::addRow("40 processes, first read started on threads") << 40 << true;
    }

    void findsEveryOwnerOnce()
    {
        QFETCH(int, processes);
        QFETCH(bool, firstReadStarted);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        std::vector<SocketRecord> sockets;
        for (int n = 0; n < processes; ++n) {
            const qint32 pid = FirstPid + n;
            // Some processes hold many sockets, most few: what the threads share out.
            const int count = n % 10 == 0 ? 300 : 5;
            QVERIFY(makeProcess(root.path(), pid, count));
            for (int i = 0; i < count; ++i)
                sockets.push_back(socketWithInode(quint32(pid) * 1000 + quint32(i)));
        }
        // Timewait sockets have no inode; one socket's process is not in this /proc at all.
        sockets.push_back(socketWithInode(0));
        sockets.push_back(socketWithInode(NobodysInode));

        SocketOwnerResolver resolver(root.path());
        if (firstReadStarted)
            resolver.startFirstRead();
        const SocketOwners owners = resolver.resolve(sockets);

        QCOMPARE(owners.pidByInode.size(), qsizetype(sockets.size()) - 2);
        QCOMPARE(owners.byPid.size(), processes);
        for (const SocketRecord &socket : sockets) {
            if (socket.inode == 0 || socket.inode == NobodysInode)
                continue;
            const qint32 pid = qint32(socket.inode / 1000);
            const SocketOwner *owner = owners.find(socket.inode);
            QVERIFY(owner);
            QCOMPARE(owner->pid, pid);
            QCOMPARE(owner->command, u"proc-%1"_s.arg(pid));
            QCOMPARE(owner->uid, quint32(::getuid()));
        }
        QVERIFY(!owners.find(NobodysInode));
        QCOMPARE(resolver.notFoundYet(), QSet<quint32>{NobodysInode});
        // Every process read once: the first lookup is a full read, so the missing owner does not
        // make it read everything a second time.
        QCOMPARE(resolver.statistics().processesRead, processes);
        QCOMPARE(resolver.statistics().fullRescans, 0);

        // The next lookup reads nothing new: nothing changed.
        resolver.resolve(sockets);
        QCOMPARE(resolver.statistics().processesRead, 0);
    }

    // A dump with no socket a file refers to (an empty namespace) needs no owner: the first read
    // begun beside it stops, and the first lookup with sockets reads every process itself.
    void socketsWithoutFilesStopTheFirstRead()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        std::vector<SocketRecord> sockets;
        for (int n = 0; n < 40; ++n) {
            QVERIFY(makeProcess(root.path(), FirstPid + n, 2));
            sockets.push_back(socketWithInode(quint32(FirstPid + n) * 1000));
        }
        SocketOwnerResolver resolver(root.path());
        resolver.startFirstRead();
        const SocketOwners none = resolver.resolve({socketWithInode(0)});
        QVERIFY(none.pidByInode.isEmpty());
        QCOMPARE(resolver.statistics().processesRead, 0);
        resolver.startFirstRead(); // once only: this one does nothing
        const SocketOwners owners = resolver.resolve(sockets);
        QCOMPARE(resolver.statistics().processesRead, 40);
        for (const SocketRecord &socket : sockets) {
            QVERIFY(owners.find(socket.inode));
            QCOMPARE(owners.find(socket.inode)->pid, qint32(socket.inode / 1000));
        }
    }

    // A socket two processes hold (shared across fork()) belongs to the one listed first in /proc,
    // as when the processes are read one by one, whichever thread read which process.
    void sharedSocketKeepsTheFirstListedOwner()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        std::vector<SocketRecord> sockets;
        for (int n = 0; n < 40; ++n) {
            // The later process holds many more files: the threads read it first.
            QVERIFY(makeProcess(root.path(), FirstPid + n, n == 30 ? 2000 : 3));
            for (int i = 0; i < 3; ++i)
                sockets.push_back(socketWithInode(quint32(FirstPid + n) * 1000 + quint32(i)));
        }
        constexpr quint32 Shared = 1'000'000'000;
        for (const qint32 pid : {FirstPid + 3, FirstPid + 30}) {
            const QString link = root.path() + u"/%1/fd/9999"_s.arg(pid);
            QVERIFY(::symlink("socket:[1000000000]", QFile::encodeName(link).constData()) == 0);
        }
        sockets.push_back(socketWithInode(Shared));
        qint32 listedFirst = 0;
        DIR *dir = ::opendir(QFile::encodeName(root.path()).constData());
        QVERIFY(dir);
        while (const dirent *entry = ::readdir(dir)) {
            const QByteArray name(entry->d_name);
            if (!listedFirst && (name == QByteArray::number(FirstPid + 3) || name == QByteArray::number(FirstPid + 30)))
                listedFirst = name.toInt();
        }
        ::closedir(dir);
        for (int attempt = 0; attempt < 10; ++attempt) {
            SocketOwnerResolver resolver(root.path());
            const SocketOwners owners = resolver.resolve(sockets);
            QVERIFY(owners.find(Shared));
            QCOMPARE(owners.find(Shared)->pid, listedFirst);
        }
    }
};

QTEST_GUILESS_MAIN(TestSocketOwnerResolver)
#include "tst_socketownerresolver.moc"
