// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlhelperrequest.h"

#include "sysctlvalidator.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace TcpLens {

std::expected<SysctlHelperRequest, QString> SysctlHelperRequest::parse(
    const SysctlCatalog &catalog, const QStringList &arguments)
{
    QStringList rest = arguments;
    SysctlHelperRequest request;
    if (!rest.isEmpty() && rest.constFirst() == u"--netns"_s) {
        if (rest.size() < 2)
            return std::unexpected(tr("--netns needs a path"));
        request.netns = rest.at(1);
        rest.remove(0, 2);
        // Only the two forms a network namespace is reached by; nothing else is ever opened as root.
        static const QRegularExpression namespacePath(
            u"\\A(/proc/[1-9][0-9]{0,9}/ns/net|/run/netns/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})\\z"_s);
        if (!namespacePath.match(request.netns).hasMatch() || request.netns.contains(u".."_s))
            return std::unexpected(tr("'%1' is not a network namespace path (/proc/PID/ns/net or /run/netns/NAME)")
                    .arg(request.netns.left(80)));
    }
    if (rest.size() != 2)
        return std::unexpected(tr("usage: tcplens-sysctl-helper [--netns PATH] KEY VALUE"));
    const QString &key = rest.at(0);
    // The full dotted name, exactly as the catalog spells it: no short names, no paths.
    request.entry = nullptr;
    for (const SysctlEntry &entry : catalog.entries()) {
        if (entry.key == key)
            request.entry = &entry;
    }
    if (!request.entry)
        return std::unexpected(tr("'%1' is not a key of TCP Lens's catalog").arg(key.left(80)));
    if (!request.entry->isWritableType())
        return std::unexpected(tr("%1 cannot be written (removed or read-only)").arg(key));
    if (request.entry->scope == SysctlScope::Global && !request.netns.isEmpty())
        return std::unexpected(tr("%1 is global: it is set on the host, never in a namespace").arg(key));
    request.value = rest.at(1);
    if (request.value.size() > SysctlValidator::MaximumInputLength)
        return std::unexpected(tr("the value is %1 characters long; no sysctl takes more than %2")
                .arg(request.value.size())
                .arg(SysctlValidator::MaximumInputLength));
    for (const QChar c : std::as_const(request.value)) {
        if (c.category() == QChar::Other_Control && c != u' ' && c != u'\t')
            return std::unexpected(
                tr("the value contains a control character (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return request;
}

} // namespace TcpLens
