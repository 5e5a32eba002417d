// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionfilter.h"

#include "model/socketrecord.h"

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

} // namespace

std::optional<TcpState> ConnectionFilter::stateFromText(const QString &text)
{
    const QString wanted = normalizedStateText(text);
    if (wanted.isEmpty())
        return std::nullopt;
    // The ss name and the RFC name both count, and any unambiguous prefix of either ("estab", "fin1").
    std::optional<TcpState> prefixMatch;
    int prefixMatches = 0;
    for (int value = 1; value < TcpStateCount; ++value) {
        const auto state = TcpState(value);
        if (state == TcpState::NewSynRecv)
            continue; // request sockets are shown, and filtered, as SYN-RECV
        for (const QLatin1StringView name : {stateName(state), stateRfcName(state)}) {
            const QString candidate = normalizedStateText(QString(name));
            if (candidate == wanted)
                return state;
            if (candidate.startsWith(wanted)) {
                if (prefixMatch != state)
                    ++prefixMatches;
                prefixMatch = state;
            }
        }
    }
    if (prefixMatches == 1)
        return prefixMatch;
    // FIN-WAIT-1 is "FINWAIT1"; people write "fin1" or "finwait1".
    if (wanted == u"FIN1"_s)
        return TcpState::FinWait1;
    if (wanted == u"FIN2"_s)
        return TcpState::FinWait2;
    return std::nullopt;
}

const QStringList &ConnectionFilter::stateKeys()
{
    static const QStringList keys{u"state"_s, u"s"_s};
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
        const auto needValue = [&] {
            if (value.isEmpty())
                filter.m_errors.append(tr("'%1' needs a value, e.g. %1:443").arg(key));
            return !value.isEmpty();
        };
        const auto portValue = [&](Key portKey) {
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
            ok = needValue();
            if (ok) {
                const auto state = stateFromText(value);
                if (!state) {
                    filter.m_errors.append(
                        tr("unknown state '%1' (try estab, listen, syn-recv, time-wait)").arg(value));
                    ok = false;
                } else {
                    term.key = Key::State;
                    term.state = *state;
                }
            }
        } else if (key == u"port"_s) {
            ok = needValue() && portValue(Key::Port);
        } else if (key == u"lport"_s || key == u"sport"_s) {
            ok = needValue() && portValue(Key::LocalPort);
        } else if (key == u"rport"_s || key == u"dport"_s) {
            ok = needValue() && portValue(Key::RemotePort);
        } else if (key == u"addr"_s || key == u"address"_s || key == u"ip"_s) {
            ok = needValue();
            term.key = Key::Address;
            term.text = value;
        } else if (key == u"proc"_s || key == u"process"_s || key == u"pid"_s) {
            ok = needValue();
            term.key = Key::Process;
            term.text = value;
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
    return tr("Filter (Ctrl+F): text  state:estab  port:443  addr:10.0.0.1  proc:nginx  -state:listen");
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
