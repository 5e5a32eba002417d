// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// The Chinese translation is complete: every entry of translations/tcplens_zh_CN.ts finished with its
// placeholders and accelerators, every text of the counter and sysctl catalogs with its "[zh_CN]"
// variant; the language follows the system's as DisplayLanguage reads it; and once chosen, the tr()
// texts, the catalogs and Qt's contexts speak it.

#include "i18n/displaylanguage.h"
#include "proc/countercatalog.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctllint.h"
#include "tracking/tcpstatemachine.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

const QString Chinese = u"zh_CN"_s;

QString sourcePath(const QString &relative)
{
    return QStringLiteral(TCPLENS_SOURCE_DIR) + u'/' + relative;
}

QJsonObject readJson(const QString &relative)
{
    QFile file(sourcePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// "%1", "%n": what .arg() and tr(..., n) fill in; a translation must keep every one.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%(\\d+|n)"_s);
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

bool hasAccelerator(QString text)
{
    return text.remove(u"&&"_s).contains(u'&');
}

bool hasChinese(const QString &text)
{
    return std::ranges::any_of(text, [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

// The texts of one catalog object that readers see: each present one needs "field[zh_CN]".
void requireChinese(const QJsonObject &object, const QStringList &fields, const QString &where, QStringList &missing)
{
    for (const QString &field : fields) {
        if (!object.value(field).isString() || object.value(field).toString().isEmpty())
            continue;
        const QJsonValue translated = object.value(field + u'[' + Chinese + u']');
        if (!translated.isString() || !hasChinese(translated.toString()))
            missing.append(where + u": '"_s + field + u"' has no '"_s + field + u"[zh_CN]'"_s);
    }
}

// Every text field of a scenario or rules file, at any depth ("steps/2/expect/0: 'text' has no ...").
void requireChineseEverywhere(const QJsonValue &value, const QString &where, QStringList &missing)
{
    static const QStringList texts{u"title"_s, u"summary"_s, u"narration"_s, u"text"_s, u"fix"_s};
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        requireChinese(object, texts, where, missing);
        for (auto it = object.begin(); it != object.end(); ++it)
            requireChineseEverywhere(it.value(), where + u'/' + it.key(), missing);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            requireChineseEverywhere(array.at(i), where + u'/' + QString::number(i), missing);
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete()
    {
        QFile file(sourcePath(u"translations/tcplens_zh_CN.ts"_s));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        bool numerus = false;
        int messages = 0;
        QStringList problems;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == "TS"_L1) {
                QCOMPARE(xml.attributes().value("language"_L1).toString(), Chinese);
                QCOMPARE(xml.attributes().value("sourcelanguage"_L1).toString(), u"en"_s);
            } else if (xml.name() == "name"_L1) {
                context = xml.readElementText();
            } else if (xml.name() == "message"_L1) {
                numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
                ++messages;
            } else if (xml.name() == "source"_L1) {
                source = xml.readElementText();
            } else if (xml.name() == "translation"_L1) {
                const QString where = context + u": \""_s + source + u'"';
                const QString type = xml.attributes().value("type"_L1).toString();
                if (!type.isEmpty())
                    problems.append(where + u" is "_s + type);
                QStringList forms;
                if (numerus) {
                    while (xml.readNextStartElement())
                        forms.append(xml.readElementText());
                } else {
                    forms.append(xml.readElementText());
                }
                for (const QString &form : std::as_const(forms)) {
                    if (form.isEmpty())
                        problems.append(where + u" has an empty translation"_s);
                    else if (placeholders(form) != placeholders(source))
                        problems.append(where + u" does not keep its placeholders: \""_s + form + u'"');
                    else if (hasAccelerator(source) && !hasAccelerator(form))
                        problems.append(where + u" lost its accelerator: \""_s + form + u'"');
                }
                if (forms.isEmpty())
                    problems.append(where + u" has no numerus form"_s);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 800);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void counterCatalogHasChinese()
    {
        const QJsonObject root = readJson(u"resources/counters/catalog.json"_s);
        QVERIFY(!root.isEmpty());
        QStringList missing;
        const QJsonObject groups = root.value(u"groups"_s).toObject();
        for (auto it = groups.begin(); it != groups.end(); ++it) {
            if (!it.key().contains(u'['))
                requireChinese(groups, {it.key()}, u"groups"_s, missing);
        }
        for (const QJsonValue &value : root.value(u"counters"_s).toArray()) {
            const QJsonObject counter = value.toObject();
            const QString name = counter.value(u"name"_s).toString();
            requireChinese(counter, {u"explanation"_s}, name, missing);
            for (const QJsonValue &version : counter.value(u"versions"_s).toArray())
                requireChinese(version.toObject(), {u"note"_s}, name + u", versions"_s, missing);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void sysctlCatalogHasChinese()
    {
        const QJsonObject root = readJson(u"resources/sysctl/catalog.json"_s);
        QVERIFY(!root.isEmpty());
        QStringList missing;
        for (const QJsonValue &value : root.value(u"entries"_s).toArray()) {
            const QJsonObject entry = value.toObject();
            const QString key = entry.value(u"key"_s).toString();
            requireChinese(entry,
                {u"summary"_s, u"explanation"_s, u"whenToChange"_s, u"tradeOff"_s, u"lore"_s, u"otherValues"_s}, key,
                missing);
            requireChinese(entry.value(u"sensible"_s).toObject(), {u"why"_s}, key + u", sensible"_s, missing);
            for (const QString &list : {u"warn"_s, u"values"_s, u"bits"_s, u"history"_s}) {
                for (const QJsonValue &item : entry.value(list).toArray())
                    requireChinese(
                        item.toObject(), {u"why"_s, u"meaning"_s, u"change"_s}, key + u", "_s + list, missing);
            }
            if (entry.contains(u"fields"_s) &&
                entry.value(u"fields[zh_CN]"_s).toArray().size() != entry.value(u"fields"_s).toArray().size())
                missing.append(key + u": 'fields' has no 'fields[zh_CN]' of the same length"_s);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    // The lessons' scenarios and the diagnosis's rules: every title, summary, narration, claim and fix.
    void lessonsAndRulesHaveChinese()
    {
        QStringList files{u"resources/diagnosis/rules.json"_s};
        const QDir lab(sourcePath(u"resources/lab"_s));
        for (const QString &name : lab.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            files.append(u"resources/lab/"_s + name);
        QVERIFY(files.size() > 10);
        QStringList missing;
        for (const QString &file : std::as_const(files))
            requireChineseEverywhere(readJson(file), file, missing);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<QStringList>("preferred");
        QTest::addColumn<QString>("expected");
        QTest::addRow("LANGUAGE=zh_CN") << QString() << QStringList{u"zh-CN"_s} << Chinese;
        QTest::addRow("system, zh-Hans-CN") << u"system"_s << QStringList{u"zh-Hans-CN"_s, u"zh-CN"_s} << Chinese;
        QTest::addRow("first known wins") << QString() << QStringList{u"de-DE"_s, u"zh-CN"_s, u"en-US"_s} << Chinese;
        QTest::addRow("English first") << QString() << QStringList{u"en-GB"_s, u"zh-CN"_s} << u"en"_s;
        QTest::addRow("traditional script") << QString() << QStringList{u"zh-TW"_s} << u"en"_s;
        QTest::addRow("C locale") << QString() << QStringList{u"C"_s} << u"en"_s;
        QTest::addRow("nothing") << QString() << QStringList() << u"en"_s;
        QTest::addRow("chosen English") << u"en"_s << QStringList{u"zh-CN"_s} << u"en"_s;
        QTest::addRow("chosen zh") << u"zh"_s << QStringList() << Chinese;
        QTest::addRow("chosen zh_CN.UTF-8") << u"zh_CN.UTF-8"_s << QStringList() << Chinese;
        QTest::addRow("chosen, not translated") << u"fr"_s << QStringList{u"zh-CN"_s} << u"en"_s;
    }

    void resolve()
    {
        QFETCH(QString, choice);
        QFETCH(QStringList, preferred);
        QFETCH(QString, expected);
        QVERIFY(DisplayLanguage::available().contains(Chinese));
        QCOMPARE(DisplayLanguage::resolve(choice, preferred), expected);
    }

    void catalogsParseInChinese()
    {
        QFile counters(u":/counters/catalog.json"_s);
        QVERIFY(counters.open(QIODevice::ReadOnly));
        const auto counterCatalog = CounterCatalog::parse(counters.readAll(), Chinese);
        QVERIFY2(counterCatalog.has_value(), qPrintable(counterCatalog.error()));
        const CounterDescription *overflows = counterCatalog->find("TcpExt.ListenOverflows");
        QVERIFY(overflows);
        QVERIFY2(overflows->explanation.contains(u"全连接队列"_s), qPrintable(overflows->explanation));
        QVERIFY(hasChinese(counterCatalog->groupTitle(u"handshake"_s)));

        QFile sysctls(u":/sysctl/catalog.json"_s);
        QVERIFY(sysctls.open(QIODevice::ReadOnly));
        const QByteArray json = sysctls.readAll();
        const auto chinese = SysctlCatalog::parse(json, Chinese);
        QVERIFY2(chinese.has_value(), qPrintable(chinese.error()));
        const auto english = SysctlCatalog::parse(json);
        QVERIFY2(english.has_value(), qPrintable(english.error()));
        const SysctlEntry *backlog = chinese->find(u"tcp_max_syn_backlog"_s);
        QVERIFY(backlog);
        QVERIFY2(hasChinese(backlog->summary), qPrintable(backlog->summary));
        QVERIFY(!hasChinese(english->find(u"tcp_max_syn_backlog"_s)->summary));
        const SysctlEntry *rmem = chinese->find(u"tcp_rmem"_s);
        QVERIFY(rmem);
        QCOMPARE(rmem->fields.size(), 3);
        QVERIFY(hasChinese(rmem->fields.constFirst()));
    }

    // Last: apply() changes the whole process.
    void applyChinese()
    {
        DisplayLanguage::apply(Chinese);
        QCOMPARE(DisplayLanguage::current(), Chinese);
        // Contexts lupdate must get right: Q_DECLARE_TR_FUNCTIONS and translate() with a literal.
        QCOMPARE(SysctlLint::tr("error"), u"错误"_s);
        QCOMPARE(QCoreApplication::translate("TcpLens::OwnerTexts", "— (SYN queue)"), u"—（半连接队列）"_s);
        QCOMPARE(QCoreApplication::translate("TcpLens::Diagnoser", "no process"), u"没有进程"_s);
        const auto catalog = SysctlCatalog::builtIn();
        QVERIFY(catalog.has_value());
        QVERIFY(hasChinese(catalog->find(u"tcp_syncookies"_s)->summary));
        QCOMPARE(DisplayLanguage::nativeName(Chinese), u"简体中文"_s);
    }

    // The state machine's texts are what the diagram's and the timeline's tooltips and the timeline's
    // Event column show: in Chinese once it is chosen (applyChinese() above chose it).
    void stateMachineSpeaksChinese()
    {
        QCOMPARE(DisplayLanguage::current(), Chinese);
        QStringList english;
        for (const TcpTransition &edge : TcpStateMachine::transitions()) {
            if (!hasChinese(TcpStateMachine::eventText(edge)))
                english.append(TcpStateMachine::eventText(edge));
            if (!hasChinese(TcpStateMachine::pathText(edge.path)))
                english.append(TcpStateMachine::pathText(edge.path));
        }
        for (const TcpStateDescription &description : TcpStateMachine::states()) {
            if (!hasChinese(TcpStateMachine::summaryText(description)))
                english.append(TcpStateMachine::summaryText(description));
        }
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(),
            qPrintable(
                u"not translated (run the update_translations target and fill them in): "_s + english.join(u" | "_s)));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
