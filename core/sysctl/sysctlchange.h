// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QDateTime>
#include <QString>

namespace TcpLens {

// One journaled write: enough to undo it and to say what happened.
struct SysctlChange
{
    QString key;
    QString netns; // the namespace written to; empty: the writer's own
    QString oldValue; // as read before the write, values separated by single spaces
    QString newValue; // as read back after the write
    QDateTime time;
    bool reverted = false;
    QString by{}; // who asked for it: a user name, or empty when unknown (found by polling)
};

} // namespace TcpLens
