// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QString>

namespace TcpLens {

// Where a helper program of TCP Lens is: next to the running program (a build tree), else at
// `installedPath` (libexec/tcplens/ of the installation); empty when neither is executable.
QString findHelperProgram(QLatin1StringView name, const QString &installedPath);

} // namespace TcpLens
