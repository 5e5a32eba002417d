// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// A lab watched like any other source, on the real kernel: tcplens-lab makes the namespace and runs
// a small scenario there; LabSource's dumps, counters and markers must come from that namespace and
// not from ours. Run as root (setns) and, as a second test entry, as an ordinary user (descriptors
// handed out by the helper).
#include "collect/networknamespace.h"
#include "netlink/sockdiagclient.h"
#include "pipeline/labsource.h"
#include "pipeline/liveconnections.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"
#include "sysctl/sysctlvalidator.h"
#include "sysctl/sysctlwriter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

// Three clients to a listener on port 7341; both ends are in the lab.
constexpr auto Scenario = R"({
  "format": 1,
  "name": "labsource-test",
  "title": "Three connections",
  "summary": "A listener and three clients.",
  "steps": [
    {"title": "Listen", "narration": "A listener on 7341.",
     "actions": [{"do": "listen", "name": "server", "port": 7341, "backlog": 8}],
     "wait": 0.2,
     "expect": [{"id": "limit", "text": "The accept queue's limit is the backlog", "check": "listener",
                 "port": 7341, "limit": {"eq": 8}}]},
    {"title": "Connect", "narration": "Three clients connect.",
     "actions": [{"do": "connect", "name": "clients", "port": 7341, "count": 3}],
     "wait": 0.5,
     "expect": [{"id": "established", "text": "Three connections are established on the server's side",
                 "check": "sockets", "state": "ESTABLISHED", "port": 7341, "side": "server", "eq": 3}]}
  ]
})";

bool hasLocalPort(const SocketSnapshot &snapshot, quint16 port, TcpState state)
{
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.localPort == port && socket.state == state)
            return true;
    }
    return false;
}

} // namespace

class TestLabSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (LabSource::findHelper().isEmpty() && QString::fromUtf8(TCPLENS_LAB_HELPER).isEmpty())
            QFAIL("tcplens-lab was not built: build the target tcplens-lab");
        QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
        m_scenarioPath = m_dir.filePath(u"labsource-test.json"_s);
        QFile file(m_scenarioPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(QByteArray(Scenario)) > 0);
    }

    void watchesTheLabNotThisMachine()
    {
        LabSource::Options options;
        options.helperProgram = QString::fromUtf8(TCPLENS_LAB_HELPER);
        options.scenario = m_scenarioPath;
        options.watch.collector.intervalMs = 100;
        options.watch.listenerIntervalMs = 100;
        auto owned = std::make_unique<LabSource>(options);
        LabSource *lab = owned.get();
        QSignalSpy loaded(lab, &LabSource::scenarioLoaded);
        QSignalSpy finished(lab, &LabSource::runFinished);
        QSignalSpy expectations(lab, &LabSource::expectationReported);
        QSignalSpy markers(lab, &ConnectionSource::markerAdded);
        QSignalSpy counters(lab, &ConnectionSource::countersSampled);
        QSignalSpy failures(lab, &ConnectionSource::failed);
        LiveConnections connections;
        connections.setSource(std::move(owned), LiveConnections::SourceChange::Fresh);

        QVERIFY2(loaded.wait(10'000),
            qPrintable(u"the helper never loaded the scenario: %1"_s.arg(
                failures.isEmpty() ? u"no error either"_s : failures.constFirst().constFirst().toString())));
        QCOMPARE(connections.description().kind, SourceDescription::Kind::Lab);
        QCOMPARE(connections.description().title, u"Three connections"_s);
        QCOMPARE(lab->inUserNamespace(), ::geteuid() != 0);
        lab->play();
        QVERIFY2(finished.wait(15'000), "the scenario never finished");
        QString report;
        for (const QList<QVariant> &event : std::as_const(expectations)) {
            const QJsonObject expectation = event.constFirst().toJsonObject();
            report += u"\n  %1: %2 (%3)"_s.arg(expectation.value("id"_L1).toString(),
                expectation.value("verdict"_L1).toString(), expectation.value("observed"_L1).toString());
        }
        QVERIFY2(finished.constFirst().at(0).toBool(), qPrintable(u"the kernel disagreed:"_s + report));
        QCOMPARE(markers.size(), 2); // one per step

        // The pipeline's dumps are the lab's: its listener and the three connections, in a namespace
        // that is not ours.
        QTRY_VERIFY_WITH_TIMEOUT(hasLocalPort(connections.latest(), 7341, TcpState::Listen) &&
                hasLocalPort(connections.latest(), 7341, TcpState::Established),
            5000);
        QVERIFY(connections.latest().netnsInode() != NetworkNamespace::currentInode());
        auto ours = SockDiagClient::open();
        if (!ours)
            QFAIL(qPrintable(ours.error()));
        auto here = ours->dump({});
        if (!here)
            QFAIL(qPrintable(here.error()));
        for (const SocketRecord &socket : here->sockets)
            QVERIFY2(socket.localPort != 7341, "the lab's listener showed up in this process's namespace");
        // Counters come from the lab's /proc/PID/net: its namespace counted three passive opens.
        QTRY_VERIFY_WITH_TIMEOUT(!counters.isEmpty(), 5000);
        bool sawPassiveOpens = false;
        for (const QList<QVariant> &sample : std::as_const(counters)) {
            for (const CounterChange &change : sample.at(1).value<QList<CounterChange>>()) {
                if (change.name == "Tcp.PassiveOpens" && change.value == 3)
                    sawPassiveOpens = true;
            }
        }
        QVERIFY2(sawPassiveOpens, "the lab's Tcp.PassiveOpens (3) never reached the counters");

        // What the sysctl panel does: write and read the lab's own value, through the helper's
        // descriptors where this process may not enter the namespace. Ours stays as it was.
        auto catalog = SysctlCatalog::builtIn();
        QVERIFY(catalog);
        const SysctlEntry *finTimeout = catalog->find(u"net.ipv4.tcp_fin_timeout");
        QVERIFY(finTimeout);
        const SysctlReader hostReader;
        const auto hostBefore = hostReader.readText(*finTimeout);
        QVERIFY(hostBefore);
        const QString netns = connections.description().netns;
        const auto broker = lab->descriptorBroker();
        QCOMPARE(broker != nullptr, lab->inUserNamespace());
        SysctlWriter writer = broker ? SysctlWriter(netns, broker) : SysctlWriter(netns);
        const QString wanted = *hostBefore == u"7"_s ? u"9"_s : u"7"_s;
        const auto value = SysctlValidator::validate(*finTimeout, wanted).value;
        QVERIFY(value);
        const auto change = writer.write(*finTimeout, *value);
        if (!change)
            QFAIL(qPrintable(u"the lab's tcp_fin_timeout could not be written: "_s + change.error()));
        QCOMPARE(change->newValue, wanted);
        const auto labReadings = (broker ? SysctlReader(broker) : SysctlReader()).read({finTimeout}, netns);
        if (!labReadings)
            QFAIL(qPrintable(labReadings.error()));
        QCOMPARE(labReadings->constFirst().current, wanted);
        QVERIFY(labReadings->constFirst().writable);
        QCOMPARE(hostReader.readText(*finTimeout).value_or(QString()), *hostBefore);
    }

private:
    QTemporaryDir m_dir;
    QString m_scenarioPath;
};

QTEST_GUILESS_MAIN(TestLabSource)
#include "tst_labsource.moc"
