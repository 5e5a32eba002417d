// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "countercatalog.h"

#include "i18n/displaylanguage.h"
#include "model/jsonobjectreader.h"
#include "proc/proclogging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
QStringList strings(const QJsonValue &value)
{
    QStringList result;
    for (const auto &item : value.toArray())
        result.append(item.toString());
    return result;
}
} // namespace

std::expected<CounterCatalog, QString> CounterCatalog::parse(QByteArrayView json, const QString &locale)
{
    try {
        return parseIn(json, locale);
    } catch (const JsonParseError &error) {
        return std::unexpected(error.message);
    }
}

std::expected<CounterCatalog, QString> CounterCatalog::parseIn(QByteArrayView json, const QString &locale)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (document.isNull())
        return std::unexpected(
            u"the counter catalog is not JSON: %1 at byte %2"_s.arg(error.errorString()).arg(error.offset));
    const QJsonObject root = document.object();
    if (root.value(u"schema"_s).toString() != u"tcplens.counter-catalog"_s)
        return std::unexpected(u"not a counter catalog (schema is '%1')"_s.arg(root.value(u"schema"_s).toString()));
    CounterCatalog catalog;
    const QJsonObject groups = root.value(u"groups"_s).toObject();
    const JsonObjectReader groupTitles(groups, u"groups"_s, locale);
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        if (!it.key().contains(u'[')) // "handshake[zh_CN]" is a translation of "handshake"
            catalog.m_groupTitles.insert(it.key(), groupTitles.text(it.key()));
    }
    const QJsonArray counters = root.value(u"counters"_s).toArray();
    for (qsizetype i = 0; i < counters.size(); ++i) {
        const QJsonObject entry = counters.at(i).toObject();
        const JsonObjectReader texts(entry, u"counter %1"_s.arg(i), locale);
        CounterDescription counter;
        counter.name = entry.value(u"name"_s).toString().toLatin1();
        if (counter.name.isEmpty() || !counter.name.contains('.'))
            return std::unexpected(u"counter %1: 'name' must be Group.Name"_s.arg(i));
        if (catalog.m_index.contains(counter.name))
            return std::unexpected(u"counter %1 (%2) appears twice"_s.arg(i).arg(QString::fromLatin1(counter.name)));
        counter.group = entry.value(u"group"_s).toString();
        if (!catalog.m_groupTitles.contains(counter.group))
            return std::unexpected(
                u"counter %1: group '%2' is not declared"_s.arg(QString::fromLatin1(counter.name), counter.group));
        counter.netstatText = entry.value(u"netstat"_s).toString();
        counter.kernelFunction = entry.value(u"kernel"_s).toString();
        counter.explanation = texts.text(u"explanation"_s);
        if (counter.explanation.isEmpty())
            return std::unexpected(u"counter %1 has no explanation"_s.arg(QString::fromLatin1(counter.name)));
        counter.states = strings(entry.value(u"states"_s));
        counter.queue = entry.value(u"queue"_s).toString();
        counter.sysctls = strings(entry.value(u"sysctls"_s));
        counter.gauge = entry.value(u"gauge"_s).toBool();
        for (const auto &version : entry.value(u"versions"_s).toArray()) {
            const QJsonObject note = version.toObject();
            counter.versionNotes.append(note.value(u"version"_s).toString() + u": "_s +
                JsonObjectReader(note, texts.place(), locale).text(u"note"_s));
        }
        catalog.m_index.insert(counter.name, catalog.m_counters.size());
        catalog.m_counters.append(counter);
    }
    return catalog;
}

const CounterCatalog &CounterCatalog::builtIn()
{
    static const CounterCatalog catalog = [] {
        QFile file(u":/counters/catalog.json"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcProc) << "the built-in counter catalog is missing:" << file.errorString();
            return CounterCatalog();
        }
        auto parsed = parse(file.readAll(), DisplayLanguage::current());
        if (!parsed) {
            qCCritical(lcProc) << "the built-in counter catalog is broken:" << parsed.error();
            return CounterCatalog();
        }
        return std::move(*parsed);
    }();
    return catalog;
}

const CounterDescription *CounterCatalog::find(QByteArrayView name) const
{
    const auto it = m_index.constFind(name.toByteArray());
    return it == m_index.cend() ? nullptr : &m_counters[*it];
}

} // namespace TcpLens
