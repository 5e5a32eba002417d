// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

#include <expected>
#include <utility>

// How a benchmark talks: progress and figures on stdout as they come, and a fatal error that names
// the benchmark (setProgramName) on stderr, with exit status 1.
namespace TcpLens::Bench {

void setProgramName(const char *name);
inline double ms(qint64 ns)
{
    return double(ns) / 1e6;
}
void say(const QString &text);
[[noreturn]] void fail(const QString &what);

template<typename T>
T orFail(std::expected<T, QString> value, const QString &context)
{
    if (!value)
        fail(context + QStringLiteral(": ") + value.error());
    return std::move(*value);
}

inline void orFail(std::expected<void, QString> done, const QString &context)
{
    if (!done)
        fail(context + QStringLiteral(": ") + done.error());
}

} // namespace TcpLens::Bench
