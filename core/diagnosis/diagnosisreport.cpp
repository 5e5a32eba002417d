// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosisreport.h"

namespace TcpLens {

const DiagnosisProblem *DiagnosisReport::find(const QString &ruleId) const &
{
    for (const DiagnosisProblem &problem : problems) {
        if (problem.ruleId == ruleId)
            return &problem;
    }
    return nullptr;
}

} // namespace TcpLens
