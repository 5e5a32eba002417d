// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The readings on recorded snapshots: sock_diag bytes a real kernel sent (tests/data/, made by
// capture_sockdiag), decoded as a collector would, with a history built the way the pipeline builds it.
// The kernel side, each rule provoked on live sockets, is tst_doctor's.
#include "capturedsockdiag.h"
#include "diagnosis/diagnoser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
namespace Captured = TcpLens::Test::CapturedSockDiag;

namespace {

constexpr qint64 Second = 1'000'000'000;

QString data(const QString &name)
{
    return QFINDTESTDATA(u"data/"_s + name);
}

// The built-in rules with some thresholds changed: rules are data, and a test may tune them.
DiagnosisRuleSet rulesWith(const QString &id, const QJsonObject &thresholds)
{
    QFile file(u":/diagnosis/rules.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no built-in rules");
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QJsonArray rules = root.value(u"rules"_s).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        QJsonObject rule = rules.at(i).toObject();
        if (rule.value(u"id"_s).toString() == id) {
            rule.insert(u"thresholds"_s, thresholds);
            rules.replace(i, rule);
        }
    }
    root.insert(u"rules"_s, rules);
    auto parsed = DiagnosisRuleSet::parse(QJsonDocument(root).toJson());
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error()));
    return *parsed;
}

// A copy of `snapshot` with its sockets passed through `edit` (to say what another moment showed).
SocketSnapshot edited(const SocketSnapshot &snapshot, quint64 generation, qint64 monotonicNs,
    const std::function<bool(SocketRecord &)> &edit)
{
    SocketSnapshot::Data d;
    d.generation = generation;
    d.monotonicNs = monotonicNs;
    d.takenAt = snapshot.takenAt().addMSecs((monotonicNs - snapshot.monotonicNs()) / 1'000'000);
    for (SocketRecord socket : snapshot.sockets()) {
        if (edit(socket))
            d.sockets.push_back(socket);
    }
    for (const ListenerQueue &queue : snapshot.listeners()) {
        for (std::size_t i = 0; i < d.sockets.size(); ++i) {
            if (d.sockets[i].cookie == queue.cookie) {
                ListenerQueue copy = queue;
                copy.socketIndex = int(i);
                d.listeners.append(copy);
            }
        }
    }
    return SocketSnapshot(std::move(d));
}

QList<quint64> cookiesWhere(const SocketSnapshot &snapshot, const std::function<bool(const SocketRecord &)> &pick)
{
    QList<quint64> cookies;
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (pick(socket))
            cookies.append(socket.cookie);
    }
    return cookies;
}

QList<quint64> sorted(QList<quint64> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

int indexOf(const SocketSnapshot &snapshot, quint64 cookie)
{
    for (std::size_t i = 0; i < snapshot.sockets().size(); ++i) {
        if (snapshot.sockets()[i].cookie == cookie)
            return int(i);
    }
    return -1;
}

QString readingText(const SocketReading &reading)
{
    QStringList texts;
    for (const DiagnosisSentence &sentence : reading.sentences)
        texts.append(sentence.text);
    return texts.join(u' ');
}

} // namespace

class TestDiagnoser : public QObject
{
    Q_OBJECT

private:
    SocketSnapshot m_first;
    SocketSnapshot m_second;

private Q_SLOTS:
    void initTestCase()
    {
        m_first = Captured::snapshot({data(u"diagnosis-1.bin"_s)}, 1, 100 * Second);
        m_second = Captured::snapshot({data(u"diagnosis-2.bin"_s)}, 2, 101 * Second + Second / 2);
        QVERIFY2(!m_first.isNull() && !m_second.isNull(),
            "tests/data/diagnosis-*.bin missing or not decodable: capture them again (tests/data/README.md)");
    }

    // A listener with backlog 1 holding 2 unaccepted connections, and the two handshakes whose final
    // ACKs it dropped: the accept queue is full, and the requests are held back, not unanswered.
    void overflowingListener()
    {
        DiagnosisHistory history;
        history.addSnapshot(m_first);
        history.addSnapshot(m_second);
        const DiagnosisReport report = Diagnoser().diagnose(m_second, history);
        const auto fullListeners = cookiesWhere(m_second,
            [](const SocketRecord &s) { return s.state == TcpState::Listen && s.receiveQueue > s.sendQueue; });
        QCOMPARE(fullListeners.size(), 1);
        const DiagnosisProblem *full = report.find(u"accept-queue-full"_s);
        QVERIFY(full);
        QCOMPARE(full->cookies, fullListeners);
        const int listener = indexOf(m_second, fullListeners.constFirst());
        const quint16 port = m_second.sockets()[std::size_t(listener)].localPort;
        const auto requests =
            cookiesWhere(m_second, [&](const SocketRecord &s) { return s.hasFlag(IsRequest) && s.localPort == port; });
        QVERIFY2(!requests.isEmpty(), "the capture holds no request sockets of the full listener");
        const DiagnosisProblem *held = report.find(u"acked-requests"_s);
        QVERIFY(held);
        QCOMPARE(sorted(held->cookies), sorted(requests));
        QVERIFY2(!report.find(u"synack-unanswered"_s), "requests of a full listener are held, not unanswered");
        // The most severe come first, and the full listener was full since the first snapshot.
        QCOMPARE(report.problems.constFirst().severity, DiagnosisRule::Severity::Error);
        QCOMPARE(full->sinceNs, m_first.monotonicNs());
        QVERIFY(full->sinceAtLeast);
        QVERIFY2(full->summary.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(full->summary));
        QVERIFY2(
            full->summary.contains(u"holds 2"_s) && full->summary.contains(u"limit is 1"_s), qPrintable(full->summary));

        const SocketReading listenerReading = Diagnoser().explain(m_second, listener, history);
        QCOMPARE(listenerReading.ruleIds, QStringList{u"accept-queue-full"_s});
        QVERIFY(listenerReading.severity == DiagnosisRule::Severity::Error);
        QVERIFY(std::any_of(listenerReading.sentences.cbegin(), listenerReading.sentences.cend(), [](const auto &s) {
            return s.evidence.contains(
                DiagnosisEvidence{DiagnosisEvidence::Kind::Listener, u"acceptQueue"_s, u"Accept queue"_s, u"2 of 1"_s});
        }));
        // The request's other end is in the capture: a client that believes it is connected.
        const SocketReading request = Diagnoser().explain(m_second, indexOf(m_second, requests.constFirst()), history);
        QVERIFY2(readingText(request).contains(u"its side: ESTABLISHED"_s), qPrintable(readingText(request)));
    }

    // CLOSE-WAIT becomes a problem only once it lasted; tcp_info's last ACK dates it at first sight.
    void closeWaitNeedsTime()
    {
        const auto closeWait =
            cookiesWhere(m_second, [](const SocketRecord &s) { return s.state == TcpState::CloseWait; });
        QCOMPARE(closeWait.size(), 1);
        // The recorded bytes do not age: tcp_info says 1.5 s idle however late we read them, so the
        // test asks for 1 s of idleness and 5 s in the state.
        const Diagnoser diagnoser(rulesWith(u"close-wait-leak"_s, {{u"minSeconds"_s, 5}, {u"idleSeconds"_s, 1}}));
        DiagnosisHistory history;
        history.addSnapshot(m_first);
        history.addSnapshot(m_second);
        QVERIFY(!diagnoser.diagnose(m_second, history).has(u"close-wait-leak"_s));
        const SocketSnapshot later = edited(m_second, 3, 110 * Second, [](SocketRecord &) { return true; });
        history.addSnapshot(later);
        const DiagnosisReport report = diagnoser.diagnose(later, history);
        const DiagnosisProblem *leak = report.find(u"close-wait-leak"_s);
        QVERIFY(leak);
        QCOMPARE(leak->cookies, closeWait);
        QCOMPARE(leak->sinceNs, m_first.monotonicNs()); // here at first sight, so at least since then
        QVERIFY(leak->sinceAtLeast);
        const auto age =
            history.stateAge(later.sockets()[std::size_t(indexOf(later, closeWait[0]))], later.monotonicNs());
        QVERIFY2(age.seconds >= 10 && age.atLeast, qPrintable(QString::number(age.seconds)));
    }

    // A socket seen in another state before: its time in this state starts when the change was seen,
    // not at first sight, and tcp_info cannot make it older.
    void stateChangedBetweenDumpAndReading()
    {
        const auto closeWait =
            cookiesWhere(m_second, [](const SocketRecord &s) { return s.state == TcpState::CloseWait; });
        QCOMPARE(closeWait.size(), 1);
        const SocketSnapshot before = edited(m_second, 1, 100 * Second, [&](SocketRecord &s) {
            if (s.cookie == closeWait[0])
                s.state = TcpState::Established;
            return true;
        });
        const SocketSnapshot after = edited(m_second, 2, 110 * Second, [](SocketRecord &) { return true; });
        DiagnosisHistory history;
        history.addSnapshot(before);
        history.addSnapshot(after);
        const auto age =
            history.stateAge(after.sockets()[std::size_t(indexOf(after, closeWait[0]))], after.monotonicNs());
        QCOMPARE(age.seconds, 0.0);
        QVERIFY(!age.atLeast);
        const Diagnoser diagnoser(rulesWith(u"close-wait-leak"_s, {{u"minSeconds"_s, 5}, {u"idleSeconds"_s, 1}}));
        QVERIFY(!diagnoser.diagnose(after, history).has(u"close-wait-leak"_s));
        // And the reverse: a cookie the snapshot no longer has is forgotten by the history.
        const SocketSnapshot gone =
            edited(after, 3, 111 * Second, [&](SocketRecord &s) { return s.cookie != closeWait[0]; });
        history.addSnapshot(gone);
        const auto fresh = history.stateAge(after.sockets()[std::size_t(indexOf(after, closeWait[0]))], 111 * Second);
        QVERIFY(fresh.atLeast);
    }

    void orphanedFinWait2()
    {
        DiagnosisHistory history;
        history.addSnapshot(m_second);
        const DiagnosisReport report = Diagnoser().diagnose(m_second, history);
        const DiagnosisProblem *orphans = report.find(u"orphan-fin-wait2"_s);
        QVERIFY(orphans);
        QCOMPARE(orphans->cookies, cookiesWhere(m_second, [](const SocketRecord &s) {
            return s.state == TcpState::FinWait2 && s.inode == 0;
        }));
        QCOMPARE(orphans->severity, DiagnosisRule::Severity::Info);
    }

    // Timewait and request sockets carry no tcp_info (inet_twsk_diag_fill(), inet_req_diag_fill()):
    // their readings say so rather than invent numbers, and no placeholder is left unfilled.
    void everySocketReadsWithoutHoles_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : {u"sockdiag-inet.bin"_s, u"sockdiag-inet6.bin"_s, u"diagnosis-2.bin"_s})
            QTest::addRow("%s", qPrintable(file)) << file;
    }

    void everySocketReadsWithoutHoles()
    {
        QFETCH(QString, file);
        const SocketSnapshot snapshot = Captured::snapshot({data(file)}, 1, 50 * Second);
        QVERIFY(!snapshot.isNull());
        DiagnosisHistory history;
        history.addSnapshot(snapshot);
        const Diagnoser diagnoser;
        int withoutInfo = 0;
        for (int i = 0; i < int(snapshot.sockets().size()); ++i) {
            const SocketRecord &socket = snapshot.sockets()[std::size_t(i)];
            const SocketReading reading = diagnoser.explain(snapshot, i, history);
            QCOMPARE(reading.cookie, socket.cookie);
            QVERIFY2(!reading.sentences.isEmpty(), stateRfcName(socket.displayState()).data());
            const QString text = readingText(reading);
            QVERIFY2(!text.contains(u'{') && !text.contains(u'}'), qPrintable(text));
            if (socket.info.isPresent())
                continue;
            ++withoutInfo;
            for (const DiagnosisSentence &sentence : reading.sentences) {
                for (const DiagnosisEvidence &evidence : sentence.evidence) {
                    if (evidence.kind == DiagnosisEvidence::Kind::TcpInfo)
                        QVERIFY2(evidence.value.startsWith(u"not reported"_s), qPrintable(evidence.value));
                }
            }
        }
        QVERIFY2(withoutInfo > 0, "the capture should hold timewait or request sockets");
        for (const DiagnosisProblem &problem : diagnoser.diagnose(snapshot, history).problems)
            QVERIFY2(!problem.summary.contains(u'{') && !problem.fix.contains(u'{'), qPrintable(problem.summary));
    }

    void healthyNamespaceReportsNothing()
    {
        const SocketSnapshot captured = Captured::snapshot({data(u"sockdiag-inet6.bin"_s)}, 1, 50 * Second);
        const SocketSnapshot healthy = edited(captured, 1, 50 * Second, [](SocketRecord &s) {
            return s.state == TcpState::Established || (s.state == TcpState::Listen && s.receiveQueue == 0);
        });
        QVERIFY(healthy.sockets().size() >= 2);
        DiagnosisHistory history;
        history.addSnapshot(healthy);
        history.addSnapshot(edited(healthy, 2, 500 * Second, [](SocketRecord &) { return true; }));
        const DiagnosisReport report = Diagnoser().diagnose(healthy, history);
        QVERIFY2(report.isEmpty(), qPrintable(report.isEmpty() ? QString() : report.problems.constFirst().ruleId));
    }

    // When connect() gives up, from the sysctls in force: measured in docs/kernel-notes.md (B3).
    void synSentGiveUpFollowsTheSysctls_data()
    {
        QTest::addColumn<QString>("synRetries");
        QTest::addColumn<QString>("linear");
        QTest::addColumn<QString>("giveUp");
        QTest::addRow("defaults 6/4") << u"6"_s << u"4"_s << u"131 s"_s;
        QTest::addRow("2/4") << u"2"_s << u"4"_s << u"7.0 s"_s;
        QTest::addRow("2/0") << u"2"_s << u"0"_s << u"7.0 s"_s;
        QTest::addRow("1/0") << u"1"_s << u"0"_s << u"3.0 s"_s;
        QTest::addRow("6, no linear timeouts (before 6.5)") << u"6"_s << QString() << u"127 s"_s;
    }

    void synSentGiveUpFollowsTheSysctls()
    {
        QFETCH(QString, synRetries);
        QFETCH(QString, linear);
        QFETCH(QString, giveUp);
        // One recorded client socket, as it would read in SYN-SENT after two unanswered SYNs.
        bool first = true;
        const SocketSnapshot snapshot = edited(m_second, 1, 100 * Second, [&](SocketRecord &s) {
            if (!first || s.state != TcpState::Established)
                return false;
            first = false;
            s.state = TcpState::SynSent;
            s.timer = TimerKind::Retransmit;
            s.timerRetransmits = 2;
            return true;
        });
        QCOMPARE(snapshot.sockets().size(), std::size_t(1));
        DiagnosisHistory history;
        history.setSysctls(
            {{u"net.ipv4.tcp_syn_retries"_s, synRetries}, {u"net.ipv4.tcp_syn_linear_timeouts"_s, linear}});
        history.addSnapshot(snapshot);
        const DiagnosisReport report = Diagnoser().diagnose(snapshot, history);
        const DiagnosisProblem *problem = report.find(u"syn-sent-unanswered"_s);
        QVERIFY(problem);
        QVERIFY2(problem->summary.endsWith(u"fails after about "_s + giveUp), qPrintable(problem->summary));
    }
};

QTEST_GUILESS_MAIN(TestDiagnoser)

#include "tst_diagnoser.moc"
