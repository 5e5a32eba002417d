// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctldfile.h"

#include <QCoreApplication>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QString unitName(SysctlUnit unit)
{
    switch (unit) {
    case SysctlUnit::Count:
        return SysctlDFile::tr("count");
    case SysctlUnit::Seconds:
        return SysctlDFile::tr("seconds");
    case SysctlUnit::Milliseconds:
        return SysctlDFile::tr("milliseconds");
    case SysctlUnit::Bytes:
        return SysctlDFile::tr("bytes");
    case SysctlUnit::Pages:
        return SysctlDFile::tr("pages");
    case SysctlUnit::None:
        break;
    }
    return {};
}

// Wraps a comment at 100 columns, each line starting with "# ".
void appendComment(QString &out, const QString &text)
{
    QString line;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > 98) {
            out += u"# "_s + line + u'\n';
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        out += u"# "_s + line + u'\n';
}

} // namespace

QString SysctlDFile::render(const SysctlCatalog &catalog, const QList<SysctlChange> &changes)
{
    QString out;
    appendComment(out,
        tr("Written by TCP Lens. Install as /etc/sysctl.d/90-tcplens.conf and load with "
           "'sysctl --system'. Per-namespace keys apply to the namespace that loads the file: the "
           "host's at boot."));
    for (const SysctlChange &change : changes) {
        out += u'\n';
        const SysctlEntry *entry = catalog.find(change.key);
        if (entry) {
            appendComment(out, change.key + u": "_s + entry->summary);
            QStringList facts;
            if (entry->kernelMin && entry->kernelMax) {
                // The range TCP Lens accepts: the kernel's, narrowed to what makes sense.
                const qint64 min =
                    entry->sensible ? std::max(*entry->kernelMin, entry->sensible->min) : *entry->kernelMin;
                const qint64 max =
                    entry->sensible ? std::min(*entry->kernelMax, entry->sensible->max) : *entry->kernelMax;
                facts.append(tr("Range %1 to %2").arg(min).arg(max));
            }
            if (const QString unit = unitName(entry->unit); !unit.isEmpty())
                facts.append(tr("in %1").arg(unit));
            facts.append(
                entry->scope == SysctlScope::Namespace ? tr("per network namespace") : tr("global (all namespaces)"));
            appendComment(out, facts.join(u", "_s) + u'.');
            if (!entry->lore.isEmpty())
                appendComment(out, tr("Note: %1").arg(entry->lore));
        }
        if (!change.oldValue.isEmpty())
            appendComment(out, tr("Was: %1").arg(change.oldValue));
        out += change.key + u" = "_s + change.newValue + u'\n';
    }
    return out;
}

} // namespace TcpLens
