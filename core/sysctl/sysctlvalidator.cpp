// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlvalidator.h"

#include "sysctlcatalog.h"

#include <QCoreApplication>

#include <expected>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// proc_dointvec's separators between values (proc_wspace_sep in kernel/sysctl.c). Leading space is
// skipped with isspace(), but a carriage return after a number makes the write fail.
bool isKernelSeparator(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n';
}

QList<QStringView> tokensOf(QStringView text)
{
    QList<QStringView> tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool separator = i == text.size() || isKernelSeparator(text[i]);
        if (separator && start >= 0) {
            tokens.append(text.sliced(start, i - start));
            start = -1;
        } else if (!separator && start < 0) {
            start = i;
        }
    }
    return tokens;
}

struct ParsedInteger
{
    qint64 value = 0;
    bool hexadecimal = false;
};

// proc_get_long() reads at most 21 characters with strtoul(base 0): "0x" is hex, a leading 0 octal.
constexpr qsizetype KernelNumberLength = 21;

std::expected<ParsedInteger, QString> parseInteger(QStringView token)
{
    const QString shown = token.toString();
    if (token.startsWith(u'+'))
        return std::unexpected(
            SysctlValidator::tr("'%1': the kernel refuses a plus sign; write the number without it").arg(shown));
    const bool negative = token.startsWith(u'-');
    QStringView digits = negative ? token.sliced(1) : token;
    if (token.size() > KernelNumberLength)
        return std::unexpected(
            SysctlValidator::tr("'%1' is too long for the kernel's number parser (21 characters at most)").arg(shown));
    ParsedInteger parsed;
    int base = 10;
    if (digits.size() > 2 && digits[0] == u'0' && (digits[1] == u'x' || digits[1] == u'X')) {
        digits = digits.sliced(2);
        base = 16;
        parsed.hexadecimal = true;
    } else if (digits.size() > 1 && digits[0] == u'0') {
        return std::unexpected(SysctlValidator::tr(
            "'%1' starts with 0, so the kernel would read it as an octal number; write it without the leading zero")
                .arg(shown));
    }
    if (digits.isEmpty())
        return std::unexpected(SysctlValidator::tr("'%1' is not an integer").arg(shown));
    for (QChar c : digits) {
        const bool ok = base == 16 ? (c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f')) : c.isDigit();
        if (!ok || c.unicode() > 0x7f)
            return std::unexpected(SysctlValidator::tr("'%1' is not an integer").arg(shown));
    }
    bool ok = false;
    const quint64 magnitude = digits.toULongLong(&ok, base);
    if (!ok || magnitude > quint64(std::numeric_limits<qint64>::max()))
        return std::unexpected(SysctlValidator::tr("'%1' is far too large").arg(shown));
    parsed.value = negative ? -qint64(magnitude) : qint64(magnitude);
    return parsed;
}

QString rangeText(qint64 min, qint64 max)
{
    return SysctlValidator::tr("%1–%2").arg(min).arg(max);
}

QString hexText(qint64 value)
{
    return u"0x"_s + QString::number(value, 16);
}

QString choiceList(const QStringList &choices)
{
    return choices.join(u", "_s);
}

SysctlValidation refuse(QString error)
{
    SysctlValidation result;
    result.error = std::move(error);
    return result;
}

SysctlValidation validateNames(const SysctlEntry &entry, QStringView text, const SysctlValidator::Context &context)
{
    const QString name = entry.name();
    // proc_dostring() stops at the first newline, so "reno\n" is "reno"; spaces are kept and then
    // match no algorithm (tcp_ca_find() in net/ipv4/tcp_cong.c).
    QStringView body = text;
    if (body.endsWith(u'\n'))
        body.chop(1);
    if (body.isEmpty())
        return refuse(entry.type == SysctlType::Choice
                ? SysctlValidator::tr("%1 needs a name; an empty write changes nothing").arg(name)
                : SysctlValidator::tr("%1 needs at least one name; an empty write changes nothing").arg(name));
    if (body.contains(u'\n'))
        return refuse(SysctlValidator::tr("%1 takes one line; the kernel would ignore everything after the first line")
                .arg(name));
    QStringList names;
    if (entry.type == SysctlType::Choice) {
        for (QChar c : body) {
            if (c.isSpace())
                return refuse(SysctlValidator::tr(
                    "%1 takes one name without spaces; the kernel would look for '%2' literally and fail")
                        .arg(name, body.toString()));
        }
        names.append(body.toString());
    } else {
        // tcp_set_allowed_congestion_control() splits on single spaces.
        for (QStringView part : body.split(u' ')) {
            if (part.isEmpty())
                return refuse(SysctlValidator::tr("%1 takes names separated by single spaces").arg(name));
            for (QChar c : part) {
                if (c.isSpace())
                    return refuse(SysctlValidator::tr("%1 takes names separated by single spaces").arg(name));
            }
            names.append(part.toString());
        }
    }
    SysctlValidation result;
    for (const QString &candidate : names) {
        if (context.choices.isEmpty()) {
            result.warnings.append(
                SysctlValidator::tr("the names this namespace may choose are unknown; '%1' is not checked")
                    .arg(candidate));
        } else if (!context.choices.contains(candidate)) {
            return refuse(SysctlValidator::tr("'%1' is not one of the names %2 may take here: %3")
                    .arg(candidate, name, choiceList(context.choices)));
        }
    }
    result.value = SysctlValue{{}, names};
    return result;
}

} // namespace

SysctlValidation SysctlValidator::validate(const SysctlEntry &entry, QStringView text, const Context &context)
{
    const QString name = entry.name();
    if (entry.removed)
        return refuse(tr("%1 was removed in Linux %2: the file no longer exists and writing it fails")
                .arg(name, entry.removedIn));
    if (entry.readOnly)
        return refuse(tr("%1 is read-only: the kernel fills it in").arg(name));
    if (text.size() > MaximumInputLength)
        return refuse(tr("the value for %1 is longer than %2 characters").arg(name).arg(MaximumInputLength));
    if (entry.type == SysctlType::Choice || entry.type == SysctlType::List)
        return validateNames(entry, text, context);

    if (text.isEmpty())
        return refuse(tr("%1 needs a value; the kernel accepts an empty write but changes nothing").arg(name));
    const QList<QStringView> tokens = tokensOf(text);
    if (tokens.isEmpty())
        return refuse(tr("%1 needs a value, not only whitespace").arg(name));

    const qsizetype wanted = entry.type == SysctlType::Triple ? 3 : entry.type == SysctlType::PortRange ? 2 : 1;
    if (tokens.size() != wanted) {
        if (entry.type == SysctlType::Triple)
            return refuse(
                tr("%1 needs three integers: %2, %3, %4").arg(name, entry.fields[0], entry.fields[1], entry.fields[2]) +
                (tokens.size() < wanted ? tr(" (the kernel would change only the first %n and keep the rest)", nullptr,
                                              int(tokens.size()))
                                        : tr(" (the kernel would ignore the rest)")));
        if (entry.type == SysctlType::PortRange)
            return refuse(tr("%1 needs two ports: %2 and %3").arg(name, entry.fields[0], entry.fields[1]) +
                (tokens.size() < wanted ? tr(" (the kernel would change only the first)")
                                        : tr(" (the kernel would ignore the rest)")));
        return refuse(tr("%1 takes one integer; the kernel would keep '%2' and silently ignore the rest")
                .arg(name, tokens.first().toString()));
    }

    SysctlValidation result;
    SysctlValue value;
    for (QStringView token : tokens) {
        auto parsed = parseInteger(token);
        if (!parsed)
            return refuse(tr("%1: %2").arg(name, parsed.error()));
        // Unsigned handlers (proc_douintvec, proc_dou8vec_minmax) refuse any minus sign, even "-0".
        if (token.startsWith(u'-') && entry.kernelMin.value_or(-1) >= 0)
            return refuse(tr("%1 cannot be negative").arg(name));
        if (parsed->hexadecimal)
            result.warnings.append(tr("'%1' is read as hexadecimal: %2").arg(token.toString()).arg(parsed->value));
        value.numbers.append(parsed->value);
    }

    // The kernel's range first (the write would fail), then the narrower range that makes sense.
    const qint64 kernelMin = entry.kernelMin.value_or(std::numeric_limits<qint64>::min());
    const qint64 kernelMax = entry.kernelMax.value_or(std::numeric_limits<qint64>::max());
    qint64 min = kernelMin;
    qint64 max = kernelMax;
    if (entry.sensible) {
        min = std::max(min, entry.sensible->min);
        max = std::min(max, entry.sensible->max);
    }
    for (qint64 number : std::as_const(value.numbers)) {
        const bool kernelTakes = number >= kernelMin && number <= kernelMax;
        if (number >= min && number <= max)
            continue;
        QString error = entry.type == SysctlType::Triple || entry.type == SysctlType::PortRange
            ? tr("each value of %1 must be %2").arg(name, rangeText(min, max))
            : tr("%1 must be %2").arg(name, rangeText(min, max));
        if (kernelTakes && entry.sensible)
            error += tr(": %1 The kernel would accept %2, but it makes no sense.").arg(entry.sensible->why).arg(number);
        return refuse(error);
    }

    const qint64 number = value.numbers.first();
    switch (entry.type) {
    case SysctlType::Boolean:
    case SysctlType::Enum: {
        QStringList allowed;
        bool known = false;
        for (const SysctlValueMeaning &meaning : entry.values) {
            allowed.append(QString::number(meaning.value));
            known = known || meaning.value == number;
        }
        if (!known) {
            QString error = tr("%1 takes %2").arg(name, allowed.join(u", "_s));
            if (!entry.otherValues.isEmpty())
                error += tr(": %1").arg(entry.otherValues);
            return refuse(error);
        }
        break;
    }
    case SysctlType::Bitmask: {
        if (number < 0)
            return refuse(tr("%1 is a set of bits and cannot be negative").arg(name));
        qint64 knownBits = 0;
        for (const SysctlValueMeaning &bit : entry.bits)
            knownBits |= bit.value;
        if (number & ~knownBits)
            return refuse(tr("bits %1 of %2 mean nothing on this kernel; known bits: %3")
                    .arg(hexText(number & ~knownBits), name, [&] {
                        QStringList bits;
                        for (const SysctlValueMeaning &bit : entry.bits)
                            bits.append(hexText(bit.value));
                        return bits.join(u", "_s);
                    }()));
        // tcp_fastopen: the "without cookie" and "every listener" bits are only looked at when the
        // side's enable bit is set (tcp_fastopen_cookie_check(), tcp_try_fastopen()).
        if (entry.name() == u"tcp_fastopen"_s) {
            if ((number & 0x4) && !(number & 0x1))
                result.warnings.append(tr("bit 0x4 has no effect without bit 0x1 (client)"));
            if ((number & 0x600) && !(number & 0x2))
                result.warnings.append(tr("bits 0x200 and 0x400 have no effect without bit 0x2 (server)"));
        }
        break;
    }
    case SysctlType::Triple: {
        const qint64 low = value.numbers[0];
        const qint64 middle = value.numbers[1];
        const qint64 high = value.numbers[2];
        if (low > middle || middle > high)
            return refuse(tr("%1 needs %2 <= %3 <= %4; the kernel would store %5 %6 %7 as given, but it makes no sense")
                    .arg(name, entry.fields[0], entry.fields[1], entry.fields[2])
                    .arg(low)
                    .arg(middle)
                    .arg(high));
        break;
    }
    case SysctlType::PortRange: {
        const qint64 first = value.numbers[0];
        const qint64 last = value.numbers[1];
        if (first < context.unprivilegedPortStart)
            return refuse(tr("%1 must start at %2 or above (net.ipv4.ip_unprivileged_port_start)")
                    .arg(name)
                    .arg(context.unprivilegedPortStart));
        if (first > last)
            return refuse(tr("%1: the first port (%2) must not be above the last (%3)").arg(name).arg(first).arg(last));
        if (first % 2 == last % 2 && first != last)
            result.warnings.append(tr(
                "both ends of %1 are %2: the kernel prefers ends of different parity, so that connect() (even ports) "
                "and bind() to port 0 (odd ports) each get half")
                    .arg(name, first % 2 == 0 ? tr("even") : tr("odd")));
        break;
    }
    case SysctlType::Integer:
    case SysctlType::Choice:
    case SysctlType::List:
        break;
    }

    for (const SysctlRangeNote &warning : entry.warnings) {
        if (number >= warning.min && number <= warning.max)
            result.warnings.append(warning.why);
    }
    result.value = value;
    return result;
}

SysctlValidation SysctlValidator::validate(const SysctlEntry &entry, QStringView text)
{
    return validate(entry, text, Context{});
}

QString SysctlValidator::describe(const SysctlEntry &entry, const SysctlValue &value)
{
    const QString text = value.kernelText();
    if (value.numbers.isEmpty())
        return text;
    const qint64 number = value.numbers.first();
    switch (entry.type) {
    case SysctlType::Boolean:
    case SysctlType::Enum:
        for (const SysctlValueMeaning &meaning : entry.values) {
            if (meaning.value == number)
                return tr("%1 (%2)").arg(text, meaning.meaning);
        }
        return text;
    case SysctlType::Bitmask: {
        QStringList set;
        for (const SysctlValueMeaning &bit : entry.bits) {
            if (number & bit.value)
                set.append(hexText(bit.value) + u' ' + bit.meaning);
        }
        return set.isEmpty() ? tr("%1 (no bit set)").arg(text)
                             : tr("%1 = %2: %3").arg(text, hexText(number), set.join(u"; "_s));
    }
    case SysctlType::Triple:
    case SysctlType::PortRange: {
        QStringList parts;
        for (qsizetype i = 0; i < value.numbers.size() && i < entry.fields.size(); ++i)
            parts.append(entry.fields[i] + u' ' + QString::number(value.numbers[i]));
        return tr("%1 (%2)").arg(text, parts.join(u", "_s));
    }
    case SysctlType::Integer:
    case SysctlType::Choice:
    case SysctlType::List:
        break;
    }
    return text;
}

} // namespace TcpLens
