// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tracking/tcpstatemachine.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace TcpLens;
using S = TcpState;

Q_DECLARE_METATYPE(TcpLens::TcpState)

class TestTcpStateMachine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void legalEdges_data()
    {
        QTest::addColumn<TcpState>("from");
        QTest::addColumn<TcpState>("to");
        QTest::addColumn<bool>("legal");
        // RFC 9293, figure 5, as Linux implements it.
        QTest::addRow("connect") << S::Close << S::SynSent << true;
        QTest::addRow("listen") << S::Close << S::Listen << true;
        QTest::addRow("SYN arrives") << S::Listen << S::NewSynRecv << true;
        QTest::addRow("SYN+ACK arrives") << S::SynSent << S::Established << true;
        QTest::addRow("simultaneous open") << S::SynSent << S::SynRecv << true;
        QTest::addRow("final ACK") << S::NewSynRecv << S::Established << true;
        QTest::addRow("active close") << S::Established << S::FinWait1 << true;
        QTest::addRow("passive close") << S::Established << S::CloseWait << true;
        QTest::addRow("FIN acked") << S::FinWait1 << S::FinWait2 << true;
        QTest::addRow("simultaneous close") << S::FinWait1 << S::Closing << true;
        // tcp_rcv_state_process() takes a FIN+ACK's ACK first (FIN_WAIT2), then tcp_fin() (review C2).
        QTest::addRow("FIN+ACK at once passes FIN_WAIT2") << S::FinWait1 << S::TimeWait << false;
        // tcp_reset() / tcp_write_timeout() -> tcp_done(), traced as such (review C1).
        QTest::addRow("RST in FIN_WAIT1") << S::FinWait1 << S::Close << true;
        QTest::addRow("RST in CLOSING") << S::Closing << S::Close << true;
        QTest::addRow("peer's FIN") << S::FinWait2 << S::TimeWait << true;
        QTest::addRow("TIME_WAIT over (fixed 60 s)") << S::TimeWait << S::Close << true;
        QTest::addRow("close after peer") << S::CloseWait << S::LastAck << true;
        QTest::addRow("last ACK") << S::LastAck << S::Close << true;
        QTest::addRow("orphan FIN_WAIT2 timeout") << S::FinWait2 << S::Close << true;
        QTest::addRow("no handshake skipping") << S::Listen << S::Established << false;
        QTest::addRow("no way back") << S::TimeWait << S::Established << false;
        QTest::addRow("close-wait is not active") << S::CloseWait << S::FinWait1 << false;
        QTest::addRow("no reopening") << S::LastAck << S::Established << false;
    }

    void legalEdges()
    {
        QFETCH(TcpState, from);
        QFETCH(TcpState, to);
        QFETCH(bool, legal);
        QCOMPARE(TcpStateMachine::isLegal(from, to), legal);
        if (legal) {
            const TcpTransition *edge = TcpStateMachine::transition(from, to);
            QVERIFY(!edge->event.isEmpty());
            QVERIFY(!edge->kernelDetail.isEmpty());
        }
    }

    void shortestPaths_data()
    {
        QTest::addColumn<TcpState>("from");
        QTest::addColumn<TcpState>("to");
        QTest::addColumn<QList<TcpState>>("path");
        QTest::addRow("client handshake")
            << S::Close << S::Established << QList<TcpState>{S::Close, S::SynSent, S::Established};
        QTest::addRow("server handshake")
            << S::Listen << S::Established << QList<TcpState>{S::Listen, S::NewSynRecv, S::Established};
        QTest::addRow("to TIME_WAIT") << S::Established << S::TimeWait
                                      << QList<TcpState>{S::Established, S::FinWait1, S::FinWait2, S::TimeWait};
        QTest::addRow("passive close") << S::CloseWait << S::Close
                                       << QList<TcpState>{S::CloseWait, S::LastAck, S::Close};
        QTest::addRow("no abort when a close explains it")
            << S::Established << S::Close << QList<TcpState>{S::Established, S::CloseWait, S::LastAck, S::Close};
        QTest::addRow("a SYN_SENT socket is not guessed to have been reset")
            << S::SynSent << S::Close
            << QList<TcpState>{S::SynSent, S::Established, S::CloseWait, S::LastAck, S::Close};
        QTest::addRow("FIN_WAIT1 closes through TIME_WAIT unless aborted")
            << S::FinWait1 << S::Close << QList<TcpState>{S::FinWait1, S::FinWait2, S::TimeWait, S::Close};
        QTest::addRow("same state") << S::Listen << S::Listen << QList<TcpState>{S::Listen};
        QTest::addRow("nothing leads out of UNKNOWN") << S::Unknown << S::Established << QList<TcpState>{};
        QTest::addRow("a closed socket may listen again")
            << S::TimeWait << S::Listen << QList<TcpState>{S::TimeWait, S::Close, S::Listen};
    }

    void shortestPaths()
    {
        QFETCH(TcpState, from);
        QFETCH(TcpState, to);
        QFETCH(QList<TcpState>, path);
        QCOMPARE(TcpStateMachine::shortestPath(from, to), path);
    }

    void statesNameWhatGovernsThem_data()
    {
        QTest::addColumn<TcpState>("state");
        QTest::addColumn<QString>("sysctl");
        QTest::addRow("SYN_SENT retries") << S::SynSent << u"net.ipv4.tcp_syn_retries"_s;
        QTest::addRow("SYN_SENT linear") << S::SynSent << u"net.ipv4.tcp_syn_linear_timeouts"_s;
        QTest::addRow("SYN queue") << S::NewSynRecv << u"net.ipv4.tcp_synack_retries"_s;
        QTest::addRow("cookies") << S::NewSynRecv << u"net.ipv4.tcp_syncookies"_s;
        QTest::addRow("accept queue") << S::Listen << u"net.core.somaxconn"_s;
        QTest::addRow("overflow") << S::Listen << u"net.ipv4.tcp_abort_on_overflow"_s;
        QTest::addRow("orphans") << S::FinWait1 << u"net.ipv4.tcp_orphan_retries"_s;
        QTest::addRow("last ack") << S::LastAck << u"net.ipv4.tcp_orphan_retries"_s;
        QTest::addRow("fin timeout") << S::FinWait2 << u"net.ipv4.tcp_fin_timeout"_s;
        QTest::addRow("tw buckets") << S::TimeWait << u"net.ipv4.tcp_max_tw_buckets"_s;
        QTest::addRow("tw reuse") << S::TimeWait << u"net.ipv4.tcp_tw_reuse"_s;
    }

    void statesNameWhatGovernsThem()
    {
        QFETCH(TcpState, state);
        QFETCH(QString, sysctl);
        const auto &description = TcpStateMachine::describe(state);
        QCOMPARE(description.state, state);
        QVERIFY(!description.summary.isEmpty());
        QVERIFY(std::find(description.sysctls.begin(), description.sysctls.end(), sysctl) != description.sysctls.end());
    }

    void everyStateIsReachableFromClosedOrListen()
    {
        for (const auto &description : TcpStateMachine::states()) {
            if (description.state == S::Unknown || description.state == S::Close)
                continue;
            QVERIFY2(!TcpStateMachine::shortestPath(S::Close, description.state).isEmpty(),
                stateName(description.state).data());
        }
    }

    // The kernel details hold UTF-8 arrows; read as Latin-1 they showed "â†’" in every tooltip.
    void kernelDetailsReadAsUtf8()
    {
        const TcpTransition *edge = TcpStateMachine::transition(S::Close, S::Listen);
        QVERIFY(edge);
        QCOMPARE(TcpStateMachine::kernelText(*edge), u"inet_listen() → inet_csk_listen_start()"_s);
        for (const TcpTransition &each : TcpStateMachine::transitions())
            QVERIFY2(!TcpStateMachine::kernelText(each).contains(u'\u00e2'), each.kernelDetail.data());
    }

    // Without a translator the display texts are the table's English.
    void displayTextsAreTheTablesWithoutATranslator()
    {
        for (const TcpTransition &edge : TcpStateMachine::transitions()) {
            QCOMPARE(TcpStateMachine::eventText(edge), QString(edge.event));
            QCOMPARE(TcpStateMachine::pathText(edge.path), QString(pathName(edge.path)));
        }
        for (const TcpStateDescription &description : TcpStateMachine::states())
            QCOMPARE(TcpStateMachine::summaryText(description), QString(description.summary));
    }
};

QTEST_GUILESS_MAIN(TestTcpStateMachine)

#include "tst_tcpstatemachine.moc"
