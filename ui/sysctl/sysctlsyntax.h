// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <KSyntaxHighlighting/Definition>

namespace KSyntaxHighlighting {
class Repository;
}

namespace TcpLens {

// The KSyntaxHighlighting repository of the GUI thread, with TCP Lens's sysctl.conf definition
// (compiled in at :/org.kde.syntax-highlighting/syntax-addons/, where Repository looks for the
// definitions applications bring).
class SysctlSyntax
{
public:
    static KSyntaxHighlighting::Repository &repository();
    static KSyntaxHighlighting::Definition definition();
};

} // namespace TcpLens
