// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "jsonobjectreader.h"

#include <QRegularExpression>

#include <cmath>

namespace TcpLens {

using namespace Qt::StringLiterals;

JsonObjectReader::JsonObjectReader(const QJsonObject &object, QString place, const QString &locale)
    : m_object(object)
    , m_place(std::move(place))
    , m_locale(locale)
{
}

void JsonObjectReader::fail(const QString &message) const
{
    throw JsonParseError{m_place.isEmpty() ? message : m_place + u": "_s + message};
}

void JsonObjectReader::onlyKnownFields(const QStringList &known, const QStringList &texts) const
{
    static const QRegularExpression translated(u"^([A-Za-z]+)\\[([A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?)\\]$"_s);
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (known.contains(it.key()) || texts.contains(it.key()))
            continue;
        const auto match = translated.match(it.key());
        if (match.hasMatch() && texts.contains(match.captured(1))) {
            if (!it.value().isString())
                fail(u"'%1' must be a string"_s.arg(it.key()));
            continue;
        }
        fail(u"unknown field '%1'"_s.arg(it.key()));
    }
}

QString JsonObjectReader::string(const QString &field, const QString &fallback, bool required) const
{
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined()) {
        if (required)
            fail(u"'%1' is missing"_s.arg(field));
        return fallback;
    }
    if (!v.isString())
        fail(u"'%1' must be a string"_s.arg(field));
    if (required && v.toString().isEmpty())
        fail(u"'%1' must not be empty"_s.arg(field));
    return v.toString();
}

QString JsonObjectReader::oneOf(const QString &field, const QStringList &choices, const QString &fallback) const
{
    const bool required = fallback.isNull();
    const QString text = string(field, fallback, required);
    if (!choices.contains(text))
        fail(u"'%1' must be one of %2, not '%3'"_s.arg(field, choices.join(u", "_s), text));
    return text;
}

QString JsonObjectReader::text(const QString &field, bool required) const
{
    const QString base = string(field, QString(), required);
    if (!m_locale.isEmpty()) {
        for (const QString &lang : {m_locale, m_locale.section(u'_', 0, 0)}) {
            const QJsonValue v = m_object.value(field + u'[' + lang + u']');
            if (v.isString())
                return v.toString();
        }
    }
    return base;
}

double JsonObjectReader::number(
    const QString &field, double fallback, double minimum, double maximum, bool whole, bool required) const
{
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined()) {
        if (required)
            fail(u"'%1' is missing"_s.arg(field));
        return fallback;
    }
    const double n = v.toDouble(std::nan(""));
    const QString kind = whole ? u"a whole number"_s : u"a number"_s;
    if (!v.isDouble() || !std::isfinite(n) || n < minimum || n > maximum || (whole && n != std::floor(n))) {
        if (maximum >= 1e15)
            fail(u"'%1' must be %2 ≥ %3"_s.arg(field, kind, QString::number(minimum)));
        fail(u"'%1' must be %2 from %3 to %4"_s.arg(field, kind, QString::number(minimum), QString::number(maximum)));
    }
    return n;
}

int JsonObjectReader::integer(const QString &field, int fallback, int minimum, int maximum, bool required) const
{
    return int(number(field, fallback, minimum, maximum, true, required));
}

bool JsonObjectReader::boolean(const QString &field, bool fallback) const
{
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool())
        fail(u"'%1' must be true or false"_s.arg(field));
    return v.toBool();
}

JsonObjectReader JsonObjectReader::object(const QString &field, const QString &place) const
{
    const QJsonValue v = m_object.value(field);
    if (!v.isObject())
        fail(u"'%1' must be an object"_s.arg(field));
    return JsonObjectReader(v.toObject(), m_place.isEmpty() ? place : m_place + u", "_s + place, m_locale);
}

QJsonArray JsonObjectReader::array(const QString &field) const
{
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined())
        return {};
    if (!v.isArray())
        fail(u"'%1' must be an array"_s.arg(field));
    return v.toArray();
}

JsonObjectReader JsonObjectReader::element(const QJsonArray &array, qsizetype index, const QString &place) const
{
    if (!array.at(index).isObject())
        throw JsonParseError{place + u": must be an object"_s};
    return JsonObjectReader(array.at(index).toObject(), place, m_locale);
}

} // namespace TcpLens
