// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "diagnosisrule.h"

#include <array>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

using Condition = DiagnosisRule::Condition;

// The names rules.json writes, in the enum's order.
constexpr std::array<QLatin1StringView, 12> ConditionNames = {"close-wait"_L1, "orphan-fin-wait2"_L1,
    "syn-sent-unanswered"_L1, "synack-unanswered"_L1, "acked-requests"_L1, "accept-queue-full"_L1,
    "syn-queue-overflow"_L1, "peer-zero-window"_L1, "retransmitting"_L1, "keepalive-unanswered"_L1,
    "time-wait-pileup"_L1, "port-exhaustion"_L1};
static_assert(ConditionNames.size() == std::size_t(Condition::PortExhaustion) + 1);

} // namespace

QLatin1StringView conditionName(DiagnosisRule::Condition condition)
{
    return ConditionNames.at(std::size_t(condition));
}

std::optional<DiagnosisRule::Condition> conditionFromName(QStringView name)
{
    for (std::size_t i = 0; i < ConditionNames.size(); ++i) {
        if (name == ConditionNames[i])
            return Condition(i);
    }
    return std::nullopt;
}

QLatin1StringView severityName(DiagnosisRule::Severity severity)
{
    switch (severity) {
    case DiagnosisRule::Severity::Info:
        return "info"_L1;
    case DiagnosisRule::Severity::Warning:
        return "warning"_L1;
    case DiagnosisRule::Severity::Error:
        return "error"_L1;
    }
    return "warning"_L1;
}

} // namespace TcpLens
