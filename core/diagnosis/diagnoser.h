// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagnosis/diagnosishistory.h"
#include "diagnosis/diagnosisreport.h"
#include "diagnosis/diagnosisruleset.h"
#include "model/socketsnapshot.h"

namespace TcpLens {

// Reads a snapshot for people: which rules hold, for which sockets, and why each socket is where it is.
// Pure: the same snapshot, history and rules give the same report, whatever the source (the live
// kernel, a lab, a recording). Cheap per socket; texts are filled in only for what is shown.
class Diagnoser
{
public:
    explicit Diagnoser(const DiagnosisRuleSet &rules = DiagnosisRuleSet::builtIn());

    DiagnosisReport diagnose(const SocketSnapshot &snapshot, const DiagnosisHistory &history) const;
    // The reading of one socket of `snapshot` (its index in sockets()).
    SocketReading explain(const SocketSnapshot &snapshot, int socketIndex, const DiagnosisHistory &history) const;

    const DiagnosisRuleSet &rules() const { return m_rules; }

private:
    DiagnosisRuleSet m_rules;
};

} // namespace TcpLens
