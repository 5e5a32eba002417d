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
        QTest::addRow("ambiguous prefix") << u"state:fin"_s << u"unknown state 'fin'"_s;
        QTest::addRow("port range") << u"port:70000"_s << u"'70000' is not a port"_s;
        QTest::addRow("port text") << u"port:http"_s << u"'http' is not a port"_s;
        QTest::addRow("empty value") << u"proc:"_s << u"'proc' needs a value"_s;
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
