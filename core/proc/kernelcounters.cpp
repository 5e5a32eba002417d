// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "kernelcounters.h"

#include <QFile>
#include <QList>

namespace TcpLens {

using namespace Qt::StringLiterals;

std::expected<KernelCounters, QString> KernelCounters::parseSnmpStyle(QByteArrayView text)
{
    KernelCounters counters;
    const QList<QByteArrayView> lines = [&] {
        QList<QByteArrayView> result;
        qsizetype start = 0;
        while (start < text.size()) {
            qsizetype end = text.indexOf('\n', start);
            if (end < 0)
                end = text.size();
            if (end > start)
                result.append(text.sliced(start, end - start));
            start = end + 1;
        }
        return result;
    }();
    const auto split = [](QByteArrayView line) {
        QList<QByteArrayView> fields;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= line.size(); ++i) {
            if (i == line.size() || line[i] == ' ') {
                if (i > start)
                    fields.append(line.sliced(start, i - start));
                start = i + 1;
            }
        }
        return fields;
    };
    for (qsizetype i = 0; i < lines.size(); i += 2) {
        if (i + 1 >= lines.size())
            return std::unexpected(u"line %1: a header line without its value line"_s.arg(i + 1));
        const auto names = split(lines[i]);
        const auto values = split(lines[i + 1]);
        if (names.isEmpty() || !names[0].endsWith(':') || values.isEmpty() || names[0] != values[0])
            return std::unexpected(u"line %1: expected a 'Group: names' line followed by 'Group: values'"_s.arg(i + 1));
        if (names.size() != values.size())
            return std::unexpected(
                u"line %1: %2 names but %3 values"_s.arg(i + 1).arg(names.size() - 1).arg(values.size() - 1));
        const QByteArray group = names[0].chopped(1).toByteArray();
        for (qsizetype field = 1; field < names.size(); ++field) {
            bool ok = false;
            qint64 number = values[field].toLongLong(&ok);
            if (!ok) {
                // Counters are unsigned longs; the largest wrap into negatives here, which deltas survive.
                number = qint64(values[field].toULongLong(&ok));
                if (!ok)
                    return std::unexpected(
                        u"line %1: '%2' is not a number"_s.arg(i + 2).arg(QString::fromLatin1(values[field])));
            }
            counters.m_values.insert(group + '.' + names[field].toByteArray(), number);
        }
    }
    return counters;
}

std::expected<KernelCounters, QString> KernelCounters::read(const QString &netDir)
{
    KernelCounters all;
    for (const auto name : {u"netstat", u"snmp"}) {
        QFile file(netDir + u'/' + QStringView(name));
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        // procfs files report size 0: read until the end instead of trusting it.
        const QByteArray text = file.readAll();
        auto parsed = parseSnmpStyle(text);
        if (!parsed)
            return std::unexpected(file.fileName() + u": "_s + parsed.error());
        all.merge(*parsed);
    }
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
