// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sscommand.h"

#include <QProcess>
#include <QRegularExpression>

namespace TcpLens::Test {

using namespace Qt::StringLiterals;

std::optional<QList<SsCommand::Row>> SsCommand::run(const QStringList &extraArguments)
{
    QProcess process;
    process.start(u"ss"_s, QStringList{u"-tanH"_s} + extraArguments);
    if (!process.waitForFinished(10'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    QList<Row> rows;
    const QString output = QString::fromLocal8Bit(process.readAllStandardOutput());
    static const QRegularExpression whitespace(u"\\s+"_s);
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(whitespace, Qt::SkipEmptyParts);
        if (fields.size() < 5)
            continue;
        rows.append(Row{fields[0], fields[1].toUInt(), fields[2].toUInt(), fields[3], fields[4]});
    }
    return rows;
}

} // namespace TcpLens::Test
