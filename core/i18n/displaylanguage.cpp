// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "displaylanguage.h"

#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

const QString English = u"en"_s;

QString &currentLanguage()
{
    static QString language = English;
    return language;
}

// "zh-Hans-CN", "zh_CN.UTF-8", "zh_CN@euro" -> language, script and territory as QLocale knows them.
QLocale localeOf(QString name)
{
    name = name.section(u'.', 0, 0).section(u'@', 0, 0);
    name.replace(u'-', u'_');
    return QLocale(name);
}

// The translation among `available` that a reader of `wanted` reads: the same language, and for
// Chinese the same script (traditional-script readers are not served by zh_CN).
QString bestMatch(const QString &wanted, const QStringList &available)
{
    const QString trimmed = wanted.trimmed();
    if (trimmed.isEmpty() || trimmed == u"C"_s || trimmed.startsWith(u"C."_s) || trimmed == u"POSIX"_s)
        return English;
    const QLocale locale = localeOf(trimmed);
    if (locale.language() == QLocale::C)
        return {};
    if (locale.language() == QLocale::English)
        return English;
    for (const QString &candidate : available) {
        const QLocale translation(candidate);
        if (translation.language() == locale.language() && translation.script() == locale.script())
            return candidate;
    }
    return {};
}

} // namespace

QStringList DisplayLanguage::available()
{
    QStringList languages{English};
    const QStringList files = QDir(u":/i18n"_s).entryList({u"tcplens_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages.append(file.mid(8, file.size() - 8 - 3));
    return languages;
}

QString DisplayLanguage::resolve(const QString &choice, const QStringList &preferred)
{
    const QStringList languages = available();
    if (!choice.isEmpty() && choice != u"system"_s) {
        const QString match = bestMatch(choice, languages);
        return match.isEmpty() ? English : match;
    }
    for (const QString &wanted : preferred) {
        const QString match = bestMatch(wanted, languages);
        if (!match.isEmpty())
            return match;
    }
    return English;
}

QString DisplayLanguage::fromSystem(const QString &choice)
{
    return resolve(choice, QLocale::system().uiLanguages());
}

void DisplayLanguage::apply(const QString &language)
{
    currentLanguage() = language.isEmpty() ? English : language;
    if (currentLanguage() == English) {
        // A Chinese desktop where English was chosen: numbers and dates in English too, so the window
        // does not mix the two. Other systems keep their formats (English is the only text they get).
        if (available().contains(bestMatch(QLocale::system().name(), available())) &&
            QLocale::system().language() != QLocale::English)
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return;
    }
    const QLocale locale(currentLanguage());
    if (QLocale::system().language() != locale.language() || QLocale::system().script() != locale.script())
        QLocale::setDefault(locale);
    // Owned by the application, which outlives every text.
    auto *own = new QTranslator(QCoreApplication::instance());
    if (own->load(u":/i18n/tcplens_"_s + currentLanguage()))
        QCoreApplication::installTranslator(own);
    // Qt's own dialogs and --help ("Usage:", "Cancel"), where the system has them installed.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QString DisplayLanguage::current()
{
    return currentLanguage();
}

QString DisplayLanguage::nativeName(const QString &language)
{
    if (language == English)
        return u"English"_s;
    const QLocale locale(language);
    QString name = locale.nativeLanguageName();
    // QLocale calls zh_CN "中文（中国）"; readers look for the script.
    if (locale.language() == QLocale::Chinese)
        name = locale.script() == QLocale::TraditionalChineseScript ? u"繁體中文"_s : u"简体中文"_s;
    return name.isEmpty() ? language : name;
}

bool DisplayLanguage::isValidChoice(const QString &choice)
{
    if (choice.isEmpty() || choice == u"system"_s || choice == English)
        return true;
    return localeOf(choice).language() != QLocale::C;
}

} // namespace TcpLens
