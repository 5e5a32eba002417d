// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the diagnosis rules' parser, as `tcplens doctor --rules FILE` would. It
// must neither crash nor accept a rule set that breaks what the Diagnoser relies on (docs/diagnosis.md,
// "Rules"); ASan and UBSan watch. Seeds: resources/diagnosis/rules.json.
#include "diagnosis/diagnosisruleset.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QString &locale : {QString(), u"zh_CN"_s}) {
        const auto rules = TcpLens::DiagnosisRuleSet::parse(json, locale);
        if (!rules) {
            if (rules.error().isEmpty()) // a refusal says why
                __builtin_trap();
            continue;
        }
        // Accepted: unique ids, texts to show, every threshold of the condition present and not negative.
        QSet<QString> ids;
        for (const TcpLens::DiagnosisRule &rule : rules->rules()) {
            if (rule.id.isEmpty() || ids.contains(rule.id) || rule.title.isEmpty() || rule.reading.isEmpty())
                __builtin_trap();
            ids.insert(rule.id);
            const auto defaults = TcpLens::DiagnosisRuleSet::defaultThresholds(rule.condition);
            for (auto it = defaults.cbegin(); it != defaults.cend(); ++it) {
                if (!rule.thresholds.contains(it.key()) || rule.thresholds.value(it.key()) < 0)
                    __builtin_trap();
            }
        }
    }
    return 0;
}
