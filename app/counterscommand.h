// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QStringList>

namespace TcpLens {

// `tcplens counters [--json] [--netns PATH] [--interval SECONDS]`: the kernel's TCP counters with
// what each means. `arguments` starts with the program name ("tcplens counters").
int runCountersCommand(const QStringList &arguments);

} // namespace TcpLens
