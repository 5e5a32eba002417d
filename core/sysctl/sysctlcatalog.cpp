// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlcatalog.h"

#include "i18n/displaylanguage.h"
#include "model/jsonobjectreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <span>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// Numbers may be JSON numbers or, above 2^53 where doubles lose digits, strings.
std::optional<qint64> integerOf(const QJsonValue &value)
{
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok ? std::optional<qint64>(number) : std::nullopt;
    }
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &item : value.toArray())
        result.append(item.toString());
    return result;
}

// A text shown to the user, "why[zh_CN]" for a Chinese reader (JsonObjectReader's convention).
QString textOf(const QJsonObject &object, const QString &field, const QString &locale)
{
    return JsonObjectReader(object, QString(), locale).text(field);
}

// The catalog's names of types and units: read here, written by `tcplens sysctl --json`.
constexpr std::pair<QStringView, SysctlType> TypeNames[] = {
    {u"integer", SysctlType::Integer},
    {u"boolean", SysctlType::Boolean},
    {u"enum", SysctlType::Enum},
    {u"bitmask", SysctlType::Bitmask},
    {u"triple", SysctlType::Triple},
    {u"portRange", SysctlType::PortRange},
    {u"choice", SysctlType::Choice},
    {u"list", SysctlType::List},
};
constexpr std::pair<QStringView, SysctlUnit> UnitNames[] = {
    {u"none", SysctlUnit::None},
    {u"count", SysctlUnit::Count},
    {u"seconds", SysctlUnit::Seconds},
    {u"ms", SysctlUnit::Milliseconds},
    {u"bytes", SysctlUnit::Bytes},
    {u"pages", SysctlUnit::Pages},
};

template<typename Enum>
QString nameOf(Enum value, std::span<const std::pair<QStringView, Enum>> names)
{
    for (const auto &[name, known] : names) {
        if (known == value)
            return name.toString();
    }
    return {};
}

template<typename Enum>
std::optional<Enum> enumOf(const QString &text, std::span<const std::pair<QStringView, Enum>> names)
{
    for (const auto &[name, value] : names) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

template<typename Enum>
std::optional<Enum> enumOf(const QString &text, std::initializer_list<std::pair<QStringView, Enum>> names)
{
    return enumOf<Enum>(text, std::span<const std::pair<QStringView, Enum>>(names.begin(), names.size()));
}

std::expected<SysctlRangeNote, QString> rangeNoteOf(const QJsonObject &object, const QString &locale)
{
    const auto min = integerOf(object.value("min"_L1));
    const auto max = integerOf(object.value("max"_L1));
    if (!min || !max || *min > *max)
        return std::unexpected(SysctlCatalog::tr("a range needs numbers min <= max"));
    return SysctlRangeNote{*min, *max, textOf(object, u"why"_s, locale)};
}

std::expected<QList<SysctlValueMeaning>, QString> meaningsOf(
    const QJsonValue &value, QLatin1StringView numberField, const QString &locale)
{
    QList<SysctlValueMeaning> result;
    for (const QJsonValue &item : value.toArray()) {
        const auto number = integerOf(item.toObject().value(numberField));
        if (!number)
            return std::unexpected(SysctlCatalog::tr("'%1' needs a number").arg(numberField));
        result.append({*number, textOf(item.toObject(), u"meaning"_s, locale)});
    }
    return result;
}

std::expected<SysctlEntry, QString> entryOf(const QJsonObject &object, const QString &locale)
{
    SysctlEntry entry;
    entry.key = object.value("key"_L1).toString();
    if (!entry.key.startsWith("net."_L1) || entry.key.contains(u'/') || entry.key.contains(".."_L1))
        return std::unexpected(SysctlCatalog::tr("'key' must be a net.* sysctl name"));
    entry.aliases = stringsOf(object.value("aliases"_L1));
    for (const QString &alias : std::as_const(entry.aliases)) {
        if (!alias.startsWith("net."_L1) || alias.contains(u'/') || alias.contains(".."_L1))
            return std::unexpected(SysctlCatalog::tr("'aliases' must be net.* sysctl names"));
    }
    entry.path = object.value("path"_L1).toString();
    if (entry.path != u"/proc/sys/"_s + entry.relativePath())
        return std::unexpected(SysctlCatalog::tr("'path' must be /proc/sys/ followed by the key with dots as slashes"));
    const auto type = enumOf<SysctlType>(object.value("type"_L1).toString(), TypeNames);
    if (!type)
        return std::unexpected(SysctlCatalog::tr("unknown 'type'"));
    entry.type = *type;
    const auto unit = enumOf<SysctlUnit>(object.value("unit"_L1).toString(), UnitNames);
    if (!unit)
        return std::unexpected(SysctlCatalog::tr("unknown 'unit'"));
    entry.unit = *unit;
    entry.removed = object.value("status"_L1).toString() == "removed"_L1;
    entry.removedIn = object.value("removedIn"_L1).toString();
    if (entry.removed && entry.removedIn.isEmpty())
        return std::unexpected(SysctlCatalog::tr("a removed key needs 'removedIn'"));
    entry.readOnly = object.value("readOnly"_L1).toBool();

    const QJsonObject kernel = object.value("kernel"_L1).toObject();
    entry.kernelMin = integerOf(kernel.value("min"_L1));
    entry.kernelMax = integerOf(kernel.value("max"_L1));
    entry.kernelHandler = kernel.value("handler"_L1).toString();
    const bool numeric = entry.type != SysctlType::Choice && entry.type != SysctlType::List;
    if (numeric && !entry.removed && (!entry.kernelMin || !entry.kernelMax || *entry.kernelMin > *entry.kernelMax))
        return std::unexpected(SysctlCatalog::tr("a numeric key needs 'kernel' with min <= max"));
    if (object.contains("sensible"_L1)) {
        auto sensible = rangeNoteOf(object.value("sensible"_L1).toObject(), locale);
        if (!sensible)
            return std::unexpected(u"'sensible': "_s + sensible.error());
        entry.sensible = *sensible;
    }
    for (const QJsonValue &warning : object.value("warn"_L1).toArray()) {
        auto note = rangeNoteOf(warning.toObject(), locale);
        if (!note)
            return std::unexpected(u"'warn': "_s + note.error());
        entry.warnings.append(*note);
    }
    auto values = meaningsOf(object.value("values"_L1), "value"_L1, locale);
    auto bits = meaningsOf(object.value("bits"_L1), "bit"_L1, locale);
    if (!values || !bits)
        return std::unexpected(values ? bits.error() : values.error());
    entry.values = *values;
    entry.bits = *bits;
    if ((entry.type == SysctlType::Enum || entry.type == SysctlType::Boolean) && entry.values.isEmpty() &&
        !entry.removed)
        return std::unexpected(SysctlCatalog::tr("an enum or boolean needs 'values' with their meaning"));
    if (entry.type == SysctlType::Bitmask && entry.bits.isEmpty())
        return std::unexpected(SysctlCatalog::tr("a bitmask needs 'bits' with their meaning"));
    entry.otherValues = textOf(object, u"otherValues"_s, locale);
    entry.fields = stringsOf(object.value("fields"_L1));
    // The parts' names as a reader of `locale` says them: "fields[zh_CN]", an array like "fields".
    for (const QString &lang : {locale, locale.section(u'_', 0, 0)}) {
        const QJsonValue translated = object.value(u"fields["_s + lang + u']');
        if (!lang.isEmpty() && translated.isArray() && translated.toArray().size() == entry.fields.size()) {
            entry.fields = stringsOf(translated);
            break;
        }
    }
    if ((entry.type == SysctlType::Triple && entry.fields.size() != 3) ||
        (entry.type == SysctlType::PortRange && entry.fields.size() != 2))
        return std::unexpected(SysctlCatalog::tr("'fields' must name each part"));
    entry.choicesFrom = object.value("choicesFrom"_L1).toString();

    const QString scope = object.value("scope"_L1).toString();
    if (scope != "namespace"_L1 && scope != "global"_L1)
        return std::unexpected(SysctlCatalog::tr("'scope' must be namespace or global"));
    entry.scope = scope == "global"_L1 ? SysctlScope::Global : SysctlScope::Namespace;
    entry.visibleInChildNamespaces = object.value("visibleInChildNamespaces"_L1).toBool();
    const auto source = enumOf<SysctlDefaultSource>(object.value("defaultFrom"_L1).toString(u"fresh-namespace"_s),
        {{u"fresh-namespace", SysctlDefaultSource::FreshNamespace},
            {u"initial-namespace-copy", SysctlDefaultSource::InitialNamespaceCopy},
            {u"boot", SysctlDefaultSource::Boot}});
    if (!source || (entry.scope == SysctlScope::Global) != (*source == SysctlDefaultSource::Boot))
        return std::unexpected(SysctlCatalog::tr("'defaultFrom' must be boot exactly for global keys"));
    entry.defaultSource = *source;
    entry.documentedDefault = textOf(object, u"documentedDefault"_s, locale);
    entry.example = object.value("example"_L1).toString();

    entry.states = stringsOf(object.value("states"_L1));
    entry.counters = stringsOf(object.value("counters"_L1));
    entry.lesson = object.value("lesson"_L1).toString();
    entry.summary = textOf(object, u"summary"_s, locale);
    entry.explanation = textOf(object, u"explanation"_s, locale);
    entry.whenToChange = textOf(object, u"whenToChange"_s, locale);
    entry.tradeOff = textOf(object, u"tradeOff"_s, locale);
    entry.lore = textOf(object, u"lore"_s, locale);
    if (entry.summary.isEmpty() || entry.explanation.isEmpty())
        return std::unexpected(SysctlCatalog::tr("'summary' and 'explanation' are required"));
    for (const QJsonValue &item : object.value("history"_L1).toArray())
        entry.history.append(
            {item.toObject().value("version"_L1).toString(), textOf(item.toObject(), u"change"_s, locale)});
    return entry;
}

} // namespace

std::expected<SysctlCatalog, QString> SysctlCatalog::parse(QByteArrayView json, const QString &locale)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (document.isNull())
        return std::unexpected(
            tr("the catalog is not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (document.object().value("format"_L1).toInt() != 1)
        return std::unexpected(tr("the catalog has an unknown format (expected \"format\": 1)"));
    SysctlCatalog catalog;
    QSet<QString> keys;
    const QJsonArray entries = document.object().value("entries"_L1).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        std::expected<SysctlEntry, QString> entry;
        try {
            entry = entryOf(entries[i].toObject(), locale);
        } catch (const JsonParseError &notText) {
            entry = std::unexpected(notText.message);
        }
        if (!entry)
            return std::unexpected(tr("catalog entry %1 (%2): %3")
                    .arg(i)
                    .arg(entries[i].toObject().value("key"_L1).toString(), entry.error()));
        for (const QString &key : QStringList{entry->key} + entry->aliases) {
            if (keys.contains(key))
                return std::unexpected(tr("catalog entry %1: %2 appears twice").arg(i).arg(key));
            keys.insert(key);
        }
        catalog.m_entries.append(std::move(*entry));
    }
    return catalog;
}

std::expected<SysctlCatalog, QString> SysctlCatalog::builtIn()
{
    QFile file(u":/sysctl/catalog.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(tr("the built-in sysctl catalog is missing: %1").arg(file.errorString()));
    return parse(file.readAll(), DisplayLanguage::current());
}

const SysctlEntry *SysctlCatalog::find(QStringView nameOrKey) const
{
    QString wanted = nameOrKey.trimmed().toString();
    if (wanted.startsWith("/proc/sys/"_L1))
        wanted = wanted.mid(10);
    wanted.replace(u'/', u'.');
    for (const SysctlEntry &entry : m_entries) {
        if (entry.key == wanted || entry.name() == wanted || entry.aliases.contains(wanted))
            return &entry;
    }
    return nullptr;
}

QString SysctlCatalog::typeName(SysctlType type)
{
    return nameOf<SysctlType>(type, TypeNames);
}

QString SysctlCatalog::unitName(SysctlUnit unit)
{
    return nameOf<SysctlUnit>(unit, UnitNames);
}

} // namespace TcpLens
