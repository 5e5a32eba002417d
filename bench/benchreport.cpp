// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "benchreport.h"

#include <cstdio>
#include <cstdlib>

namespace TcpLens::Bench {

namespace {
const char *programName = "bench";
} // namespace

void setProgramName(const char *name)
{
    programName = name;
}

void say(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

void fail(const QString &what)
{
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", programName, qPrintable(what));
    std::exit(1);
}

} // namespace TcpLens::Bench
