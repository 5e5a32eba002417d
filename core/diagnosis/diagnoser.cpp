// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnoser.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

using Condition = DiagnosisRule::Condition;
using Severity = DiagnosisRule::Severity;

// The translation context of this file's texts; lupdate reads it from the declaration.
struct DiagnoserTexts
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::Diagnoser)
};

// "0.4 s", "12 s", "131 s", "15 min", "2.5 h".
QString durationText(double seconds)
{
    if (seconds < 10)
        return u"%1 s"_s.arg(QString::number(seconds, 'f', seconds < 1 ? 2 : 1));
    if (seconds < 600)
        return u"%1 s"_s.arg(qRound(seconds));
    if (seconds < 7200)
        return u"%1 min"_s.arg(qRound(seconds / 60));
    return u"%1 h"_s.arg(QString::number(seconds / 3600, 'f', 1));
}

QString ageText(const DiagnosisHistory::Age &age)
{
    return (age.atLeast ? u"≥ "_s : QString()) + durationText(age.seconds);
}

// tcp_model_timeout() / retransmits_timed_out() in net/ipv4/tcp_timer.c: the time `boundary`
// retransmissions take when each doubles the timeout from `base`, capped at TCP_RTO_MAX (120 s).
double modelTimeout(int boundary, double base)
{
    constexpr double RtoMax = 120;
    const int linearLimit = int(std::floor(std::log2(RtoMax / base)));
    if (boundary <= linearLimit)
        return double((2LL << boundary) - 1) * base;
    return double((2LL << linearLimit) - 1) * base + (boundary - linearLimit) * RtoMax;
}

// When connect() gives up on a SYN nobody answers. tcp_write_timeout(): expired once
// tcp_syn_retries + tcp_syn_linear_timeouts retransmissions went out, or once the time
// tcp_model_timeout() makes of tcp_syn_retries from TCP_TIMEOUT_INIT (1 s) has passed; the timer
// stays at 1 s for the first tcp_syn_linear_timeouts retries (tcp_retransmit_timer()), then doubles.
// Defaults 6 and 4: 131 s (docs/kernel-notes.md, B3).
double synGiveUpSeconds(int retries, int linear)
{
    const double budget = modelTimeout(retries, 1);
    double t = 0;
    double rto = 1;
    for (int sent = 0;; ++sent) {
        t += rto;
        if (sent >= retries + linear || t >= budget)
            return t;
        if (sent + 1 > linear)
            rto = std::min(rto * 2, 120.0);
    }
}

// A request socket's SYN-ACK timer (reqsk_timer_handler()) doubles from 1 s; the request is dropped
// at the expiry after tcp_synack_retries retransmissions: 5 gives 63 s.
double synAckGiveUpSeconds(int retries)
{
    double t = 0;
    double rto = 1;
    for (int i = 0; i <= retries; ++i) {
        t += rto;
        rto = std::min(rto * 2, 120.0);
    }
    return t;
}

bool isOrphan(const SocketRecord &s)
{
    return s.inode == 0 && !s.hasFlag(IsRequest) && s.state != TcpState::Listen;
}

// A listener's accept queue at (a fraction of) its limit: what accept-queue-full reports, since the
// application is then one connection away from losing handshakes.
bool acceptQueueAtLimit(const SocketRecord &listener, double fill = 1)
{
    const double limit = std::max<double>(1, std::ceil(double(listener.sendQueue) * fill));
    return listener.state == TcpState::Listen && double(listener.receiveQueue) >= limit;
}

// The kernel's own "full", past the limit (sk_acceptq_is_full() compares with '>'): only then are
// SYNs dropped (tcp_conn_request()) and final ACKs refused (tcp_v4_syn_recv_sock()).
bool acceptQueueOverflowing(const SocketRecord &listener)
{
    return listener.state == TcpState::Listen && listener.receiveQueue > listener.sendQueue;
}

// Retransmissions behind the current timer: idiag_retrans is icsk_retransmits for the retransmit
// timer and icsk_probes_out for the keepalive and zero-window timers (inet_sk_diag_fill()); a request
// socket's is its SYN-ACK count (inet_req_diag_fill()).
int timerRetries(const SocketRecord &s)
{
    return s.timer == TimerKind::None ? 0 : s.timerRetransmits;
}

// An address and port as a hash key, without allocating: the diagnosis runs on every snapshot.
struct Endpoint
{
    std::array<quint8, 16> address{};
    quint16 port = 0;

    bool operator==(const Endpoint &) const = default;
};

size_t qHash(const Endpoint &e, size_t seed = 0)
{
    return qHashMulti(seed, qHashBits(e.address.data(), e.address.size()), e.port);
}

struct EndpointPair
{
    Endpoint local;
    Endpoint remote;

    bool operator==(const EndpointPair &) const = default;
};

size_t qHash(const EndpointPair &p, size_t seed = 0)
{
    return qHashMulti(seed, p.local, p.remote);
}

// What one diagnosis pass knows about the whole snapshot: listeners by port, the namespace-wide
// conditions, the sysctls in force.
class Context
{
public:
    Context(const SocketSnapshot &diagnosed, const DiagnosisHistory &past, const DiagnosisRuleSet &rules)
        : snapshot(diagnosed)
        , history(past)
        , nowNs(diagnosed.monotonicNs())
    {
        const QString range = history.sysctl(u"net.ipv4.ip_local_port_range"_s).value_or(u"32768 60999"_s);
        portLow = range.section(u' ', 0, 0, QString::SectionSkipEmpty).toInt();
        portHigh = range.section(u' ', 1, 1, QString::SectionSkipEmpty).toInt();
        const bool countDestinations = std::any_of(rules.rules().cbegin(), rules.rules().cend(),
            [](const DiagnosisRule &rule) { return rule.condition == Condition::PortExhaustion; });
        const auto &sockets = snapshot.sockets();
        for (int i = 0; i < int(sockets.size()); ++i) {
            const SocketRecord &s = sockets[std::size_t(i)];
            ++stateCounts[std::size_t(s.state)];
            if (s.state == TcpState::Listen)
                listenersByPort[s.localPort].append(i);
            else if (s.state == TcpState::TimeWait)
                ++timeWaitCount;
            if (countDestinations && s.state != TcpState::Listen && !s.hasFlag(IsRequest) && inPortRange(s))
                ++destinations[destinationOf(s)];
        }
        for (const ListenerQueue &queue : snapshot.listeners())
            synQueueByIndex.insert(queue.socketIndex, int(queue.synQueueLength));
    }

    const SocketRecord &socket(int i) const { return snapshot.sockets()[std::size_t(i)]; }

    // The listener a request socket or a child belongs to: same port, same address or a wildcard one.
    int listenerOf(int i) const
    {
        const SocketRecord &s = socket(i);
        return listenerAt(s.localAddress, s.localPort, s.family);
    }

    // The listener of this namespace a connect() to `address`:`port` reaches, or -1.
    int listenerAt(const std::array<quint8, 16> &address, quint16 port, quint8 family) const
    {
        int wildcard = -1;
        for (int l : listenersByPort.value(port)) {
            const SocketRecord &listener = socket(l);
            if (listener.localAddress == address && listener.family == family)
                return l;
            if (listener.localIsUnspecified() && (listener.family == family || !listener.hasFlag(IsV6Only)))
                wildcard = l;
        }
        return wildcard;
    }

    bool inPortRange(const SocketRecord &s) const { return s.localPort >= portLow && s.localPort <= portHigh; }
    int portRangeSize() const { return std::max(portHigh - portLow + 1, 1); }
    static EndpointPair destinationOf(const SocketRecord &s)
    {
        return {{s.localAddress, 0}, {s.remoteAddress, s.remotePort}};
    }
    int busiestDestination() const
    {
        int most = 0;
        for (const int count : destinations)
            most = std::max(most, count);
        return most;
    }
    int destinationCount(const SocketRecord &s) const { return destinations.value(destinationOf(s)); }

    // The socket at the other end, when both ends are in this namespace (loopback, the lab).
    int peerOf(int i) const
    {
        if (!peers) {
            peers.emplace();
            const auto &sockets = snapshot.sockets();
            for (int j = 0; j < int(sockets.size()); ++j) {
                const SocketRecord &s = sockets[std::size_t(j)];
                if (s.state != TcpState::Listen)
                    peers->insert({{s.localAddress, s.localPort}, {s.remoteAddress, s.remotePort}}, j);
            }
        }
        const SocketRecord &s = socket(i);
        return peers->value({{s.remoteAddress, s.remotePort}, {s.localAddress, s.localPort}}, -1);
    }

    const SocketSnapshot &snapshot;
    const DiagnosisHistory &history;
    const qint64 nowNs;
    QHash<quint16, QList<int>> listenersByPort;
    QHash<int, int> synQueueByIndex;
    // Connections by local address and destination: a local port must be unique for that pair
    // (__inet_check_established()), so another local address has all the ports again.
    QHash<EndpointPair, int> destinations;
    std::array<int, TcpStateCount> stateCounts{};
    int timeWaitCount = 0;
    int portLow = 0;
    int portHigh = 0;

private:
    mutable std::optional<QHash<EndpointPair, int>> peers;
};

// Does `rule` hold for socket `i`? Cheap: it runs for every socket of every snapshot.
bool holds(const DiagnosisRule &rule, const Context &ctx, int i)
{
    const SocketRecord &s = ctx.socket(i);
    switch (rule.condition) {
    case Condition::CloseWait:
        // CLOSE-WAIT has no timer: only the application's close() ends it (tcp_close() sends the FIN).
        // Sending is allowed after the peer's FIN (a half-close), so a socket still sending is not stuck.
        if (s.state != TcpState::CloseWait)
            return false;
        if (s.info.isPresent() && s.info.lastDataSentMs < rule.threshold(u"idleSeconds"_s) * 1000)
            return false;
        return ctx.history.stateAge(s, ctx.nowNs).seconds >= rule.threshold(u"minSeconds"_s);
    case Condition::OrphanFinWait2:
        return s.state == TcpState::FinWait2 && (s.hasFlag(IsTimeWaitSocket) || s.inode == 0);
    case Condition::SynSentUnanswered: {
        if (s.state != TcpState::SynSent || timerRetries(s) < rule.threshold(u"minRetransmits"_s))
            return false;
        // A SYN to a listener of this namespace whose accept queue is full is dropped there
        // (tcp_conn_request(): sk_acceptq_is_full()): accept-queue-full explains it, not the path.
        const int listener = ctx.listenerAt(s.remoteAddress, s.remotePort, s.family);
        return listener < 0 || !acceptQueueOverflowing(ctx.socket(listener));
    }
    case Condition::SynAckUnanswered:
    case Condition::AckedRequests: {
        if (!s.hasFlag(IsRequest))
            return false;
        const int listener = ctx.listenerOf(i);
        const bool full = listener >= 0 && acceptQueueOverflowing(ctx.socket(listener));
        if (rule.condition == Condition::AckedRequests)
            return full;
        return !full && timerRetries(s) >= rule.threshold(u"minRetransmits"_s);
    }
    case Condition::AcceptQueueFull:
        return acceptQueueAtLimit(s, rule.threshold(u"minFill"_s));
    case Condition::SynQueueOverflow:
    case Condition::TimeWaitPileUp:
        return false; // namespace-wide: holdsAnywhere() and concerns()
    case Condition::PeerZeroWindow:
        // tcp_probe_timer() runs while the peer's window is closed and data waits (ICSK_TIME_PROBE0).
        return s.timer == TimerKind::ZeroWindowProbe && s.sendQueue >= rule.threshold(u"minSendQueue"_s);
    case Condition::Retransmitting: {
        if (s.timer != TimerKind::Retransmit || s.hasFlag(IsRequest) || s.state == TcpState::SynSent ||
            s.state == TcpState::SynRecv || timerRetries(s) < rule.threshold(u"minRetransmits"_s))
            return false;
        // A client whose final ACK a full listener of this namespace dropped believes it is connected
        // and sends into a request socket, which drops the data (tcp_check_req() keeps it a request):
        // acked-requests explains those retransmissions, not the path.
        const int peer = ctx.peerOf(i);
        return peer < 0 || !ctx.socket(peer).hasFlag(IsRequest);
    }
    case Condition::KeepaliveUnanswered:
        // sk_timer is also the FIN-WAIT-2 timer of a socket still owned (tcp_set_keepalive() aside).
        return s.timer == TimerKind::KeepAlive && s.state == TcpState::Established &&
            timerRetries(s) >= rule.threshold(u"minProbes"_s);
    case Condition::PortExhaustion:
        return s.state != TcpState::Listen && !s.hasFlag(IsRequest) && ctx.inPortRange(s) &&
            ctx.destinationCount(s) >= rule.threshold(u"minFraction"_s) * ctx.portRangeSize();
    }
    return false;
}

double syncookieAndDropRate(const Context &ctx)
{
    double rate = 0;
    for (const char *name : {"TcpExt.TCPReqQFullDrop", "TcpExt.TCPReqQFullDoCookies"})
        rate += ctx.history.counterRate(QByteArrayView(name)).value_or(0);
    return rate;
}

// The states a condition concerns: a socket in another state is never tried against it.
quint32 statesOf(Condition condition)
{
    // Full sockets that can have data in flight, and so a retransmit or zero-window timer.
    const quint32 sending = stateBit(TcpState::Established) | stateBit(TcpState::CloseWait) |
        stateBit(TcpState::FinWait1) | stateBit(TcpState::Closing) | stateBit(TcpState::LastAck);
    switch (condition) {
    case Condition::CloseWait:
        return stateBit(TcpState::CloseWait);
    case Condition::OrphanFinWait2:
        return stateBit(TcpState::FinWait2);
    case Condition::SynSentUnanswered:
        return stateBit(TcpState::SynSent);
    case Condition::SynAckUnanswered:
    case Condition::AckedRequests:
        return stateBit(TcpState::NewSynRecv);
    case Condition::AcceptQueueFull:
    case Condition::SynQueueOverflow:
        return stateBit(TcpState::Listen);
    case Condition::PeerZeroWindow:
    case Condition::Retransmitting:
        return sending;
    case Condition::KeepaliveUnanswered:
        return stateBit(TcpState::Established);
    case Condition::TimeWaitPileUp:
        return stateBit(TcpState::TimeWait);
    case Condition::PortExhaustion:
        return ~(stateBit(TcpState::Listen) | stateBit(TcpState::NewSynRecv));
    }
    return 0;
}

// Whether a rule can hold for any socket of the snapshot: most cannot, and then its pass over every
// socket is skipped (the diagnosis runs on the GUI thread with every snapshot).
bool mayHold(const DiagnosisRule &rule, const Context &ctx)
{
    const auto any = [&](TcpState state) {
        return ctx.stateCounts[std::size_t(state)] > 0;
    };
    switch (rule.condition) {
    case Condition::CloseWait:
        return any(TcpState::CloseWait);
    case Condition::OrphanFinWait2:
        return any(TcpState::FinWait2);
    case Condition::SynSentUnanswered:
        return any(TcpState::SynSent);
    case Condition::SynAckUnanswered:
    case Condition::AckedRequests:
        return any(TcpState::NewSynRecv);
    case Condition::AcceptQueueFull:
        return any(TcpState::Listen);
    case Condition::PortExhaustion:
        return ctx.busiestDestination() >= rule.threshold(u"minFraction"_s) * ctx.portRangeSize();
    default:
        return true;
    }
}

// The namespace-wide conditions: whether they hold at all.
bool holdsAnywhere(const DiagnosisRule &rule, const Context &ctx)
{
    switch (rule.condition) {
    case Condition::SynQueueOverflow:
        // tcp_conn_request(): a full SYN queue drops the SYN (TCPReqQFullDrop) or, with syncookies,
        // answers it with a cookie and keeps no request (TCPReqQFullDoCookies).
        return syncookieAndDropRate(ctx) > rule.threshold(u"minPerSecond"_s);
    case Condition::TimeWaitPileUp: {
        // inet_twsk_alloc() refuses a timewait socket past tcp_max_tw_buckets: the connection closes
        // at once instead (TCPTimeWaitOverflow).
        const qint64 limit = ctx.history.sysctlNumber(u"net.ipv4.tcp_max_tw_buckets"_s, 0);
        const bool nearLimit = limit > 0 && ctx.timeWaitCount >= rule.threshold(u"minFraction"_s) * double(limit);
        return nearLimit || ctx.history.counterRate("TcpExt.TCPTimeWaitOverflow").value_or(0) > 0;
    }
    default:
        return false;
    }
}

// For namespace-wide rules, the sockets they concern.
bool concerns(const DiagnosisRule &rule, const Context &ctx, int i)
{
    const SocketRecord &s = ctx.socket(i);
    switch (rule.condition) {
    case Condition::SynQueueOverflow:
        return s.state == TcpState::Listen && ctx.synQueueByIndex.value(i) > 0;
    case Condition::TimeWaitPileUp:
        return s.state == TcpState::TimeWait;
    default:
        return holds(rule, ctx, i);
    }
}

bool isNamespaceWide(const DiagnosisRule &rule)
{
    return rule.condition == Condition::SynQueueOverflow || rule.condition == Condition::TimeWaitPileUp;
}

QString ownerText(const Context &ctx, const SocketRecord &s)
{
    OwnerAbsence absence = OwnerAbsence::NotResolved;
    if (const SocketOwner *owner = ctx.snapshot.owner(s, &absence))
        return u"%1 (pid %2, %3)"_s.arg(owner->command).arg(owner->pid).arg(owner->user);
    switch (absence) {
    case OwnerAbsence::NoInodeTimeWait:
        return DiagnoserTexts::tr("no process: a timewait socket belongs to the kernel alone");
    case OwnerAbsence::NoInodeRequest:
        return DiagnoserTexts::tr("no process: a SYN-queue entry is not a socket any process holds");
    case OwnerAbsence::NoInodeNotAccepted:
        return DiagnoserTexts::tr("no process yet: waiting in the accept queue for accept()");
    case OwnerAbsence::NoInodeOrphan:
        return DiagnoserTexts::tr("no process: closed by its application, the kernel finishes it (an orphan)");
    case OwnerAbsence::NotPermitted:
        return DiagnoserTexts::tr("another user's process (run as root to see which)");
    case OwnerAbsence::NotFoundYet:
    case OwnerAbsence::NotResolved:
    case OwnerAbsence::HasOwner:
        break;
    }
    return DiagnoserTexts::tr("not known");
}

QString processText(const Context &ctx, const SocketRecord &s)
{
    if (const SocketOwner *owner = ctx.snapshot.owner(s))
        return owner->command;
    return isOrphan(s) ? DiagnoserTexts::tr("no process") : DiagnoserTexts::tr("an unknown process");
}

// The time a socket's retransmissions may take before the kernel gives up, with the sysctls in force.
double giveUpSeconds(const Context &ctx, const SocketRecord &s)
{
    if (s.state == TcpState::SynSent)
        return synGiveUpSeconds(int(ctx.history.sysctlNumber(u"net.ipv4.tcp_syn_retries"_s, 6)),
            int(ctx.history.sysctlNumber(u"net.ipv4.tcp_syn_linear_timeouts"_s, 0)));
    if (s.hasFlag(IsRequest))
        return synAckGiveUpSeconds(int(ctx.history.sysctlNumber(u"net.ipv4.tcp_synack_retries"_s, 5)));
    if (s.timer == TimerKind::KeepAlive)
        return double(ctx.history.sysctlNumber(u"net.ipv4.tcp_keepalive_intvl"_s, 75)) *
            double(ctx.history.sysctlNumber(u"net.ipv4.tcp_keepalive_probes"_s, 9));
    // tcp_write_timeout(): an orphan uses tcp_orphan_retries (0 means 8, tcp_orphan_retries()),
    // everything else tcp_retries2; both are time budgets from TCP_RTO_MIN (200 ms).
    if (isOrphan(s)) {
        const qint64 orphanRetries = ctx.history.sysctlNumber(u"net.ipv4.tcp_orphan_retries"_s, 0);
        return modelTimeout(orphanRetries == 0 ? 8 : int(orphanRetries), 0.2);
    }
    return modelTimeout(int(ctx.history.sysctlNumber(u"net.ipv4.tcp_retries2"_s, 15)), 0.2);
}

QString counterText(const Context &ctx, const QString &name)
{
    const auto value = ctx.history.counterValue(name.toLatin1());
    if (!value)
        return DiagnoserTexts::tr("not read yet");
    const auto rate = ctx.history.counterRate(name.toLatin1());
    if (!rate)
        return QString::number(*value);
    // Overflows and drops come in bursts (a SYN-ACK retransmission draws the next final ACK): between
    // two, "56 (0.0/s)" read as if nothing had happened.
    if (*rate < 0.05)
        return DiagnoserTexts::tr("%1 (not rising just now)").arg(*value);
    return DiagnoserTexts::tr("%1 (%2/s)").arg(*value).arg(QString::number(*rate, 'f', 1));
}

QString rateText(const Context &ctx, const QString &name)
{
    const auto rate = ctx.history.counterRate(name.toLatin1());
    return rate ? u"%1/s"_s.arg(QString::number(*rate, 'f', 1)) : DiagnoserTexts::tr("(rate not known yet)");
}

// A fact of the namespace for a {placeholder}, whatever the socket; empty when `name` is not one.
QString namespaceFact(const Context &ctx, const QString &name)
{
    if (name == "portRange"_L1)
        return u"%1–%2 (%3 ports)"_s.arg(ctx.portLow).arg(ctx.portHigh).arg(ctx.portRangeSize());
    if (name == "twCount"_L1)
        return QString::number(ctx.timeWaitCount);
    if (name == "twLimit"_L1)
        return QString::number(ctx.history.sysctlNumber(u"net.ipv4.tcp_max_tw_buckets"_s, 0));
    if (name.startsWith("sysctl:"_L1))
        return ctx.history.sysctl(name.mid(7)).value_or(DiagnoserTexts::tr("not known"));
    if (name.startsWith("counter:"_L1))
        return counterText(ctx, name.mid(8));
    if (name.startsWith("rate:"_L1))
        return rateText(ctx, name.mid(5));
    return QString();
}

// One socket's fact for a {placeholder}.
QString socketFact(const Context &ctx, int i, const QString &name)
{
    if (const QString fact = namespaceFact(ctx, name); !fact.isEmpty())
        return fact;
    const SocketRecord &s = ctx.socket(i);
    const int listener = s.state == TcpState::Listen ? i : ctx.listenerOf(i);
    if (name == "state"_L1)
        return stateRfcName(s.displayState());
    if (name == "age"_L1)
        return ageText(ctx.history.stateAge(s, ctx.nowNs));
    // A request socket has no process of its own: the one to act on is its listener's.
    const SocketRecord &owned = s.hasFlag(IsRequest) && listener >= 0 ? ctx.socket(listener) : s;
    if (name == "process"_L1)
        return processText(ctx, owned);
    if (name == "pid"_L1) {
        const SocketOwner *owner = ctx.snapshot.owner(owned);
        return owner ? QString::number(owner->pid) : u"?"_s;
    }
    if (name == "owner"_L1)
        return ownerText(ctx, s);
    if (name == "local"_L1)
        return s.localEndpoint();
    if (name == "remote"_L1)
        return s.remoteEndpoint();
    if (name == "recvq"_L1)
        return QString::number(s.receiveQueue);
    if (name == "sendq"_L1)
        return QString::number(s.sendQueue);
    if (name == "timerLeft"_L1)
        return durationText(double(s.timerExpiresMs) / 1000);
    if (name == "retries"_L1)
        return QString::number(timerRetries(s));
    if (name == "probes"_L1)
        return QString::number(std::max<int>(s.info.probes, s.timer == TimerKind::KeepAlive ? timerRetries(s) : 0));
    if (name == "limit"_L1 || name == "length"_L1 || name == "listener"_L1 || name == "synQueue"_L1) {
        if (listener < 0)
            return DiagnoserTexts::tr("(no listener in this namespace)");
        const SocketRecord &l = ctx.socket(listener);
        if (name == "limit"_L1)
            return QString::number(l.sendQueue);
        if (name == "length"_L1)
            return QString::number(l.receiveQueue);
        if (name == "synQueue"_L1)
            return QString::number(ctx.synQueueByIndex.value(listener));
        return l.localEndpoint();
    }
    if (name == "giveUp"_L1)
        return durationText(giveUpSeconds(ctx, s));
    if (name == "left"_L1) {
        const double left = giveUpSeconds(ctx, s) - ctx.history.stateAge(s, ctx.nowNs).seconds;
        return durationText(std::max(left, 0.0));
    }
    if (name == "peerState"_L1) {
        const int peer = ctx.peerOf(i);
        return peer < 0 ? DiagnoserTexts::tr("not in this namespace")
                        : QString(stateRfcName(ctx.socket(peer).displayState()));
    }
    if (name == "destination"_L1)
        return s.remoteEndpoint();
    if (name == "portsUsed"_L1)
        return QString::number(ctx.destinationCount(s));
    return u'{' + name + u'}';
}

QString fill(const QString &text, const std::function<QString(const QString &)> &fact)
{
    static const QRegularExpression braces(u"\\{([^{}]*)\\}"_s);
    QString out;
    qsizetype from = 0;
    for (auto it = braces.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        out += QStringView(text).sliced(from, match.capturedStart() - from);
        out += fact(match.captured(1));
        from = match.capturedEnd();
    }
    out += QStringView(text).sliced(from);
    return out;
}

QString timerText(const SocketRecord &s)
{
    switch (s.timer) {
    case TimerKind::None:
        return DiagnoserTexts::tr("none");
    case TimerKind::Retransmit:
        return DiagnoserTexts::tr("retransmission in %1, %2 sent so far")
            .arg(durationText(double(s.timerExpiresMs) / 1000))
            .arg(s.timerRetransmits);
    case TimerKind::KeepAlive:
        return DiagnoserTexts::tr("keepalive in %1, %2 probes unanswered")
            .arg(durationText(double(s.timerExpiresMs) / 1000))
            .arg(s.timerRetransmits);
    case TimerKind::TimeWait:
        return DiagnoserTexts::tr("ends in %1").arg(durationText(double(s.timerExpiresMs) / 1000));
    case TimerKind::ZeroWindowProbe:
        return DiagnoserTexts::tr("zero-window probe in %1, %2 probes so far")
            .arg(durationText(double(s.timerExpiresMs) / 1000))
            .arg(s.timerRetransmits);
    }
    return DiagnoserTexts::tr("none");
}

DiagnosisEvidence evidence(const Context &ctx, int i, const QString &name)
{
    using Kind = DiagnosisEvidence::Kind;
    const SocketRecord &s = ctx.socket(i);
    if (name.startsWith("sysctl:"_L1)) {
        const QString key = name.mid(7);
        return {Kind::Sysctl, key, key.section(u'.', -1),
            ctx.history.sysctl(key).value_or(DiagnoserTexts::tr("not known"))};
    }
    if (name.startsWith("counter:"_L1))
        return {Kind::Counter, name.mid(8), name.mid(8), counterText(ctx, name.mid(8))};
    const bool info = s.info.isPresent();
    const QString noInfo = DiagnoserTexts::tr("not reported (no tcp_info for this kind of socket)");
    if (name == "state"_L1)
        return {
            Kind::State, stateRfcName(s.displayState()), DiagnoserTexts::tr("State"), stateRfcName(s.displayState())};
    if (name == "age"_L1)
        return {Kind::Age, name, DiagnoserTexts::tr("In this state for"), ageText(ctx.history.stateAge(s, ctx.nowNs))};
    if (name == "timer"_L1)
        return {Kind::Timer, timerName(s.timer), DiagnoserTexts::tr("Timer"), timerText(s)};
    if (name == "recvq"_L1)
        return {Kind::Queue, name, DiagnoserTexts::tr("Recv-Q"), QString::number(s.receiveQueue)};
    if (name == "sendq"_L1)
        return {Kind::Queue, name, DiagnoserTexts::tr("Send-Q"), QString::number(s.sendQueue)};
    if (name == "retransmits"_L1)
        return {Kind::TcpInfo, name, u"tcpi_retransmits"_s, info ? QString::number(s.info.retransmits) : noInfo};
    if (name == "probes"_L1)
        return {Kind::TcpInfo, name, u"tcpi_probes"_s, info ? QString::number(s.info.probes) : noInfo};
    if (name == "sendWindow"_L1)
        return {Kind::TcpInfo, name, u"tcpi_snd_wnd"_s, info ? QString::number(s.info.sendWindow) : noInfo};
    if (name == "unacked"_L1)
        return {Kind::TcpInfo, name, u"tcpi_unacked"_s, info ? QString::number(s.info.unacked) : noInfo};
    if (name == "lastAck"_L1)
        return {Kind::TcpInfo, name, u"tcpi_last_ack_recv"_s,
            info ? DiagnoserTexts::tr("%1 ago").arg(durationText(double(s.info.lastAckReceivedMs) / 1000)) : noInfo};
    if (name == "owner"_L1)
        return {Kind::Owner, name, DiagnoserTexts::tr("Process"), ownerText(ctx, s)};
    if (name == "acceptQueue"_L1)
        return {Kind::Listener, name, DiagnoserTexts::tr("Accept queue"),
            DiagnoserTexts::tr("%1 of %2").arg(socketFact(ctx, i, u"length"_s), socketFact(ctx, i, u"limit"_s))};
    if (name == "synQueue"_L1)
        return {Kind::Listener, name, DiagnoserTexts::tr("SYN queue"), socketFact(ctx, i, u"synQueue"_s)};
    if (name == "listener"_L1)
        return {Kind::Listener, name, DiagnoserTexts::tr("Listener"), socketFact(ctx, i, u"listener"_s)};
    if (name == "peer"_L1) {
        const int peer = ctx.peerOf(i);
        return {Kind::Peer, name, DiagnoserTexts::tr("Other end"),
            peer < 0 ? DiagnoserTexts::tr("not in this namespace")
                     : u"%1 %2"_s.arg(stateRfcName(ctx.socket(peer).displayState()), ctx.socket(peer).localEndpoint())};
    }
    if (name == "destination"_L1)
        return {Kind::Peer, name, DiagnoserTexts::tr("Destination"),
            DiagnoserTexts::tr("%1: %2 connections, port range %3")
                .arg(s.remoteEndpoint(), socketFact(ctx, i, u"portsUsed"_s), socketFact(ctx, i, u"portRange"_s))};
    return {Kind::State, name, name, QString()};
}

DiagnosisSentence sentence(const DiagnosisRule::Sentence &source, const Context &ctx, int i, const QString &ruleId)
{
    DiagnosisSentence out;
    out.text = fill(source.text, [&](const QString &name) { return socketFact(ctx, i, name); });
    out.ruleId = ruleId;
    for (const QString &name : source.evidence)
        out.evidence.append(evidence(ctx, i, name));
    return out;
}

double severityWeight(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return 1;
    case Severity::Warning:
        return 10;
    case Severity::Error:
        return 100;
    }
    return 1;
}

} // namespace

Diagnoser::Diagnoser(const DiagnosisRuleSet &rules)
    : m_rules(rules)
{
}

DiagnosisReport Diagnoser::diagnose(const SocketSnapshot &snapshot, const DiagnosisHistory &history) const
{
    DiagnosisReport report;
    report.generation = snapshot.generation();
    report.monotonicNs = snapshot.monotonicNs();
    report.takenAt = snapshot.takenAt();
    if (snapshot.isNull())
        return report;
    const Context ctx(snapshot, history, m_rules);
    // The rules that may hold, each with what it found so far; then one pass over the sockets, each
    // trying only the rules that concern its state (a pass per rule reads the whole snapshot from
    // memory again, which is most of the cost at 100,000 sockets).
    struct Finding
    {
        const DiagnosisRule *rule = nullptr;
        bool wide = false;
        DiagnosisProblem problem;
        int oldest = -1;
        QStringList processes; // the first few, for the summary
    };
    std::vector<Finding> findings;
    std::array<QVarLengthArray<int, 4>, TcpStateCount> byState;
    for (const DiagnosisRule &rule : m_rules.rules()) {
        const bool wide = isNamespaceWide(rule);
        if (wide ? !holdsAnywhere(rule, ctx) : !mayHold(rule, ctx))
            continue;
        findings.push_back({&rule, wide, {}, -1, {}});
        findings.back().problem.sinceNs = ctx.nowNs;
        for (int state = 0; state < TcpStateCount; ++state) {
            if (statesOf(rule.condition) & stateBit(TcpState(state)))
                byState[std::size_t(state)].append(int(findings.size() - 1));
        }
    }
    const int count = int(snapshot.sockets().size());
    // A socket a rule concerns has its age read from the history: a lookup in a table of every
    // socket, asked for ahead as the history's own update does (docs/benchmarks.md).
    constexpr int IndexAhead = 16;
    constexpr int EntryAhead = 8;
    for (int i = 0; i < count; ++i) {
        if (i + IndexAhead < count && !byState[std::size_t(ctx.socket(i + IndexAhead).state)].isEmpty())
            history.prefetchIndex(ctx.socket(i + IndexAhead).cookie);
        if (i + EntryAhead < count && !byState[std::size_t(ctx.socket(i + EntryAhead).state)].isEmpty())
            history.prefetchEntry(ctx.socket(i + EntryAhead).cookie);
        const SocketRecord &socket = ctx.socket(i);
        for (const int f : byState[std::size_t(socket.state)]) {
            Finding &finding = findings[std::size_t(f)];
            const DiagnosisRule &rule = *finding.rule;
            if (!(finding.wide ? concerns(rule, ctx, i) : holds(rule, ctx, i)))
                continue;
            DiagnosisProblem &problem = finding.problem;
            problem.cookies.append(socket.cookie);
            if (const SocketOwner *owner = finding.processes.size() < 3 ? snapshot.owner(socket) : nullptr) {
                const QString text = u"%1 (%2)"_s.arg(owner->command).arg(owner->pid);
                if (!finding.processes.contains(text))
                    finding.processes.append(text);
            }
            auto age = history.stateAge(socket, ctx.nowNs);
            if (rule.condition == Condition::AcceptQueueFull) {
                if (const auto full = history.acceptQueueFullSinceNs(socket.cookie))
                    age = {double(ctx.nowNs - *full) / 1e9, *full <= history.firstSnapshotNs(), *full};
            }
            if (finding.oldest < 0 || age.sinceNs < problem.sinceNs) {
                problem.sinceNs = age.sinceNs;
                problem.sinceAtLeast = age.atLeast;
                finding.oldest = i;
            }
        }
    }
    for (Finding &finding : findings) {
        const DiagnosisRule &rule = *finding.rule;
        const bool wide = finding.wide;
        DiagnosisProblem &problem = finding.problem;
        const int oldest = finding.oldest;
        const QStringList &processes = finding.processes;
        const double minCount = rule.thresholds.value(u"minCount"_s, 1);
        if (!wide && (problem.cookies.isEmpty() || problem.cookies.size() < minCount))
            continue;
        problem.ruleId = rule.id;
        problem.severity = rule.severity;
        problem.title = rule.title;
        problem.lesson = rule.lesson;
        problem.sysctls = rule.sysctls;
        problem.counters = rule.counters;
        problem.since = snapshot.takenAt().addMSecs(-(ctx.nowNs - problem.sinceNs) / 1'000'000);
        const double ageSeconds = double(ctx.nowNs - problem.sinceNs) / 1e9;
        const auto problemFact = [&](const QString &name) -> QString {
            if (name == "count"_L1)
                return QString::number(problem.cookies.size());
            if (name == "oldest"_L1)
                return (problem.sinceAtLeast ? u"≥ "_s : QString()) + durationText(ageSeconds);
            if (name == "processes"_L1)
                return processes.isEmpty() ? DiagnoserTexts::tr("no process") : processes.join(u", "_s);
            if (const QString fact = namespaceFact(ctx, name); !fact.isEmpty())
                return fact;
            return oldest >= 0 ? socketFact(ctx, oldest, name) : u"?"_s;
        };
        problem.summary = fill(rule.summary, problemFact);
        problem.fix = fill(rule.fix, problemFact);
        problem.score = severityWeight(rule.severity) * (1 + std::log2(1.0 + double(problem.cookies.size()))) *
            (1 + std::log10(1 + ageSeconds));
        report.problems.append(std::move(problem));
    }
    std::stable_sort(report.problems.begin(), report.problems.end(),
        [](const DiagnosisProblem &a, const DiagnosisProblem &b) { return a.score > b.score; });
    return report;
}

SocketReading Diagnoser::explain(const SocketSnapshot &snapshot, int socketIndex, const DiagnosisHistory &history) const
{
    SocketReading reading;
    if (snapshot.isNull() || socketIndex < 0 || socketIndex >= int(snapshot.sockets().size()))
        return reading;
    const Context ctx(snapshot, history, m_rules);
    const SocketRecord &s = ctx.socket(socketIndex);
    reading.cookie = s.cookie;
    for (const DiagnosisRule::Sentence &text : m_rules.stateReading(s.displayState()))
        reading.sentences.append(sentence(text, ctx, socketIndex, QString()));
    QList<const DiagnosisRule *> matched;
    for (const DiagnosisRule &rule : m_rules.rules()) {
        const bool wide = isNamespaceWide(rule);
        if (wide ? holdsAnywhere(rule, ctx) && concerns(rule, ctx, socketIndex) : holds(rule, ctx, socketIndex))
            matched.append(&rule);
    }
    std::stable_sort(matched.begin(), matched.end(),
        [](const DiagnosisRule *a, const DiagnosisRule *b) { return a->severity > b->severity; });
    for (const DiagnosisRule *rule : matched) {
        reading.ruleIds.append(rule->id);
        if (!reading.severity || rule->severity > *reading.severity)
            reading.severity = rule->severity;
        for (const DiagnosisRule::Sentence &text : rule->reading)
            reading.sentences.append(sentence(text, ctx, socketIndex, rule->id));
        reading.fixes.append(fill(rule->fix, [&](const QString &name) { return socketFact(ctx, socketIndex, name); }));
    }
    return reading;
}

} // namespace TcpLens
