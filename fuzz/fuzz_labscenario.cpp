// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// Feeds arbitrary bytes to the lab's scenario parser as if a teacher had written them in
// $XDG_DATA_HOME/tcplens/lab/. It must neither crash nor accept a scenario that breaks the rules it
// promises (docs/lab.md, "Scenario files"); ASan and UBSan watch. Seeds: resources/lab/*.json.
#include "lab/labeventjson.h"
#include "lab/labscenarioparser.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QString &locale : {QString(), u"zh_CN"_s}) {
        const auto scenario = TcpLens::LabScenarioParser::parse(json, locale);
        // A refusal says why.
        if (!scenario) {
            if (scenario.error().isEmpty())
                __builtin_trap();
            continue;
        }
        // An accepted scenario has a name, steps with titles, unique expectation ids, and "nft" when it drops.
        if (scenario->name.isEmpty() || scenario->steps.isEmpty())
            __builtin_trap();
        QSet<QString> ids;
        for (const TcpLens::LabStep &step : scenario->steps) {
            if (step.title.isEmpty())
                __builtin_trap();
            for (const TcpLens::LabAction &action : step.actions) {
                if (action.kind == TcpLens::LabAction::Kind::Drop && !scenario->requiredTools.contains(u"nft"_s))
                    __builtin_trap();
            }
            for (const TcpLens::LabExpectation &expectation : step.expectations) {
                if (ids.contains(expectation.id))
                    __builtin_trap();
                ids.insert(expectation.id);
                (void)expectation.comparison.describe();
            }
        }
        // What `serve` sends the window for it.
        (void)TcpLens::LabEventJson::line(TcpLens::LabEventJson::loaded(*scenario));
    }
    return 0;
}
