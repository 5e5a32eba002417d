// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace TcpLens {

// How the kernel reads a value (the proc handler's shape), as the catalog states it.
enum class SysctlType {
    Integer, // one number
    Boolean, // 0 or 1 (the kernel may store more, see otherValues)
    Enum, // one number from a list with meanings
    Bitmask, // one number, each bit with a meaning
    Triple, // three numbers (tcp_rmem, tcp_mem)
    PortRange, // two port numbers
    Choice, // one name from a list the kernel provides (tcp_congestion_control)
    List, // several names (tcp_allowed_congestion_control)
};

enum class SysctlUnit { None, Count, Seconds, Milliseconds, Bytes, Pages };

// Namespace: every network namespace has its own value. Global: one value for the whole kernel,
// either invisible outside the initial namespace or visible there read-only.
enum class SysctlScope { Namespace, Global };

// Where the kernel's default can be learned from.
enum class SysctlDefaultSource {
    FreshNamespace, // a new namespace starts with the compiled-in value
    InitialNamespaceCopy, // a new namespace copies the initial namespace's current value
    Boot, // global: computed or set once at boot, no namespace shows the default
};

// A range of values with the reason it is refused or only accepted with a warning.
struct SysctlRangeNote
{
    qint64 min = 0;
    qint64 max = 0;
    QString why;
};

// The meaning of one value (enum, boolean) or one bit (bitmask).
struct SysctlValueMeaning
{
    qint64 value = 0;
    QString meaning;
};

struct SysctlHistoryNote
{
    QString version;
    QString change;
};

// One key of the catalog (resources/sysctl/catalog.json, described in docs/sysctl.md). Its texts are in
// the language the catalog was parsed in.
struct SysctlEntry
{
    QString key; // "net.ipv4.tcp_syn_retries"
    QString path; // "/proc/sys/net/ipv4/tcp_syn_retries"
    // Other full keys old guides use for the same setting ("net.ipv4.ip_conntrack_max"); find() knows them.
    QStringList aliases;
    SysctlType type = SysctlType::Integer;
    SysctlUnit unit = SysctlUnit::None;
    bool removed = false;
    QString removedIn; // kernel version, when removed
    bool readOnly = false;

    // What the kernel's proc handler enforces; a write outside fails with EINVAL.
    std::optional<qint64> kernelMin;
    std::optional<qint64> kernelMax;
    QString kernelHandler;
    // Narrower than the kernel's range: values outside are refused with `why` although the kernel
    // would store them.
    std::optional<SysctlRangeNote> sensible;
    // Values accepted with a warning.
    QList<SysctlRangeNote> warnings;
    QList<SysctlValueMeaning> values;
    QString otherValues; // what the kernel does with values outside `values`
    QList<SysctlValueMeaning> bits;
    QStringList fields; // names of the parts of a triple or range
    QString choicesFrom; // key that lists the valid names of a Choice or List

    SysctlScope scope = SysctlScope::Namespace;
    bool visibleInChildNamespaces = false; // global keys only
    SysctlDefaultSource defaultSource = SysctlDefaultSource::FreshNamespace;
    QString documentedDefault; // on the kernel the catalog was checked on
    QString example; // a sensible value other than the default, used by docs and tests

    QStringList states;
    QStringList counters;
    QString lesson;

    QString summary;
    QString explanation;
    QString whenToChange;
    QString tradeOff;
    QString lore; // where the common advice is wrong
    QList<SysctlHistoryNote> history;

    // "tcp_syn_retries": the name learners and error messages use.
    QString name() const { return key.mid(key.lastIndexOf(u'.') + 1); }
    // The path below the /proc/sys root: "net/ipv4/tcp_syn_retries".
    QString relativePath() const
    {
        QString relative = key;
        return relative.replace(u'.', u'/');
    }
    bool isWritableType() const { return !removed && !readOnly; }
};

} // namespace TcpLens
