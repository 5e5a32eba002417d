// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "model/tcpstate.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens {

struct SocketRecord;

// What the filter bar asks for: `state:estab port:443 addr:10.0.0 proc:nginx text`. Terms are
// combined with AND; a term with a leading '-' excludes what it would match; repeated keys of one
// kind are alternatives (`state:listen state:syn-recv`). Parsing is pure so it can be tested without
// a view, and matching works on the socket's fields, not on formatted cells, so that filtering
// 120,000 rows stays fast.
class ConnectionFilter
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::ConnectionFilter)
public:
    // The texts a row offers to free-text, address and process terms, formatted once by the model.
    struct RowText
    {
        const QString &local;
        const QString &remote;
        const QString &process;
        const QString &user;
    };

    // What a state word resolves to: one state, or the states an ambiguous prefix could mean.
    struct StateMatch
    {
        std::optional<TcpState> state;
        QList<TcpState> candidates; // two or more when the word is an ambiguous prefix ("syn")
    };

    static ConnectionFilter parse(const QString &text);
    // The placeholder that teaches the syntax.
    static QString syntaxHint();
    // The filter bar's tooltip: every key with an example.
    static QString syntaxHelp();
    // "estab", "ESTABLISHED", "tw", "fin1", "syn-recv", "time_wait" and any prefix that names one
    // state only. The ss name, the RFC 9293 name and the aliases ss, netstat and people use all count.
    static StateMatch stateFromText(const QString &text);
    // The keys the language knows ("state", "port", ...), with their synonyms.
    static const QStringList &keys();
    // "state:TIME-WAIT" for a click on the diagram: the term that selects one state.
    static QString stateTerm(TcpState state);
    // `text` with its state terms (negated ones too) replaced by stateTerm(state), the other words
    // kept in their order: what a click on a state of the diagram makes of what the user typed.
    static QString withStateTerm(const QString &text, TcpState state);

    bool isEmpty() const;
    // Why a term was not understood ("unknown state 'estabished'"); empty when all were.
    const QStringList &errors() const { return m_errors; }
    bool matches(const SocketRecord &socket, const RowText &text) const;
    // Whether matching reads RowText's local and remote endpoints (an address or a free-text term):
    // without such a term they need not be formatted.
    bool readsEndpoints() const;

private:
    enum class Key : quint8 { Text, State, Port, LocalPort, RemotePort, Address, Process };
    struct Term
    {
        Key key = Key::Text;
        bool negated = false;
        QString text; // Text, Address, Process
        quint16 port = 0;
        TcpState state = TcpState::Unknown;
    };

    static const QStringList &stateKeys();
    bool termMatches(const Term &term, const SocketRecord &socket, const RowText &text) const;

    QList<Term> m_terms;
    QStringList m_errors;
};

} // namespace TcpLens
