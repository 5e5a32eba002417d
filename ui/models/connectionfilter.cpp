// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionfilter.h"

#include "model/socketrecord.h"

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// "time_wait", "TIME-WAIT", "timewait" and "Time Wait" are one state to a user.
QString normalizedStateText(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            result.append(c.toUpper());
    }
    return result;
}

struct StateAlias
{
    QLatin1StringView name; // normalized: letters and digits, upper case
    TcpState state;
};

// Names people use that are neither ss's nor RFC 9293's: ss's state filter words ("listening",
// "closed"), netstat's (SYN_RCVD) and the short forms of teaching material ("tw", "fin1").
constexpr StateAlias StateAliases[] = {
    {"TW"_L1, TcpState::TimeWait},
    {"FIN1"_L1, TcpState::FinWait1},
    {"FIN2"_L1, TcpState::FinWait2},
    {"FW1"_L1, TcpState::FinWait1},
    {"FW2"_L1, TcpState::FinWait2},
    {"SYNRCVD"_L1, TcpState::SynRecv},
    {"LISTENING"_L1, TcpState::Listen},
    {"UNCONN"_L1, TcpState::Close},
    {"CW"_L1, TcpState::CloseWait},
};

// The states a user filters by, in the order of a connection's life: request sockets are shown, and
// filtered, as SYN-RECV.
QList<TcpState> filterableStates()
{
    return {TcpState::Listen, TcpState::SynSent, TcpState::SynRecv, TcpState::Established, TcpState::FinWait1,
        TcpState::FinWait2, TcpState::Closing, TcpState::TimeWait, TcpState::CloseWait, TcpState::LastAck,
        TcpState::Close};
}

QString stateWord(TcpState state)
{
    return QString(stateName(state)).toLower();
}

QString stateWords(const QList<TcpState> &states)
{
    QStringList words;
    for (const TcpState state : states)
        words.append(stateWord(state));
    return words.join(u", "_s);
}

// Edits between two words, a swap of neighbours counting as one ("prot" is one from "port"), for
// "did you mean" on a mistyped key. Keys are a few letters long.
int editDistance(QStringView a, QStringView b)
{
    QList<QList<int>> d(a.size() + 1, QList<int>(b.size() + 1));
    for (qsizetype i = 0; i <= a.size(); ++i)
        d[i][0] = int(i);
    for (qsizetype j = 0; j <= b.size(); ++j)
        d[0][j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// "prot" in "prot:8080" looks like a key; "fe80" in "fe80::1" and "127.0.0.1" in "127.0.0.1:80" do
// not. Only letters, and at least one that is not a hex digit, so an IPv6 group stays free text.
bool looksLikeKey(QStringView word)
{
    if (word.isEmpty())
        return false;
    bool beyondHex = false;
    for (const QChar c : word) {
        if (c < u'a' || c > u'z')
            return false;
        beyondHex |= c > u'f';
    }
    return beyondHex;
}

} // namespace

ConnectionFilter::StateMatch ConnectionFilter::stateFromText(const QString &text)
{
    StateMatch match;
    const QString wanted = normalizedStateText(text);
    if (wanted.isEmpty())
        return match;
    // Every name of every state: ss's, RFC 9293's and the aliases. An exact name wins over prefixes
    // ("closed" is CLOSED, not also CLOSE-WAIT); otherwise a prefix must name one state only.
    QList<TcpState> prefixOf;
    const auto consider = [&](QLatin1StringView name, TcpState state) {
        const QString candidate = normalizedStateText(QString(name));
        if (candidate == wanted) {
            match.state = state;
            return true;
        }
        if (candidate.startsWith(wanted) && !prefixOf.contains(state))
            prefixOf.append(state);
        return false;
    };
    for (const TcpState state : filterableStates()) {
        if (consider(stateName(state), state) || consider(stateRfcName(state), state))
            return match;
    }
    for (const StateAlias &alias : StateAliases) {
        if (consider(alias.name, alias.state))
            return match;
    }
    if (prefixOf.size() == 1)
        match.state = prefixOf.constFirst();
    else if (prefixOf.size() > 1)
        match.candidates = prefixOf;
    return match;
}

const QStringList &ConnectionFilter::stateKeys()
{
    static const QStringList keys{u"state"_s, u"s"_s};
    return keys;
}

const QStringList &ConnectionFilter::keys()
{
    static const QStringList keys{u"state"_s, u"s"_s, u"port"_s, u"lport"_s, u"sport"_s, u"rport"_s, u"dport"_s,
        u"addr"_s, u"address"_s, u"ip"_s, u"proc"_s, u"process"_s, u"pid"_s};
    return keys;
}

ConnectionFilter ConnectionFilter::parse(const QString &text)
{
    ConnectionFilter filter;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString word : words) {
        Term term;
        if (word.size() > 1 && word.startsWith(QLatin1Char('-'))) {
            term.negated = true;
            word.remove(0, 1);
        }
        const qsizetype colon = word.indexOf(QLatin1Char(':'));
        // "127.0.0.1:80" and "[::1]:80" are free text, not keys: only a known key before the colon counts.
        const QString key = colon > 0 ? word.left(colon).toLower() : QString();
        const QString value = colon > 0 ? word.mid(colon + 1) : word;
        // The example fits the key: "state:" is not completed with a port.
        const auto needValue = [&](const QString &what, const QString &example) {
            if (value.isEmpty())
                filter.m_errors.append(tr("'%1' needs %2, e.g. %1:%3").arg(key, what, example));
            return !value.isEmpty();
        };
        const auto portValue = [&](Key portKey) {
            if (!needValue(tr("a port number"), u"443"_s))
                return false;
            bool ok = false;
            const uint port = value.toUInt(&ok);
            if (!ok || port > 65535) {
                filter.m_errors.append(tr("'%1' is not a port (0–65535)").arg(value));
                return false;
            }
            term.key = portKey;
            term.port = quint16(port);
            return true;
        };
        bool ok = true;
        if (stateKeys().contains(key)) {
            ok = needValue(tr("a state"), u"estab"_s);
            if (ok) {
                const StateMatch state = stateFromText(value);
                if (state.state) {
                    term.key = Key::State;
                    term.state = *state.state;
                } else if (!state.candidates.isEmpty()) {
                    QStringList candidates = stateWords(state.candidates).split(u", "_s);
                    const QString last = candidates.takeLast();
                    filter.m_errors.append(
                        tr("ambiguous state '%1': %2 or %3?").arg(value, candidates.join(u", "_s), last));
                    ok = false;
                } else {
                    filter.m_errors.append(tr("unknown state '%1' (states: %2; or tw, fin1, fin2)")
                            .arg(value, stateWords(filterableStates())));
                    ok = false;
                }
            }
        } else if (key == u"port"_s) {
            ok = portValue(Key::Port);
        } else if (key == u"lport"_s || key == u"sport"_s) {
            ok = portValue(Key::LocalPort);
        } else if (key == u"rport"_s || key == u"dport"_s) {
            ok = portValue(Key::RemotePort);
        } else if (key == u"addr"_s || key == u"address"_s || key == u"ip"_s) {
            ok = needValue(tr("an address or part of one"), u"10.0.0"_s);
            term.key = Key::Address;
            term.text = value;
        } else if (key == u"proc"_s || key == u"process"_s || key == u"pid"_s) {
            ok = needValue(tr("a process name or PID"), u"nginx"_s);
            term.key = Key::Process;
            term.text = value;
        } else if (looksLikeKey(key)) {
            // A typo in a key would otherwise be searched for as text, and empty the table unexplained.
            QString closest;
            int best = 3;
            for (const QString &known : keys()) {
                if (const int distance = editDistance(key, known); distance < best) {
                    best = distance;
                    closest = known;
                }
            }
            filter.m_errors.append(closest.isEmpty()
                    ? tr("unknown key '%1' (keys: state, port, lport, rport, addr, proc)").arg(key)
                    : tr("unknown key '%1' (did you mean %2:?)").arg(key, closest));
            ok = false;
        } else {
            term.key = Key::Text;
            term.text = word;
        }
        if (ok)
            filter.m_terms.append(term);
    }
    return filter;
}

QString ConnectionFilter::syntaxHint()
{
    return tr("Filter (Ctrl+F): text  state:estab  state:tw  port:443  addr:10.0.0.1  proc:nginx  -state:listen");
}

QString ConnectionFilter::syntaxHelp()
{
    return tr("<p>Words narrow the table: every word must match.</p>"
              "<p><b>text</b> anywhere in a row · <b>state:</b>estab, listen, syn-recv, time-wait, tw, fin1 … "
              "(ss or RFC names, any unambiguous prefix) · <b>port:</b>443 (either end; <b>lport:</b>443, "
              "<b>rport:</b>443 for one) · <b>addr:</b>10.0.0 · <b>proc:</b>nginx or a PID · a leading <b>-</b> "
              "excludes (-state:listen) · the same key twice means either (state:fin1 state:fin2).</p>");
}

QString ConnectionFilter::stateTerm(TcpState state)
{
    const TcpState shown = state == TcpState::NewSynRecv ? TcpState::SynRecv : state;
    return u"state:"_s + QString(stateName(shown)).toLower();
}

QString ConnectionFilter::withStateTerm(const QString &text, TcpState state)
{
    QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    words.removeIf([](const QString &word) {
        const QStringView term = QStringView(word).startsWith(QLatin1Char('-')) ? QStringView(word).mid(1) : word;
        const qsizetype colon = term.indexOf(QLatin1Char(':'));
        return colon > 0 && stateKeys().contains(term.left(colon).toString().toLower());
    });
    words.append(stateTerm(state));
    return words.join(QLatin1Char(' '));
}

bool ConnectionFilter::isEmpty() const
{
    return m_terms.isEmpty();
}

bool ConnectionFilter::readsEndpoints() const
{
    return std::any_of(m_terms.cbegin(), m_terms.cend(),
        [](const Term &term) { return term.key == Key::Address || term.key == Key::Text; });
}

bool ConnectionFilter::termMatches(const Term &term, const SocketRecord &socket, const RowText &text) const
{
    switch (term.key) {
    case Key::State:
        return socket.displayState() == term.state;
    case Key::Port:
        return socket.localPort == term.port || socket.remotePort == term.port;
    case Key::LocalPort:
        return socket.localPort == term.port;
    case Key::RemotePort:
        return socket.remotePort == term.port;
    case Key::Address:
        return text.local.contains(term.text, Qt::CaseInsensitive) ||
            text.remote.contains(term.text, Qt::CaseInsensitive);
    case Key::Process:
        return text.process.contains(term.text, Qt::CaseInsensitive);
    case Key::Text:
        return text.local.contains(term.text, Qt::CaseInsensitive) ||
            text.remote.contains(term.text, Qt::CaseInsensitive) ||
            text.process.contains(term.text, Qt::CaseInsensitive) ||
            text.user.contains(term.text, Qt::CaseInsensitive) ||
            stateName(socket.displayState()).contains(term.text, Qt::CaseInsensitive);
    }
    return false;
}

bool ConnectionFilter::matches(const SocketRecord &socket, const RowText &text) const
{
    // Same-key positive terms are alternatives; different keys must all hold; negations all exclude.
    constexpr int KeyCount = int(Key::Process) + 1;
    std::array<int, KeyCount> wanted{};
    std::array<bool, KeyCount> found{};
    for (const Term &term : m_terms) {
        const bool hit = termMatches(term, socket, text);
        if (term.negated) {
            if (hit)
                return false;
            continue;
        }
        // Free-text words each have to match: "nginx 443" narrows, it does not widen.
        if (term.key == Key::Text) {
            if (!hit)
                return false;
            continue;
        }
        ++wanted[std::size_t(term.key)];
        found[std::size_t(term.key)] |= hit;
    }
    for (int key = 0; key < KeyCount; ++key) {
        if (wanted[std::size_t(key)] > 0 && !found[std::size_t(key)])
            return false;
    }
    return true;
}

} // namespace TcpLens
