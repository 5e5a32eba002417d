// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctllint.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

struct Assignment
{
    qsizetype file = 0;
    int line = 0;
    int keyColumn = 0;
    QString key; // as written
};

// "net/ipv4/tcp_fin_timeout" for "net.ipv4.tcp_fin_timeout" or "net/ipv4/tcp_fin_timeout". sysctl(8)
// takes either separator; a key that mixes them is read with '/' as the separator when it starts
// with one (procps-ng's sysctl.c), which no TCP key needs.
QString relativePathOf(QString key)
{
    if (key.contains(u'/'))
        return key;
    return key.replace(u'.', u'/');
}

// Letters, digits and the few marks interface names add; no empty, "." or ".." part, nothing
// absolute: a key may only name a file below /proc/sys.
bool isKeyText(const QString &key)
{
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'-' && c != u'.' && c != u'/' &&
            c != u'@' && c != u':' && c != u'+')
            return false;
    }
    const QStringList parts = relativePathOf(key).split(u'/');
    return std::none_of(parts.cbegin(), parts.cend(),
        [](const QString &part) { return part.isEmpty() || part == u"."_s || part == u".."_s; });
}

QString canonicalKey(const QString &key)
{
    QString canonical = relativePathOf(key);
    return canonical.replace(u'/', u'.');
}

} // namespace

SysctlLint::KernelView SysctlLint::runningKernel()
{
    KernelView view;
    view.hasKey = [](const QString &relativePath) {
        return QFile::exists(u"/proc/sys/"_s + relativePath);
    };
    QFile allowed(u"/proc/sys/net/ipv4/tcp_allowed_congestion_control"_s);
    if (allowed.open(QIODevice::ReadOnly))
        view.context.choices = QString::fromLatin1(allowed.readAll()).split(u' ', Qt::SkipEmptyParts);
    for (QString &choice : view.context.choices)
        choice = choice.trimmed();
    QFile unprivileged(u"/proc/sys/net/ipv4/ip_unprivileged_port_start"_s);
    if (unprivileged.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const qint64 start = unprivileged.readAll().trimmed().toLongLong(&ok);
        if (ok)
            view.context.unprivilegedPortStart = start;
    }
    return view;
}

QList<SysctlLintFinding> SysctlLint::lint(
    const SysctlCatalog &catalog, const QList<SysctlConfFile> &files, const KernelView &kernel)
{
    QList<SysctlLintFinding> findings;
    QHash<QString, Assignment> lastAssignment; // canonical key -> where it was last set
    for (qsizetype f = 0; f < files.size(); ++f) {
        const SysctlConfFile &file = files[f];
        const auto add = [&](int line, int column, int length, SysctlLintFinding::Severity severity, const QString &key,
                             const QString &message) {
            findings.append({file.name, line, column, length, severity, key, message});
        };
        const QStringList lines = file.text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const int lineNumber = int(i) + 1;
            QStringView line = lines[i];
            if (line.endsWith(u'\r'))
                line.chop(1);
            const QStringView content = line.trimmed();
            if (content.isEmpty() || content.startsWith(u'#') || content.startsWith(u';'))
                continue;
            const qsizetype start = line.indexOf(content);
            // sysctl(8) -p and systemd-sysctl: a leading '-' means "ignore a failure to set this".
            const bool ignoreFailure = content.startsWith(u'-');
            const QStringView assignment = ignoreFailure ? content.sliced(1) : content;
            const qsizetype assignmentStart = start + (ignoreFailure ? 1 : 0);
            const qsizetype equals = assignment.indexOf(u'=');
            if (equals < 0) {
                add(lineNumber, int(assignmentStart) + 1, int(assignment.size()), SysctlLintFinding::Severity::Error,
                    {}, tr("not a setting: a line is 'key = value', a comment starts with '#' or ';'"));
                continue;
            }
            const QStringView rawKey = assignment.first(equals);
            const QString key = rawKey.trimmed().toString();
            const int keyColumn = int(assignmentStart + rawKey.indexOf(key.isEmpty() ? u" "_s : key)) + 1;
            const QStringView rawValue = assignment.sliced(equals + 1);
            QString value = rawValue.trimmed().toString();
            const int valueColumn =
                int(assignmentStart + equals + 1 + (value.isEmpty() ? 0 : rawValue.indexOf(value))) + 1;
            if (key.isEmpty()) {
                add(lineNumber, int(assignmentStart) + 1, int(assignment.size()), SysctlLintFinding::Severity::Error,
                    {}, tr("no key before '='"));
                continue;
            }
            const auto keyError = [&](const QString &message, SysctlLintFinding::Severity severity) {
                add(lineNumber, keyColumn, int(key.size()), severity, key, message);
            };
            const auto valueFinding = [&](const QString &message, SysctlLintFinding::Severity severity) {
                add(lineNumber, valueColumn, int(std::max<qsizetype>(value.size(), 1)), severity, key, message);
            };
            if (key.contains(u'*')) {
                keyError(tr("a glob: systemd-sysctl sets every matching key, TCP Lens does not check them"),
                    SysctlLintFinding::Severity::Warning);
                continue;
            }
            if (!isKeyText(key)) {
                keyError(tr("not a sysctl key: a key names a file under /proc/sys with '.' or '/' between "
                            "its parts (net.ipv4.tcp_fin_timeout)"),
                    SysctlLintFinding::Severity::Error);
                continue;
            }
            const QString canonical = canonicalKey(key);
            const QString relative = relativePathOf(key);

            // A key set twice: the loader applies both, in order, and the later one stays.
            if (const auto earlier = lastAssignment.constFind(canonical); earlier != lastAssignment.cend()) {
                if (earlier->file == f)
                    keyError(tr("%1 is set again here; line %2 set it before and this line wins")
                                 .arg(key)
                                 .arg(earlier->line),
                        SysctlLintFinding::Severity::Warning);
                else
                    keyError(
                        tr("%1 overrides %2:%3, read earlier").arg(key, files[earlier->file].name).arg(earlier->line),
                        SysctlLintFinding::Severity::Warning);
            }
            lastAssignment.insert(canonical, {f, lineNumber, keyColumn, key});

            const SysctlEntry *entry = catalog.find(canonical);
            const bool present = kernel.hasKey && kernel.hasKey(relative);
            if (!entry) {
                if (!present) {
                    // Old tuning guides name keys that moved; the catalog may know one of that name.
                    const QString name = canonical.mid(canonical.lastIndexOf(u'.') + 1);
                    QString hint;
                    for (const SysctlEntry &known : catalog.entries()) {
                        if (known.name() == name && known.key != canonical) {
                            hint = tr(" (the catalog knows %1: %2)").arg(known.key, known.summary);
                            break;
                        }
                    }
                    keyError(tr("unknown key: this kernel has no /proc/sys/%1%2").arg(relative, hint),
                        ignoreFailure ? SysctlLintFinding::Severity::Warning : SysctlLintFinding::Severity::Error);
                }
                continue;
            }
            if (entry->removed) {
                // An alias is an older name still: say which entry it is, not just the entry's name.
                QString message = canonical == entry->key
                    ? tr("%1 was removed in Linux %2; setting it fails").arg(entry->name(), entry->removedIn)
                    : tr("%1 is an old name of %2, removed in Linux %3; setting it fails")
                          .arg(canonical, entry->key, entry->removedIn);
                if (!entry->whenToChange.isEmpty())
                    message += u" — "_s + entry->whenToChange;
                keyError(
                    message, ignoreFailure ? SysctlLintFinding::Severity::Warning : SysctlLintFinding::Severity::Error);
                continue;
            }
            if (!present && entry->scope == SysctlScope::Global && !entry->visibleInChildNamespaces) {
                // Global keys exist only in the initial namespace (sysctl_ipv4_init() registers
                // ipv4_table, sysctl_core_init() net_core_table, for init_net alone): from a container
                // or a lab the key is absent, not refused.
                keyError(tr("%1 is global and this network namespace does not show it: it is set on the host "
                            "for every namespace; its value is checked, not its presence")
                             .arg(key),
                    SysctlLintFinding::Severity::Warning);
            } else if (!present) {
                keyError(tr("this kernel has no %1 (a module not loaded, or a newer or older kernel)").arg(key),
                    ignoreFailure ? SysctlLintFinding::Severity::Warning : SysctlLintFinding::Severity::Error);
                continue;
            }
            // Quotes are not sysctl.conf syntax: procps-ng 4.0.4's sysctl -p passes them on and
            // proc_dointvec() refuses the write (tried: EINVAL for '31', "601" and '4096 87380 8388608').
            if (value.size() >= 2 && (value.startsWith(u'\'') || value.startsWith(u'"')) &&
                value.back() == value.front()) {
                valueFinding(tr("quotes are not part of sysctl.conf: they reach the kernel, which refuses them; "
                                "write %1")
                                 .arg(value.mid(1, value.size() - 2)),
                    SysctlLintFinding::Severity::Error);
                value = value.mid(1, value.size() - 2);
            }
            const SysctlValidation validation = SysctlValidator::validate(*entry, value, kernel.context);
            if (!validation.isAccepted()) {
                valueFinding(validation.error, SysctlLintFinding::Severity::Error);
                continue;
            }
            for (const QString &warning : validation.warnings)
                valueFinding(u"%1 = %2: %3"_s.arg(entry->name(), value, warning), SysctlLintFinding::Severity::Warning);
        }
    }
    return findings;
}

QString SysctlLint::format(const SysctlLintFinding &finding)
{
    const QString severity = finding.severity == SysctlLintFinding::Severity::Error ? tr("error") : tr("warning");
    return u"%1:%2: %3: %4"_s.arg(finding.file).arg(finding.line).arg(severity, finding.message);
}

} // namespace TcpLens
