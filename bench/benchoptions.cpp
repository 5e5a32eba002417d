// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "benchoptions.h"

#include <charconv>
#include <cstring>
#include <string_view>

namespace TcpLens::Bench {

using namespace Qt::StringLiterals;

namespace {
std::expected<int, QString> parseCount(std::string_view flag, const char *text, int minimum)
{
    int value = 0;
    const std::string_view digits(text);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || value < minimum)
        return std::unexpected(u"%1 wants a whole number >= %2, not \"%3\""_s.arg(QLatin1StringView(flag))
                .arg(minimum)
                .arg(QString::fromLocal8Bit(text)));
    return value;
}
} // namespace

std::expected<BenchOptions, QString> BenchOptions::parse(int argc, char **argv)
{
    BenchOptions options;
#ifdef TCPLENS_BINARY
    options.tcplens = QStringLiteral(TCPLENS_BINARY);
#endif
    bool countsGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--help" || argument == "-h") {
            options.help = true;
            continue;
        }
        if (argument == "--small") {
            options.small = true;
            continue;
        }
        if (argument == "--no-commands") {
            options.tcplens.clear();
            continue;
        }
        if (argument == "--tcplens" || argument == "--baseline") {
            if (i + 1 >= argc)
                return std::unexpected(u"%1 needs a path"_s.arg(QLatin1StringView(argument)));
            (argument == "--tcplens" ? options.tcplens : options.baseline) = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        int *target = nullptr;
        int minimum = 0;
        if (argument == "--established") {
            target = &options.established;
            countsGiven = true;
        } else if (argument == "--timewait") {
            target = &options.timeWait;
            countsGiven = true;
        } else if (argument == "--repeat") {
            target = &options.repeat;
            minimum = 1;
        } else if (argument == "--pairs-per-worker") {
            target = &options.pairsPerWorker;
            minimum = 1;
        } else if (argument == "--command-repeat") {
            target = &options.commandRepeat;
            minimum = 1;
        } else {
            return std::unexpected(u"unknown argument \"%1\"\n"_s.arg(QString::fromLocal8Bit(argv[i])) + usage());
        }
        if (i + 1 >= argc)
            return std::unexpected(u"%1 needs a value"_s.arg(QLatin1StringView(argument)));
        auto value = parseCount(argument, argv[++i], minimum);
        if (!value)
            return std::unexpected(value.error());
        *target = *value;
    }
    // --small is the quick check: a few seconds, same code paths. Explicit counts still win.
    if (options.small && !countsGiven) {
        options.established = 2000;
        options.timeWait = 1000;
    }
    return options;
}

QString BenchOptions::usage()
{
    return u"usage: bench_snapshot [--established N] [--timewait N] [--repeat N] [--pairs-per-worker N]\n"
           "                      [--tcplens PATH] [--baseline PATH] [--command-repeat N] [--no-commands] [--small]\n"
           "  --established N       connections to hold open, 2 sockets each (default 50000)\n"
           "  --timewait N          TIME_WAIT sockets to create right before measuring (default 20000)\n"
           "  --repeat N            measured rounds, variants alternating (default 9)\n"
           "  --pairs-per-worker N  connections per worker process (default 9000: 18,000 descriptors)\n"
           "  --tcplens PATH        the tcplens binary whose `snapshot --json` is timed against ss (default: the\n"
           "                        one built with this benchmark)\n"
           "  --baseline PATH       an older tcplens binary, timed once the same way, for a before/after\n"
           "  --command-repeat N    measured rounds of the commands (default 5)\n"
           "  --no-commands         time only the in-process variants\n"
           "  --small               quick check: 2000 connections and 1000 TIME_WAIT\n"
           "Needs root: it makes a private network namespace of its own and uses only its loopback.\n"_s;
}

} // namespace TcpLens::Bench
