// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlentry.h"
#include "sysctlvalue.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens {

// The outcome of validating text for one key: a typed value (maybe with warnings) or an error.
struct SysctlValidation
{
    std::optional<SysctlValue> value;
    QString error; // set exactly when value is empty
    QStringList warnings; // reasons a value is accepted but questionable

    bool isAccepted() const { return value.has_value(); }
};

// Text in, typed value or a precise error out. Pure: what it needs to know about the target
// namespace comes in a Context. It never accepts what the kernel's proc handler refuses (the tests
// check this against the running kernel) and refuses, with a reason, values the kernel takes but
// that make no sense (tcp_rmem with min > max, tcp_syncookies = 3, an empty write, octal).
class SysctlValidator
{
    Q_DECLARE_TR_FUNCTIONS(SysctlValidator)
public:
    struct Context
    {
        // Names a Choice or List may take in the target namespace (tcp_allowed_congestion_control
        // outside the initial namespace, tcp_available_congestion_control inside). Empty: unknown.
        QStringList choices;
        // ipv4_local_port_range() refuses a range starting below net.ipv4.ip_unprivileged_port_start.
        qint64 unprivilegedPortStart = 1024;
    };

    static SysctlValidation validate(const SysctlEntry &entry, QStringView text, const Context &context);
    // With the defaults of a fresh namespace and no list of names to check against.
    static SysctlValidation validate(const SysctlEntry &entry, QStringView text);
    // A translated one-line description of a value: "1 (send cookies only while ...)".
    static QString describe(const SysctlEntry &entry, const SysctlValue &value);
    // Inputs longer than this are refused before parsing.
    static constexpr qsizetype MaximumInputLength = 1024;
};

} // namespace TcpLens
