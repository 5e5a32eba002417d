// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens::Test {

// Runs iproute2's `ss` in the test's namespace, as the independent witness our numbers are held to.
class SsCommand
{
public:
    struct Row
    {
        QString state;
        quint32 receiveQueue = 0;
        quint32 sendQueue = 0;
        QString local;
        QString peer;
    };
    // `ss -tan` (plus `extraArguments`) parsed into rows; nothing if ss is missing or failed.
    static std::optional<QList<Row>> run(const QStringList &extraArguments = {});
};

} // namespace TcpLens::Test
