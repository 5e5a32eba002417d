// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labscenario.h"

#include <QByteArray>
#include <QString>

#include <expected>

namespace TcpLens {

// Reads a scenario file (docs/lab.md, "Scenario files"). Pure: bytes in, a scenario or one error out.
// Strict, because a teacher's typo must not become a silently different experiment: an unknown field,
// action or check, a value of the wrong type or out of range is an error that names where it is
// ("step 3, action 2: 'backlog' must be a whole number ≥ 0").
class LabScenarioParser
{
public:
    // `locale` picks the translations: "zh_CN" takes "title[zh_CN]", else "title[zh]", else "title".
    static std::expected<LabScenario, QString> parse(const QByteArray &json, const QString &locale = QString());
};

} // namespace TcpLens
