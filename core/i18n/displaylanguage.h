// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace TcpLens {

// The language TCP Lens speaks: English, the source language, or one of the translations compiled in
// (translations/tcplens_LANG.ts, as :/i18n/tcplens_LANG.qm). One language for the whole process: the
// tr() texts, and the catalogs, scenarios and rules, whose JSON files carry "field[LANG]" variants and
// are read in current().
class DisplayLanguage
{
    Q_DECLARE_TR_FUNCTIONS(DisplayLanguage)
public:
    // "en" and every translation compiled in ("zh_CN").
    static QStringList available();
    // The language to speak for `choice`: "system" or empty follows `preferred`, the languages the user
    // reads in their order (QLocale::system().uiLanguages(): LANGUAGE, then LC_ALL, LC_MESSAGES, LANG);
    // the first one TCP Lens has wins, English when none. Any other choice names a language ("zh_CN",
    // "zh-CN", "zh", "en") and gives the translation that fits it, or English. Pure.
    static QString resolve(const QString &choice, const QStringList &preferred);
    // resolve() with the system's languages.
    static QString fromSystem(const QString &choice = QString());
    // Installs the translation of `language` (TCP Lens's own, and Qt's where the system has it) into the
    // running QCoreApplication, and makes `language` current(). Call once, after the application object
    // exists and before any text is made.
    static void apply(const QString &language);
    // The language apply() chose: what the catalogs, scenarios and rules are read in. "en" before apply().
    static QString current();
    // The language's name in itself, for the preferences: "English", "简体中文".
    static QString nativeName(const QString &language);
    // Whether `choice` is something resolve() understands: empty, "system", or a language.
    static bool isValidChoice(const QString &choice);
};

} // namespace TcpLens
