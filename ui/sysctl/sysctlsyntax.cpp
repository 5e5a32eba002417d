// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlsyntax.h"

#include <KSyntaxHighlighting/Repository>

using namespace Qt::StringLiterals;

namespace TcpLens {

KSyntaxHighlighting::Repository &SysctlSyntax::repository()
{
    // Loading every definition takes tens of milliseconds: once per process.
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Definition SysctlSyntax::definition()
{
    return repository().definitionForName(u"sysctl.conf"_s);
}

} // namespace TcpLens
