// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "kernelcounters.h"

#include <QFile>
#include <QList>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QList<QByteArrayView> splitLines(QByteArrayView text)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        lines.append(text.sliced(start, end - start));
        start = end + 1;
    }
    return lines;
}

QList<QByteArrayView> splitFields(QByteArrayView line)
{
    QList<QByteArrayView> fields;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
            if (i > start)
                fields.append(line.sliced(start, i - start));
            start = i + 1;
        }
    }
    return fields;
}

void warn(QStringList *warnings, QString text)
{
    if (warnings)
        warnings->append(std::move(text));
}

// Names come from the kernel: printable ASCII. Anything else is shown escaped in a warning.
QString printable(QByteArrayView bytes)
{
    QString text;
    for (const char c : bytes.first(std::min<qsizetype>(bytes.size(), 40))) {
        if (c >= 0x20 && c < 0x7f)
            text += QLatin1Char(c);
        else
            text += u"\\x%1"_s.arg(uchar(c), 2, 16, QLatin1Char('0'));
    }
    return text;
}

} // namespace

void KernelCounters::insert(QByteArray name, QByteArrayView number, qsizetype line, QStringList *warnings)
{
    bool ok = false;
    qint64 value = number.toLongLong(&ok);
    if (!ok) {
        // Counters are unsigned longs: the largest wrap into negatives here, and deltas survive that.
        value = qint64(number.toULongLong(&ok));
    }
    if (!ok) {
        warn(warnings,
            u"line %1: %2 = '%3' is not a 64-bit number; skipped"_s.arg(line).arg(printable(name), printable(number)));
        return;
    }
    m_values.insert(std::move(name), value);
}

KernelCounters KernelCounters::parseSnmpStyle(QByteArrayView text, QStringList *warnings)
{
    KernelCounters counters;
    const auto lines = splitLines(text);
    qsizetype i = 0;
    while (i < lines.size()) {
        const auto names = splitFields(lines[i]);
        if (names.isEmpty()) {
            ++i;
            continue;
        }
        if (!names[0].endsWith(':')) {
            warn(warnings, u"line %1: '%2' is no 'Group:' line; skipped"_s.arg(i + 1).arg(printable(lines[i])));
            ++i;
            continue;
        }
        if (i + 1 >= lines.size()) {
            warn(warnings, u"line %1: group %2 has no value line; skipped"_s.arg(i + 1).arg(printable(names[0])));
            break;
        }
        const auto values = splitFields(lines[i + 1]);
        if (values.isEmpty() || values[0] != names[0]) {
            warn(warnings,
                u"line %1: group %2 is not followed by its values; skipped"_s.arg(i + 1).arg(printable(names[0])));
            ++i; // the next line may start a group of its own
            continue;
        }
        if (values.size() != names.size()) {
            // Which value goes with which name is unknowable: keep none rather than guess.
            warn(warnings,
                u"line %1: group %2 has %3 names but %4 values; skipped"_s.arg(i + 1)
                    .arg(printable(names[0]))
                    .arg(names.size() - 1)
                    .arg(values.size() - 1));
            i += 2;
            continue;
        }
        const QByteArray group = names[0].chopped(1).toByteArray();
        for (qsizetype field = 1; field < names.size(); ++field)
            counters.insert(group + '.' + names[field].toByteArray(), values[field], i + 2, warnings);
        i += 2;
    }
    return counters;
}

KernelCounters KernelCounters::parseSnmp6(QByteArrayView text, QStringList *warnings)
{
    KernelCounters counters;
    const auto lines = splitLines(text);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto fields = splitFields(lines[i]);
        if (fields.isEmpty())
            continue;
        if (fields.size() != 2) {
            warn(warnings, u"line %1: expected 'Name value', got '%2'; skipped"_s.arg(i + 1).arg(printable(lines[i])));
            continue;
        }
        counters.insert("Snmp6." + fields[0].toByteArray(), fields[1], i + 1, warnings);
    }
    return counters;
}

KernelCounters KernelCounters::parseSockstat(QByteArrayView text, QByteArrayView group, QStringList *warnings)
{
    KernelCounters counters;
    const auto lines = splitLines(text);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto fields = splitFields(lines[i]);
        if (fields.isEmpty())
            continue;
        // "TCP: inuse 5 orphan 0 tw 0 alloc 6 mem 1": a protocol, then name/value pairs.
        if (!fields[0].endsWith(':') || fields.size() % 2 != 1) {
            warn(warnings,
                u"line %1: expected 'PROTO: name value ...', got '%2'; skipped"_s.arg(i + 1).arg(printable(lines[i])));
            continue;
        }
        const QByteArray prefix = group.toByteArray() + '.' + fields[0].chopped(1).toByteArray() + '.';
        for (qsizetype field = 1; field + 1 < fields.size(); field += 2)
            counters.insert(prefix + fields[field].toByteArray(), fields[field + 1], i + 1, warnings);
    }
    return counters;
}

std::expected<KernelCounters, QString> KernelCounters::read(const QString &netDir, QStringList *warnings)
{
    KernelCounters all;
    const auto readFile = [&](const QString &name, bool required) -> std::optional<QByteArray> {
        QFile file(netDir + u'/' + name);
        if (!file.open(QIODevice::ReadOnly)) {
            if (!required)
                warn(warnings, u"%1 not read: %2"_s.arg(file.fileName(), file.errorString()));
            return std::nullopt;
        }
        // procfs files report size 0: read until the end instead of trusting it.
        return file.readAll();
    };
    for (const auto &name : {u"netstat"_s, u"snmp"_s}) {
        const auto text = readFile(name, true);
        if (!text)
            return std::unexpected(u"cannot read %1/%2: is %1 a network namespace's net folder?"_s.arg(netDir, name));
        all.merge(parseSnmpStyle(*text, warnings));
    }
    if (const auto text = readFile(u"snmp6"_s, false))
        all.merge(parseSnmp6(*text, warnings));
    if (const auto text = readFile(u"sockstat"_s, false))
        all.merge(parseSockstat(*text, "Sockstat", warnings));
    if (const auto text = readFile(u"sockstat6"_s, false))
        all.merge(parseSockstat(*text, "Sockstat6", warnings));
    return all;
}

std::optional<qint64> KernelCounters::value(QByteArrayView name) const
{
    const auto it = m_values.constFind(name.toByteArray());
    return it == m_values.cend() ? std::nullopt : std::optional<qint64>(*it);
}

void KernelCounters::merge(const KernelCounters &other)
{
    m_values.insert(other.m_values);
}

} // namespace TcpLens
