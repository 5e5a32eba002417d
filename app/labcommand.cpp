// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labcommand.h"

#include "pipeline/labsource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <unistd.h>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

struct LabCommand
{
    Q_DECLARE_TR_FUNCTIONS(LabCommand)
};

void print(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

QString usage(const QString &command)
{
    // The options in QCommandLineParser's layout, which packaging/helpdocs.py reads for the man page.
    return LabCommand::tr("usage: %1 list [--json]\n"
                          "       %1 run NAME|FILE.json [--json] [--fast]\n"
                          "Lists the lab's scenarios, built in and your own, or plays one on the real kernel, in a "
                          "network namespace of its own, and says what the kernel did for each claim "
                          "(docs/lab.md). Exit code of run: 0 when every expectation held, 1 when one did not, "
                          "2 on bad arguments, 3 when no namespace can be made, 4 when a tool it needs (nft) is "
                          "missing.\n"
                          "\n"
                          "Options:\n"
                          "  --json  list: one JSON array; run: one JSON line per event.\n"
                          "  --fast  run: the scenario's short timers.\n")
        .arg(command);
}

} // namespace

int runLabCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0, u"tcplens lab"_s);
    const QString subcommand = arguments.value(1);
    if (subcommand == u"--help"_s || subcommand == u"-h"_s) {
        print(stdout, usage(command));
        return 0;
    }
    // `serve` is the window's protocol, not a command for people.
    if (subcommand != u"list"_s && subcommand != u"run"_s) {
        const QString problem = subcommand.isEmpty()
            ? LabCommand::tr("%1: name a subcommand").arg(command)
            : LabCommand::tr("%1: unknown subcommand '%2'").arg(command, subcommand);
        print(stderr, problem + u'\n' + usage(command));
        return 2;
    }
    const QString helper = LabSource::findHelper();
    if (helper.isEmpty()) {
        print(stderr,
            LabCommand::tr("%1: tcplens-lab is neither in %2 nor installed as %3\n")
                .arg(command, QCoreApplication::applicationDirPath(), QFile::decodeName(TCPLENS_LAB_HELPER_INSTALLED)));
        return 3;
    }

    std::vector<QByteArray> bytes{QFile::encodeName(helper)};
    for (const QString &argument : arguments.sliced(1))
        bytes.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &argument : bytes)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    ::execv(argv.front(), argv.data());
    print(stderr,
        LabCommand::tr("%1: cannot start %2: %3\n").arg(command, helper, QString::fromLocal8Bit(std::strerror(errno))));
    return 3;
}

} // namespace TcpLens
