// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The filter bar's language: what each term selects, and what it refuses with a reason.
#include "model/socketrecord.h"
#include "models/connectionfilter.h"

#include <QTest>

#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

SocketRecord record(TcpState state, quint16 localPort, quint16 remotePort)
{
    SocketRecord socket;
    socket.family = AF_INET;
    socket.state = state;
    socket.localAddress = {10, 0, 0, 1};
    socket.remoteAddress = {192, 168, 7, 20};
    socket.localPort = localPort;
    socket.remotePort = remotePort;
    return socket;
}

} // namespace

class TestConnectionFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("expected");
        const int estab = int(TcpState::Established);
        const int timeWait = int(TcpState::TimeWait);
        const int request = int(TcpState::NewSynRecv);
        QTest::addRow("empty") << u""_s << estab << true;
        QTest::addRow("state ss name") << u"state:ESTAB"_s << estab << true;
        QTest::addRow("state prefix") << u"state:estab"_s << estab << true;
        QTest::addRow("state rfc name") << u"state:established"_s << estab << true;
        QTest::addRow("state other") << u"state:listen"_s << estab << false;
        QTest::addRow("time_wait spelling") << u"state:time_wait"_s << timeWait << true;
        QTest::addRow("timewait spelling") << u"s:timewait"_s << timeWait << true;
        QTest::addRow("request is syn-recv") << u"state:syn-recv"_s << request << true;
        QTest::addRow("alternatives") << u"state:listen state:estab"_s << estab << true;
        QTest::addRow("negated state") << u"-state:estab"_s << estab << false;
        QTest::addRow("port either end") << u"port:443"_s << estab << true;
        QTest::addRow("port local only") << u"lport:443"_s << estab << false;
        QTest::addRow("port remote only") << u"rport:443"_s << estab << true;
        QTest::addRow("address") << u"addr:192.168.7"_s << estab << true;
        QTest::addRow("address miss") << u"addr:172.16"_s << estab << false;
        QTest::addRow("process") << u"proc:NGINX"_s << estab << true;
        QTest::addRow("pid") << u"pid:4321"_s << estab << true;
        QTest::addRow("free text endpoint") << u"10.0.0.1:8080"_s << estab << true;
        QTest::addRow("free text user") << u"www-data"_s << estab << true;
        QTest::addRow("free text state") << u"estab"_s << estab << true;
        QTest::addRow("all words must match") << u"nginx apache"_s << estab << false;
        QTest::addRow("keys and text") << u"state:estab port:443 nginx"_s << estab << true;
        QTest::addRow("keys and text miss") << u"state:estab port:80 nginx"_s << estab << false;
        QTest::addRow("bad term ignored") << u"state:nonsense nginx"_s << estab << true;
    }

    void matches()
    {
        QFETCH(QString, filter);
        QFETCH(int, state);
        QFETCH(bool, expected);
        const SocketRecord socket = record(TcpState(state), 8080, 443);
        const QString local = socket.localEndpoint();
        const QString remote = socket.remoteEndpoint();
        const QString process = u"nginx (4321)"_s;
        const QString user = u"www-data"_s;
        QCOMPARE(ConnectionFilter::parse(filter).matches(socket, {local, remote, process, user}), expected);
    }

    void errorsSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("error");
        QTest::addRow("unknown state") << u"state:estabished"_s << u"unknown state 'estabished'"_s;
        // An ambiguous prefix names what it could mean.
        QTest::addRow("ambiguous fin") << u"state:fin"_s << u"ambiguous state 'fin': fin-wait-1 or fin-wait-2?"_s;
        QTest::addRow("ambiguous syn") << u"state:syn"_s << u"ambiguous state 'syn': syn-sent or syn-recv?"_s;
        QTest::addRow("ambiguous clos") << u"state:clos"_s
                                        << u"ambiguous state 'clos': closing, close-wait or closed?"_s;
        QTest::addRow("port range") << u"port:70000"_s << u"'70000' is not a port"_s;
        QTest::addRow("port text") << u"port:http"_s << u"'http' is not a port"_s;
        // The hint for a missing value fits the key.
        QTest::addRow("empty state") << u"state:"_s << u"'state' needs a state, e.g. state:estab"_s;
        QTest::addRow("empty port") << u"port:"_s << u"'port' needs a port number, e.g. port:443"_s;
        QTest::addRow("empty lport") << u"lport:"_s << u"'lport' needs a port number, e.g. lport:443"_s;
        QTest::addRow("empty addr") << u"addr:"_s << u"'addr' needs an address or part of one, e.g. addr:10.0.0"_s;
        QTest::addRow("empty proc") << u"proc:"_s << u"'proc' needs a process name or PID, e.g. proc:nginx"_s;
        // A mistyped key is named, not searched for as text.
        QTest::addRow("typo of port") << u"prot:8080"_s << u"unknown key 'prot' (did you mean port:?)"_s;
        QTest::addRow("typo of state") << u"stat:listen"_s << u"unknown key 'stat' (did you mean state:?)"_s;
        QTest::addRow("no close key") << u"owner:root"_s << u"unknown key 'owner' (keys: state, port"_s;
        QTest::addRow("negated typo") << u"-prot:22"_s << u"unknown key 'prot'"_s;
    }

    void errorsSayWhatIsWrong()
    {
        QFETCH(QString, filter);
        QFETCH(QString, error);
        const ConnectionFilter parsed = ConnectionFilter::parse(filter);
        QCOMPARE(parsed.errors().size(), 1);
        QVERIFY2(parsed.errors().constFirst().startsWith(error), qPrintable(parsed.errors().constFirst()));
        QVERIFY(parsed.isEmpty()); // a term that was not understood filters nothing
    }

    // The names people use for states: ss's, RFC 9293's, netstat's, the short forms of teaching
    // material, and any prefix that names one state.
    void stateNames_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("state");
        const auto row = [](const QString &word, TcpState state) {
            QTest::addRow("%s", qPrintable(word)) << word << int(state);
        };
        row(u"tw"_s, TcpState::TimeWait);
        row(u"TW"_s, TcpState::TimeWait);
        row(u"time-wait"_s, TcpState::TimeWait);
        row(u"time_wait"_s, TcpState::TimeWait);
        row(u"timewait"_s, TcpState::TimeWait);
        row(u"time"_s, TcpState::TimeWait);
        row(u"fin1"_s, TcpState::FinWait1);
        row(u"fin2"_s, TcpState::FinWait2);
        row(u"fw1"_s, TcpState::FinWait1);
        row(u"fin-wait-1"_s, TcpState::FinWait1);
        row(u"FIN_WAIT1"_s, TcpState::FinWait1);
        row(u"syn-recv"_s, TcpState::SynRecv);
        row(u"syn_rcvd"_s, TcpState::SynRecv);
        row(u"syn-received"_s, TcpState::SynRecv);
        row(u"syn-s"_s, TcpState::SynSent);
        row(u"estab"_s, TcpState::Established);
        row(u"est"_s, TcpState::Established);
        row(u"established"_s, TcpState::Established);
        row(u"listen"_s, TcpState::Listen);
        row(u"listening"_s, TcpState::Listen);
        row(u"lis"_s, TcpState::Listen);
        row(u"close-wait"_s, TcpState::CloseWait);
        row(u"cw"_s, TcpState::CloseWait);
        row(u"last-ack"_s, TcpState::LastAck);
        row(u"last"_s, TcpState::LastAck);
        row(u"closing"_s, TcpState::Closing);
        row(u"closed"_s, TcpState::Close);
        row(u"unconn"_s, TcpState::Close);
    }

    void stateNames()
    {
        QFETCH(QString, word);
        QFETCH(int, state);
        const ConnectionFilter::StateMatch match = ConnectionFilter::stateFromText(word);
        QVERIFY2(match.state.has_value(), qPrintable(word));
        QCOMPARE(int(*match.state), state);
        const ConnectionFilter filter = ConnectionFilter::parse(u"state:"_s + word);
        QVERIFY2(filter.errors().isEmpty(), qPrintable(filter.errors().join(u"; "_s)));
    }

    // Colons that are not keys stay free text: endpoints and IPv6 addresses.
    void colonsThatAreNotKeys_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addRow("v4 endpoint") << u"127.0.0.1:8080"_s;
        QTest::addRow("v6 endpoint") << u"[::1]:8443"_s;
        QTest::addRow("v6 address") << u"fe80::1"_s;
        QTest::addRow("v6 hex group") << u"dead:beef::1"_s;
        QTest::addRow("v6 loopback") << u"::1"_s;
    }

    void colonsThatAreNotKeys()
    {
        QFETCH(QString, word);
        const ConnectionFilter filter = ConnectionFilter::parse(word);
        QVERIFY2(filter.errors().isEmpty(), qPrintable(filter.errors().join(u"; "_s)));
        QVERIFY(!filter.isEmpty());
    }

    void placeholderExamplesAreAccepted()
    {
        // The placeholder is "Filter (Ctrl+F): text state:estab ...": every word after the colon is an example.
        const QString hint = ConnectionFilter::syntaxHint();
        const QStringList examples = hint.mid(hint.indexOf(u"):"_s) + 2).split(u' ', Qt::SkipEmptyParts);
        QVERIFY(examples.size() >= 5);
        for (const QString &example : examples) {
            const ConnectionFilter filter = ConnectionFilter::parse(example);
            QVERIFY2(filter.errors().isEmpty(), qPrintable(example + u": "_s + filter.errors().join(u"; "_s)));
            QVERIFY2(!filter.isEmpty(), qPrintable(example));
        }
    }

    void stateTermRoundTrips()
    {
        for (int value = 1; value < TcpStateCount; ++value) {
            const auto state = TcpState(value);
            const SocketRecord socket = record(state, 1, 2);
            const QString empty;
            const ConnectionFilter filter = ConnectionFilter::parse(ConnectionFilter::stateTerm(state));
            QVERIFY2(filter.errors().isEmpty(), qPrintable(filter.errors().join(u", "_s)));
            QVERIFY2(
                filter.matches(socket, {empty, empty, empty, empty}), qPrintable(ConnectionFilter::stateTerm(state)));
        }
    }
};

QTEST_GUILESS_MAIN(TestConnectionFilter)

#include "tst_connectionfilter.moc"
