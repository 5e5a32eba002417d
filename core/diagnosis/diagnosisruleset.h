// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosisrule.h"
#include "model/tcpstate.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <expected>

namespace TcpLens {

// The rules and the plain reading of each state (resources/diagnosis/rules.json). Parsing is pure and
// strict, as for lab scenarios: an unknown field, condition, threshold or evidence is an error naming
// its place ("rule 3 'close-wait-leak': unknown threshold 'minSecs'").
class DiagnosisRuleSet
{
public:
    // `locale` picks the translations ("zh_CN" takes "title[zh_CN]", else "title[zh]", else "title").
    static std::expected<DiagnosisRuleSet, QString> parse(const QByteArray &json, const QString &locale = QString());
    // The built-in rules (:/diagnosis/rules.json) in DisplayLanguage::current().
    static const DiagnosisRuleSet &builtIn();

    const QList<DiagnosisRule> &rules() const { return m_rules; }
    const DiagnosisRule *find(const QString &id) const;
    // Why a socket is in `state` at all, before any rule: the first sentences of every reading.
    QList<DiagnosisRule::Sentence> stateReading(TcpState state) const { return m_states.value(state); }

    // The thresholds each condition understands, with their defaults.
    static QHash<QString, double> defaultThresholds(DiagnosisRule::Condition condition);

private:
    QList<DiagnosisRule> m_rules;
    QHash<TcpState, QList<DiagnosisRule::Sentence>> m_states;
};

} // namespace TcpLens
