// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace TcpLens {

// Thrown by JsonObjectReader; each parser catches it once and returns it as its std::expected error.
struct JsonParseError
{
    QString message;
};

// One JSON object of a data file that teachers and users write (lab scenarios, diagnosis rules), with
// where it is ("step 3, action 2") for every message. Strict: an unknown field, a value of the wrong
// type or out of range is an error that names its place ("step 3, action 2: 'backlog' must be a whole
// number ≥ 0"), because a typo must not become a silently different experiment or rule.
class JsonObjectReader
{
public:
    // `locale` picks the translations text() returns: "zh_CN" takes "title[zh_CN]", else "title[zh]".
    JsonObjectReader(const QJsonObject &object, QString place, const QString &locale);

    [[noreturn]] void fail(const QString &message) const;
    bool has(const QString &field) const { return m_object.contains(field); }
    QJsonValue value(const QString &field) const { return m_object.value(field); }
    // Every key must be one of `known`, or a translation "field[LANG]" of one of `texts`.
    void onlyKnownFields(const QStringList &known, const QStringList &texts = {}) const;
    QString string(const QString &field, const QString &fallback = QString(), bool required = false) const;
    QString oneOf(const QString &field, const QStringList &choices, const QString &fallback = QString()) const;
    // A text shown to the user: the translation for the locale if the file has one.
    QString text(const QString &field, bool required = false) const;
    double number(const QString &field, double fallback, double minimum, double maximum, bool whole = false,
        bool required = false) const;
    int integer(const QString &field, int fallback, int minimum, int maximum, bool required = false) const;
    bool boolean(const QString &field, bool fallback) const;
    JsonObjectReader object(const QString &field, const QString &place) const;
    QJsonArray array(const QString &field) const;
    JsonObjectReader element(const QJsonArray &array, qsizetype index, const QString &place) const;
    const QString &place() const { return m_place; }
    const QJsonObject &json() const { return m_object; }

private:
    QJsonObject m_object;
    QString m_place;
    QString m_locale;
};

} // namespace TcpLens
