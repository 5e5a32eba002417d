// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctl/sysctlreading.h"
#include "sysctl/sysctlvalidator.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace TcpLens {

// Every catalog key as one namespace shows it at one moment: current values, the kernel's
// defaults, and what the validator must know there (the names a choice may take, the lowest
// unprivileged port). Immutable once read; handed from the reading thread to the window.
struct SysctlValues
{
    quint64 generation = 0; // grows with every read of one SysctlValuesReader
    QString netns; // as the window names it; empty: TCP Lens's own
    QList<SysctlReading> readings; // in catalog order
    QHash<QString, SysctlValidator::Context> contexts; // by key
    QString error; // the namespace could not be read at all

    const SysctlReading *reading(const QString &key) const
    {
        for (const SysctlReading &reading : readings) {
            if (reading.key == key)
                return &reading;
        }
        return nullptr;
    }
};

} // namespace TcpLens

Q_DECLARE_METATYPE(TcpLens::SysctlValues)
