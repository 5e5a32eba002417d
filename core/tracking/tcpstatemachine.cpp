// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tcpstatemachine.h"

#include <QCoreApplication>

#include <array>
#include <deque>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

using S = TcpState;
using P = TransitionPath;

// Sysctl and counter lists, shared by the edges and states they govern.
constexpr QLatin1StringView SynSentSysctls[] = {"net.ipv4.tcp_syn_retries"_L1, "net.ipv4.tcp_syn_linear_timeouts"_L1};
constexpr QLatin1StringView SynSentCounters[] = {"Tcp.ActiveOpens"_L1, "TcpExt.TCPSynRetrans"_L1};
constexpr QLatin1StringView SynQueueSysctls[] = {"net.ipv4.tcp_synack_retries"_L1, "net.ipv4.tcp_syncookies"_L1,
    "net.ipv4.tcp_max_syn_backlog"_L1, "net.core.somaxconn"_L1};
constexpr QLatin1StringView SynQueueCounters[] = {
    "TcpExt.TCPReqQFullDrop"_L1, "TcpExt.TCPReqQFullDoCookies"_L1, "TcpExt.SyncookiesSent"_L1, "TcpExt.ListenDrops"_L1};
constexpr QLatin1StringView AcceptQueueSysctls[] = {"net.core.somaxconn"_L1, "net.ipv4.tcp_abort_on_overflow"_L1};
constexpr QLatin1StringView AcceptQueueCounters[] = {
    "Tcp.PassiveOpens"_L1, "TcpExt.ListenOverflows"_L1, "TcpExt.ListenDrops"_L1, "TcpExt.SyncookiesRecv"_L1};
constexpr QLatin1StringView OrphanSysctls[] = {"net.ipv4.tcp_orphan_retries"_L1, "net.ipv4.tcp_max_orphans"_L1};
constexpr QLatin1StringView OrphanCounters[] = {"TcpExt.TCPAbortOnMemory"_L1, "TcpExt.TCPAbortOnTimeout"_L1};
constexpr QLatin1StringView FinWait2Sysctls[] = {"net.ipv4.tcp_fin_timeout"_L1};
constexpr QLatin1StringView TimeWaitSysctls[] = {"net.ipv4.tcp_max_tw_buckets"_L1, "net.ipv4.tcp_tw_reuse"_L1,
    "net.ipv4.tcp_tw_reuse_delay"_L1, "net.ipv4.tcp_timestamps"_L1};
constexpr QLatin1StringView TimeWaitCounters[] = {
    "TcpExt.TW"_L1, "TcpExt.TWRecycled"_L1, "TcpExt.TCPTimeWaitOverflow"_L1};
constexpr QLatin1StringView EstablishedSysctls[] = {
    "net.ipv4.tcp_keepalive_time"_L1, "net.ipv4.tcp_retries2"_L1, "net.ipv4.tcp_rmem"_L1, "net.ipv4.tcp_wmem"_L1};
constexpr QLatin1StringView EstablishedCounters[] = {"Tcp.CurrEstab"_L1, "Tcp.RetransSegs"_L1, "TcpExt.TCPTimeouts"_L1};
constexpr QLatin1StringView AbortCounters[] = {
    "Tcp.EstabResets"_L1, "TcpExt.TCPAbortOnData"_L1, "TcpExt.TCPAbortOnClose"_L1, "TcpExt.TCPAbortOnLinger"_L1};
constexpr QLatin1StringView CloseWaitCounters[] = {"TcpExt.TCPAbortOnClose"_L1};
constexpr QLatin1StringView RequestAbortSysctls[] = {
    "net.ipv4.tcp_synack_retries"_L1, "net.ipv4.tcp_abort_on_overflow"_L1};
constexpr QLatin1StringView RequestAbortCounters[] = {
    "TcpExt.EmbryonicRsts"_L1, "TcpExt.ListenOverflows"_L1, "TcpExt.TCPSynRetrans"_L1};
constexpr QLatin1StringView TimeWaitEndCounters[] = {"TcpExt.TW"_L1, "TcpExt.TWRecycled"_L1};
constexpr QLatin1StringView OrphanFinWait2Counters[] = {"TcpExt.TWKilled"_L1, "TcpExt.TW"_L1};
constexpr QLatin1StringView None[] = {""_L1};

constexpr std::span<const QLatin1StringView> none()
{
    return std::span<const QLatin1StringView>(None, 0);
}

const std::array<TcpTransition, 27> Transitions = {{
    {S::Close, S::Listen, P::PassiveOpen, QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "listen()")),
        "inet_listen() → inet_csk_listen_start()"_L1, AcceptQueueSysctls, none()},
    {S::Close, S::SynSent, P::ActiveOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "connect() / send SYN")),
        "tcp_v4_connect() → tcp_connect()"_L1, SynSentSysctls, SynSentCounters},
    {S::Listen, S::NewSynRecv, P::PassiveOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive SYN / send SYN+ACK")),
        "tcp_conn_request(): a request socket joins the listener's SYN queue"_L1, SynQueueSysctls, SynQueueCounters},
    // The child is cloned from the listener, not from the request, so the tracepoint reports LISTEN -> SYN_RECV.
    {S::Listen, S::SynRecv, P::PassiveOpen,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive the final ACK (Fast Open: the SYN with data)")),
        "tcp_check_req() → tcp_v4_syn_recv_sock() clones the listener (inet_csk_clone_lock()) when the final ACK "
        "arrives; only a Fast Open child is made at SYN time (tcp_try_fastopen())"_L1,
        AcceptQueueSysctls, AcceptQueueCounters},
    {S::NewSynRecv, S::Established, P::PassiveOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive ACK")),
        "tcp_check_req() → tcp_v4_syn_recv_sock(): the child joins the accept queue"_L1, AcceptQueueSysctls,
        AcceptQueueCounters},
    {S::SynRecv, S::Established, P::PassiveOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive ACK")),
        "tcp_rcv_state_process(): the child is ESTABLISHED and waits in the accept queue"_L1, AcceptQueueSysctls,
        AcceptQueueCounters},
    {S::SynSent, S::Established, P::ActiveOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive SYN+ACK / send ACK")),
        "tcp_rcv_synsent_state_process()"_L1, SynSentSysctls, SynSentCounters},
    {S::SynSent, S::SynRecv, P::SimultaneousOpen,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive SYN / send SYN+ACK")),
        "tcp_rcv_synsent_state_process(): both ends sent SYN"_L1, SynSentSysctls, none()},
    {S::Established, S::FinWait1, P::ActiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "close() or shutdown(SHUT_WR) / send FIN")),
        "tcp_close() → tcp_close_state()"_L1, OrphanSysctls, none()},
    {S::SynRecv, S::FinWait1, P::ActiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "close() / send FIN")), "tcp_close_state()"_L1,
        OrphanSysctls, none()},
    {S::Established, S::CloseWait, P::PassiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive FIN / send ACK")),
        "tcp_fin(): the application reads end of file"_L1, none(), none()},
    {S::FinWait1, S::FinWait2, P::ActiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive ACK of FIN")),
        "tcp_rcv_state_process(); an orphan becomes a timewait socket in FIN_WAIT2"_L1, FinWait2Sysctls, none()},
    {S::FinWait1, S::Closing, P::SimultaneousClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive FIN / send ACK")),
        "tcp_fin(): both ends sent FIN"_L1, OrphanSysctls, none()},
    {S::FinWait2, S::TimeWait, P::ActiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive FIN / send ACK")),
        "tcp_fin() → tcp_time_wait()"_L1, TimeWaitSysctls, TimeWaitCounters},
    {S::Closing, S::TimeWait, P::SimultaneousClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "receive ACK of FIN")),
        "tcp_rcv_state_process() → tcp_time_wait()"_L1, TimeWaitSysctls, TimeWaitCounters},
    // Not 2 MSL: RFC 9293's MSL is 2 minutes, Linux waits a fixed TCP_TIMEWAIT_LEN.
    {S::TimeWait, S::Close, P::ActiveClose,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "60 s pass (or RST, or the 4-tuple is reused)")),
        "inet_twsk_kill() after TCP_TIMEWAIT_LEN, a fixed 60 s no sysctl changes; earlier by a RST with "
        "tcp_rfc1337 = 0 or an acceptable new SYN (tcp_timewait_state_process()), or when connect() takes the "
        "4-tuple over (tcp_twsk_unique(), TWRecycled)"_L1,
        TimeWaitSysctls, TimeWaitEndCounters},
    {S::CloseWait, S::LastAck, P::PassiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "close() / send FIN")),
        "tcp_close() → tcp_close_state()"_L1, OrphanSysctls, none()},
    {S::LastAck, S::Close, P::PassiveClose,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "receive ACK of FIN (or RST, or the FIN is never acknowledged)")),
        "tcp_rcv_state_process() → tcp_done(); tcp_reset(); tcp_write_timeout() (tcp_orphan_retries) or "
        "tcp_out_of_resources() (tcp_max_orphans)"_L1,
        OrphanSysctls, OrphanCounters},
    {S::Listen, S::Close, P::PassiveOpen, QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "close()")),
        "inet_csk_listen_stop(): queued connections are reset"_L1, none(), none()},
    {S::SynSent, S::Close, P::Abort,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "close(), RST, or no answer after tcp_syn_retries")),
        "tcp_write_timeout()"_L1, SynSentSysctls, SynSentCounters},
    // tcp_v4_syn_recv_sock() checks sk_acceptq_is_full() before tcp_create_openreq_child(): the
    // abort_on_overflow RST resets the request socket, no child ever exists (review C3).
    {S::NewSynRecv, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "RST, no ACK after tcp_synack_retries, or the final ACK finds the accept queue full with "
            "tcp_abort_on_overflow = 1 (RST sent)")),
        "reqsk_timer_handler() drops the request; tcp_check_req() resets it (embryonic_reset, EmbryonicRsts)"_L1,
        RequestAbortSysctls, RequestAbortCounters},
    {S::SynRecv, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "RST, the listener closed, or a Fast Open child's SYN-ACK never acknowledged")),
        "tcp_reset() / inet_csk_listen_stop() / tcp_fastopen_synack_timer() → tcp_write_err()"_L1, AcceptQueueSysctls,
        AcceptQueueCounters},
    {S::Established, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "RST sent or received (SO_LINGER 0, unread data at close, timeout)")),
        "tcp_reset() / tcp_disconnect() / tcp_write_timeout()"_L1, EstablishedSysctls, AbortCounters},
    // For an orphan this is the normal, silent end (no RST), yet the edge stays in the abort class: path
    // inference must keep explaining a vanished ESTABLISHED socket by the passive close first.
    {S::FinWait2, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "an orphan's tcp_fin_timeout passes (its normal, silent end), or RST")),
        "the FIN_WAIT2 timewait socket expires (inet_twsk_kill()); counted in TWKilled when it got 4 s or less "
        "(__inet_twsk_schedule()), else in TW"_L1,
        FinWait2Sysctls, OrphanFinWait2Counters},
    {S::CloseWait, S::Close, P::Abort,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "RST, or close() with unread data (sends RST)")),
        "tcp_close()"_L1, none(), CloseWaitCounters},
    // RFC 9293's FIN-WAIT-1 -> TIME-WAIT (FIN+ACK at once) is no Linux edge: tcp_rcv_state_process()
    // takes the ACK first (-> FIN_WAIT2), then tcp_fin() runs in FIN_WAIT2.
    {S::FinWait1, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "RST, or the FIN is never acknowledged")),
        "tcp_reset() / tcp_write_timeout() (tcp_orphan_retries) / tcp_check_oom() (tcp_max_orphans) → tcp_done()"_L1,
        OrphanSysctls, OrphanCounters},
    {S::Closing, S::Close, P::Abort,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "RST, or the FIN is never acknowledged")),
        "tcp_reset() / tcp_write_timeout() (tcp_orphan_retries) / tcp_check_oom() (tcp_max_orphans) → tcp_done()"_L1,
        OrphanSysctls, OrphanCounters},
}};

const std::array<TcpStateDescription, TcpStateCount> States = {{
    {S::Unknown, QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "Not a TCP state.")), none(), none()},
    {S::Established, QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "Open: data flows both ways.")),
        EstablishedSysctls, EstablishedCounters},
    {S::SynSent,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "connect() sent a SYN and waits for SYN+ACK; SYNs are retried with backoff.")),
        SynSentSysctls, SynSentCounters},
    {S::SynRecv,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "A child socket: made when the final ACK came (then at once ESTABLISHED), or at SYN time by Fast Open (in "
            "the accept queue and readable before the handshake ends, retrying its SYN-ACK up to tcp_synack_retries + "
            "1), or one side of a simultaneous open.")),
        AcceptQueueSysctls, AcceptQueueCounters},
    {S::FinWait1,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "We sent FIN and wait for its ACK; an orphan retries per tcp_orphan_retries.")),
        OrphanSysctls, OrphanCounters},
    {S::FinWait2,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "Our FIN was acknowledged; waiting for the peer's FIN. An orphan waits tcp_fin_timeout at most.")),
        FinWait2Sysctls, OrphanFinWait2Counters},
    {S::TimeWait,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "Both FINs done; the active closer keeps the 4-tuple for a fixed 60 s (TCP_TIMEWAIT_LEN) so late segments "
            "die, and re-ACKs a retransmitted FIN, restarting the 60 s.")),
        TimeWaitSysctls, TimeWaitCounters},
    {S::Close,
        QLatin1StringView(QT_TRANSLATE_NOOP(
            "TcpLens::TcpStateMachine", "No connection: before connect()/listen(), or after the end.")),
        none(), none()},
    {S::CloseWait,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "The peer sent FIN; we wait for our application to close(). Many of these: an application bug.")),
        none(), CloseWaitCounters},
    {S::LastAck,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "We closed after the peer; waiting for the ACK of our FIN.")),
        OrphanSysctls, OrphanCounters},
    {S::Listen,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "Waiting for SYNs; owns a SYN queue and an accept queue.")),
        AcceptQueueSysctls, AcceptQueueCounters},
    {S::Closing,
        QLatin1StringView(
            QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "Both sides sent FIN at once; waiting for the ACK of ours.")),
        OrphanSysctls, OrphanCounters},
    {S::NewSynRecv,
        QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine",
            "A request socket in the listener's SYN queue: SYN+ACK sent, waiting for the final ACK, or acked already "
            "and held back (accept queue full with tcp_abort_on_overflow = 0, or TCP_DEFER_ACCEPT waiting for data), "
            "still retransmitting its SYN-ACK.")),
        SynQueueSysctls, SynQueueCounters},
}};

} // namespace

QLatin1StringView pathName(TransitionPath path)
{
    switch (path) {
    case P::ActiveOpen:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "active open"));
    case P::PassiveOpen:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "passive open"));
    case P::SimultaneousOpen:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "simultaneous open"));
    case P::ActiveClose:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "active close"));
    case P::PassiveClose:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "passive close"));
    case P::SimultaneousClose:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "simultaneous close"));
    case P::Abort:
        return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "abort"));
    }
    return QLatin1StringView(QT_TRANSLATE_NOOP("TcpLens::TcpStateMachine", "unknown"));
}

std::span<const TcpTransition> TcpStateMachine::transitions()
{
    return Transitions;
}

std::span<const TcpStateDescription> TcpStateMachine::states()
{
    return States;
}

const TcpStateDescription &TcpStateMachine::describe(TcpState state)
{
    const auto index = std::size_t(state);
    return index < States.size() ? States[index] : States[0];
}

// The texts are literals, so their views end in a NUL: translate() can take them as they are.
QString TcpStateMachine::eventText(const TcpTransition &edge)
{
    return QCoreApplication::translate("TcpLens::TcpStateMachine", edge.event.data());
}

QString TcpStateMachine::summaryText(const TcpStateDescription &description)
{
    return QCoreApplication::translate("TcpLens::TcpStateMachine", description.summary.data());
}

QString TcpStateMachine::kernelText(const TcpTransition &edge)
{
    return QString::fromUtf8(edge.kernelDetail.data(), edge.kernelDetail.size());
}

QString TcpStateMachine::pathText(TransitionPath path)
{
    return QCoreApplication::translate("TcpLens::TcpStateMachine", pathName(path).data());
}

const TcpTransition *TcpStateMachine::transition(TcpState from, TcpState to)
{
    for (const auto &edge : Transitions) {
        if (edge.from == from && edge.to == to)
            return &edge;
    }
    return nullptr;
}

bool TcpStateMachine::isLegal(TcpState from, TcpState to)
{
    return transition(from, to) != nullptr;
}

QList<TcpState> TcpStateMachine::shortestPath(TcpState from, TcpState to)
{
    if (from == to)
        return {from};
    // Breadth-first search, first without abort edges, then with them.
    for (const bool withAborts : {false, true}) {
        std::array<int, TcpStateCount> previous;
        previous.fill(-1);
        previous[std::size_t(from)] = int(from);
        std::deque<TcpState> queue{from};
        while (!queue.empty()) {
            const TcpState state = queue.front();
            queue.pop_front();
            for (const auto &edge : Transitions) {
                if (edge.from != state || previous[std::size_t(edge.to)] >= 0)
                    continue;
                if (edge.path == P::Abort && !withAborts)
                    continue;
                previous[std::size_t(edge.to)] = int(state);
                if (edge.to == to) {
                    QList<TcpState> path{to};
                    for (TcpState at = to; at != from;) {
                        at = TcpState(previous[std::size_t(at)]);
                        path.prepend(at);
                    }
                    return path;
                }
                queue.push_back(edge.to);
            }
        }
    }
    return {};
}

} // namespace TcpLens
