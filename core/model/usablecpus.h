// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

namespace TcpLens {

// The CPUs this process may run on: its affinity mask, not the CPUs online, so that
// `taskset -c 0 tcplens ...` gets the one-CPU behaviour (no split dump, no reading threads). At
// least 1.
int usableCpus();

} // namespace TcpLens
