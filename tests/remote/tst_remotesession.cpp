// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// A RemoteSource in a LiveConnections, against a real sshd serving the built `tcplens agent`
// (tests/remote/withsshd.sh makes it, with a listener on the sshd's side): the listener arrives
// through ssh, the agent process maps no Qt Gui or Widgets, killing the agent there gives a failed()
// a person can act on and keeps what was seen, and a new session (SourceChange::SameKernel) sees the
// listener again. A wrong port fails with ssh's own reason. Skips without withsshd.sh's environment.
#include "agentprocesses.h"
#include "pipeline/liveconnections.h"
#include "pipeline/remotesource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using TcpLens::Test::agentProcesses;

namespace {

constexpr int TimeoutMs = 20000;

bool hasListener(const SocketSnapshot &snapshot, quint16 port)
{
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.state == TcpState::Listen && socket.localPort == port)
            return true;
    }
    return false;
}

} // namespace

class TestRemoteSession : public QObject
{
    Q_OBJECT

private:
    std::optional<RemoteSource::Options> m_options;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("TCPLENS_TEST_REMOTE"))
            QSKIP("run through tests/remote/withsshd.sh (ctest -L remote)");
        m_options = RemoteSource::parseDestination(qEnvironmentVariable("TCPLENS_TEST_REMOTE"));
        QVERIFY(m_options);
        m_options->intervalMs = 100;
        m_port = quint16(qEnvironmentVariableIntValue("TCPLENS_TEST_LISTENER_PORT"));
        QVERIFY(m_port != 0);
    }

    void watchesKillsAndReconnects()
    {
        LiveConnections connections;
        QSignalSpy failures(&connections, &LiveConnections::failed);
        auto first = std::make_unique<RemoteSource>(*m_options);
        RemoteSource *source = first.get();
        QSignalSpy connected(source, &RemoteSource::connected);
        QSignalSpy disconnected(source, &RemoteSource::disconnected);
        connections.setSource(std::move(first), LiveConnections::SourceChange::Fresh);
        QTRY_VERIFY_WITH_TIMEOUT(hasListener(connections.latest(), m_port), TimeoutMs);
        QVERIFY(failures.isEmpty());

        // Who is there: the agent's own host name and kernel, live, no sysctl writes.
        QCOMPARE(connected.size(), 1);
        const SourceDescription description = connections.description();
        QCOMPARE(description.kind, SourceDescription::Kind::Remote);
        QVERIFY(!description.host.isEmpty());
        QVERIFY(!description.kernel.isEmpty());
        QVERIFY(connections.capabilities().live);
        QVERIFY(!connections.capabilities().sysctlWrites);

        // The agent that serves us maps Qt Core and the core, never Qt Gui or Widgets.
        const QList<qint64> agents = agentProcesses();
        QCOMPARE(agents.size(), 1);
        QFile maps(u"/proc/%1/maps"_s.arg(agents.first()));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("libQt6Core"));
        QVERIFY2(!mapped.contains("libQt6Gui"), "the agent maps Qt Gui");
        QVERIFY2(!mapped.contains("libQt6Widgets"), "the agent maps Qt Widgets");

        // Killed there: one sentence that names the host; what was seen stays.
        const quint64 generationBefore = connections.latest().generation();
        QCOMPARE(QProcess::execute(u"pkill"_s,
                     {u"--ns"_s, QString::number(::getpid()), u"--nslist"_s, u"net"_s, u"-f"_s, u"tcplens-agent"_s}),
            0);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, TimeoutMs);
        QVERIFY(!failures.isEmpty());
        const QString message = failures.constLast().constFirst().toString();
        QVERIFY2(message.contains(u"127.0.0.1"_s), qPrintable(message));
        qInfo("failure: %s", qPrintable(message));
        QVERIFY(hasListener(connections.latest(), m_port));
        QVERIFY(!connections.status().failure.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(agentProcesses().isEmpty(), TimeoutMs);

        // Reconnected: a new session of the same kernel; its generations start again.
        QSignalSpy applied(&connections, &LiveConnections::snapshotApplied);
        auto second = std::make_unique<RemoteSource>(source->options());
        connections.setSource(std::move(second), LiveConnections::SourceChange::SameKernel);
        QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() && hasListener(connections.latest(), m_port), TimeoutMs);
        QVERIFY(connections.latest().generation() <= generationBefore + 1);
        QCOMPARE(agentProcesses().size(), 1);

        // Gone with the source: stdin's end (ssh closed) ends the agent there.
        connections.setSource(nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(agentProcesses().isEmpty(), TimeoutMs);
    }

    void sshFailureSaysWhy()
    {
        RemoteSource::Options options = *m_options;
        options.port = 1; // nothing listens there
        LiveConnections connections;
        QSignalSpy failures(&connections, &LiveConnections::failed);
        connections.setSource(std::make_unique<RemoteSource>(options));
        QTRY_VERIFY_WITH_TIMEOUT(!failures.isEmpty(), TimeoutMs);
        const QString message = failures.constFirst().constFirst().toString();
        qInfo("failure: %s", qPrintable(message));
        QVERIFY2(message.startsWith(u"ssh to 127.0.0.1 failed: "_s), qPrintable(message));
        QVERIFY2(message.contains(u"Connection refused"_s), qPrintable(message));
        QVERIFY2(message.contains(u"tcplens agent`"_s), qPrintable(message));
    }

    void wrongKeySaysWhy()
    {
        // The same sshd, but no key it accepts: ssh's own words, and what to try.
        const QByteArray ssh = qgetenv("TCPLENS_SSH");
        qputenv("TCPLENS_SSH",
            "ssh -F none -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
            "-o IdentitiesOnly=yes -i /nonexistent-key");
        LiveConnections connections;
        QSignalSpy failures(&connections, &LiveConnections::failed);
        connections.setSource(std::make_unique<RemoteSource>(*m_options));
        QTRY_VERIFY_WITH_TIMEOUT(!failures.isEmpty(), TimeoutMs);
        qputenv("TCPLENS_SSH", ssh);
        const QString message = failures.constFirst().constFirst().toString();
        qInfo("failure: %s", qPrintable(message));
        QVERIFY2(message.startsWith(u"ssh to 127.0.0.1 failed: "_s), qPrintable(message));
        QVERIFY2(message.contains(u"Permission denied (publickey)"_s), qPrintable(message));
    }

    void wrongProgramSaysWhy()
    {
        // Something that answers, but not an agent: the stream's error, not a hang.
        const QByteArray agent = qgetenv("TCPLENS_REMOTE_AGENT");
        qputenv("TCPLENS_REMOTE_AGENT", "echo hello from a login script");
        LiveConnections connections;
        QSignalSpy failures(&connections, &LiveConnections::failed);
        connections.setSource(std::make_unique<RemoteSource>(*m_options));
        QTRY_VERIFY_WITH_TIMEOUT(!failures.isEmpty(), TimeoutMs);
        const QString message = failures.constFirst().constFirst().toString();
        qInfo("failure: %s", qPrintable(message));
        qputenv("TCPLENS_REMOTE_AGENT", agent);
        QVERIFY2(message.contains(u"not a TCP Lens agent stream (it begins with \"hello from a login script"_s),
            qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestRemoteSession)
#include "tst_remotesession.moc"
