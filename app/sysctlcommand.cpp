// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlcommand.h"

#include "sysctllintcommand.h"

#include "collect/networknamespace.h"
#include "commandline.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"
#include "sysctl/sysctlvalidator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextBoundaryFinder>

#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// The context lupdate and translate() give this file's texts: its functions belong to no class.
struct SysctlCommand
{
    Q_DECLARE_TR_FUNCTIONS(SysctlCommand)
};

void print(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

int fail(const QString &command, const QString &message, int code = 1)
{
    print(stderr, command + u": "_s + message + u'\n');
    return code;
}

// Indents and wraps a paragraph for the terminal.
// Columns a terminal gives a character: two for Chinese characters and full-width punctuation.
int columns(QStringView text)
{
    int count = 0;
    for (const QChar c : text) {
        const bool wide = c.script() == QChar::Script_Han || (c.unicode() >= 0x3000 && c.unicode() <= 0x303f) ||
            (c.unicode() >= 0xff00 && c.unicode() <= 0xffef);
        count += wide ? 2 : 1;
    }
    return count;
}

// Wrapped at 96 columns where a line may break: at spaces in English, between characters in
// Chinese (QTextBoundaryFinder knows both).
QString paragraph(const QString &text)
{
    QString out;
    QString line;
    QTextBoundaryFinder breaks(QTextBoundaryFinder::Line, text);
    qsizetype start = 0;
    while (breaks.toNextBoundary() >= 0) {
        const QString piece = text.mid(start, breaks.position() - start);
        start = breaks.position();
        if (!line.isEmpty() && columns(line) + columns(piece.trimmed()) > 96) {
            out += u"    "_s + line.trimmed() + u'\n';
            line.clear();
        }
        line += piece;
    }
    if (!line.trimmed().isEmpty())
        out += u"    "_s + line.trimmed() + u'\n';
    return out;
}

QJsonObject readingToJson(const SysctlEntry &entry, const SysctlReading &reading)
{
    QJsonObject object{
        {u"key"_s, entry.key},
        {u"path"_s, entry.path},
        {u"present"_s, reading.present},
        {u"value"_s, reading.current ? QJsonValue(*reading.current) : QJsonValue()},
        {u"kernelDefault"_s, reading.kernelDefault ? QJsonValue(*reading.kernelDefault) : QJsonValue()},
        {u"defaultNote"_s, reading.defaultNote},
        {u"perNamespace"_s, entry.scope == SysctlScope::Namespace},
        {u"writable"_s, reading.writable},
        {u"type"_s, SysctlCatalog::typeName(entry.type)},
        {u"unit"_s, SysctlCatalog::unitName(entry.unit)},
        {u"summary"_s, entry.summary},
        {u"explanation"_s, entry.explanation},
        {u"whenToChange"_s, entry.whenToChange},
        {u"tradeOff"_s, entry.tradeOff},
        {u"lore"_s, entry.lore},
    };
    if (entry.removed)
        object.insert(u"removedIn"_s, entry.removedIn);
    if (!reading.error.isEmpty())
        object.insert(u"note"_s, reading.error);
    return object;
}

QString readingToText(const SysctlEntry &entry, const SysctlReading &reading)
{
    QString out = entry.key + u" = "_s + (reading.current ? *reading.current : u"-"_s);
    if (!reading.error.isEmpty())
        out += u"  ("_s + reading.error + u')';
    out += u'\n';
    if (!entry.removed) {
        const QString defaultText = reading.kernelDefault ? *reading.kernelDefault : SysctlCommand::tr("-");
        out += u"  "_s + SysctlCommand::tr("kernel default: %1 (%2)").arg(defaultText, reading.defaultNote) + u'\n';
        out += u"  "_s +
            SysctlCommand::tr("%1; %2").arg(entry.scope == SysctlScope::Namespace
                    ? SysctlCommand::tr("per network namespace")
                    : SysctlCommand::tr("global"),
                reading.writable ? SysctlCommand::tr("writable by this process")
                                 : SysctlCommand::tr("not writable by this process")) +
            u'\n';
    }
    // Chinese sentences follow each other without a space.
    const bool wideEnd = !entry.summary.isEmpty() && columns(entry.summary.right(1)) == 2;
    out += paragraph(entry.summary + (wideEnd ? QString() : u" "_s) + entry.explanation);
    if (!entry.lore.isEmpty())
        out += paragraph(SysctlCommand::tr("Common advice gets this wrong: %1").arg(entry.lore));
    return out;
}

int runValidate(const QString &command, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        SysctlCommand::tr("Checks a value for a sysctl the way the kernel would, and says why a value "
                          "is refused. Exit code 0: accepted; 1: refused."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, SysctlCommand::tr("Print JSON."));
    const QCommandLineOption netns(
        u"netns"_s, SysctlCommand::tr("Check against this network namespace (allowed names, port start)."), u"PATH"_s);
    parser.addOptions({json, netns});
    parser.addPositionalArgument(u"KEY"_s, SysctlCommand::tr("The sysctl, e.g. tcp_syn_retries or net.ipv4.tcp_rmem."));
    parser.addPositionalArgument(u"VALUE"_s, SysctlCommand::tr("The value, as it would be written."));
    processArguments(parser, arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return fail(command, SysctlCommand::tr("takes KEY and VALUE (quote a value with spaces)"), 2);
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog)
        return fail(command, catalog.error());
    const SysctlEntry *entry = catalog->find(positional[0]);
    if (!entry)
        return fail(command, SysctlCommand::tr("'%1' is not in TCP Lens's sysctl catalog").arg(positional[0]));

    SysctlReader reader;
    SysctlValidator::Context context;
    if (auto read = reader.validationContextIn(*catalog, *entry, NetworkNamespace::resolvePath(parser.value(netns))))
        context = *read;
    else
        return fail(command, read.error());
    const SysctlValidation result = SysctlValidator::validate(*entry, positional[1], context);

    if (parser.isSet(json)) {
        QJsonObject object{{u"key"_s, entry->key}, {u"accepted"_s, result.isAccepted()}};
        if (result.isAccepted()) {
            QJsonArray parts;
            for (qint64 number : result.value->numbers)
                parts.append(number);
            for (const QString &name : result.value->names)
                parts.append(name);
            object.insert(u"value"_s, parts);
            object.insert(u"kernelText"_s, result.value->kernelText());
            object.insert(u"description"_s, SysctlValidator::describe(*entry, *result.value));
        } else {
            object.insert(u"error"_s, result.error);
        }
        object.insert(u"warnings"_s, QJsonArray::fromStringList(result.warnings));
        print(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return result.isAccepted() ? 0 : 1;
    }
    for (const QString &warning : result.warnings)
        print(stderr, SysctlCommand::tr("warning: %1").arg(warning) + u'\n');
    if (!result.isAccepted())
        return fail(command, result.error);
    print(stdout, entry->key + u" = "_s + SysctlValidator::describe(*entry, *result.value) + u'\n');
    return 0;
}

} // namespace

int runSysctlCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    if (arguments.size() > 1 && arguments[1] == u"lint"_s) {
        QStringList rest = arguments;
        rest.removeAt(1);
        rest[0] += u" lint"_s;
        return runSysctlLintCommand(rest);
    }
    if (arguments.size() > 1 && arguments[1] == u"validate"_s) {
        QStringList rest = arguments;
        rest.removeAt(1);
        rest[0] += u" validate"_s;
        return runValidate(command + u" validate"_s, rest);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(SysctlCommand::tr(
        "Prints TCP-related sysctls with their current value, the kernel's default, whether they are per "
        "network namespace, and what they really do. 'sysctl validate KEY VALUE' checks a value; "
        "'sysctl lint FILE...' checks sysctl.conf files."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, SysctlCommand::tr("Print JSON."));
    const QCommandLineOption netns(u"netns"_s,
        SysctlCommand::tr("Read this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."), u"PATH"_s);
    parser.addOptions({json, netns});
    parser.addPositionalArgument(
        u"KEY"_s, SysctlCommand::tr("Keys to show (default: the whole catalog)."), u"[KEY...]"_s);
    processArguments(parser, arguments);

    auto catalog = SysctlCatalog::builtIn();
    if (!catalog)
        return fail(command, catalog.error());
    QList<const SysctlEntry *> entries;
    if (parser.positionalArguments().isEmpty()) {
        for (const SysctlEntry &entry : catalog->entries())
            entries.append(&entry);
    }
    for (const QString &key : parser.positionalArguments()) {
        const SysctlEntry *entry = catalog->find(key);
        if (!entry)
            return fail(command, SysctlCommand::tr("'%1' is not in TCP Lens's sysctl catalog").arg(key));
        entries.append(entry);
    }

    const QString netnsPath = NetworkNamespace::resolvePath(parser.value(netns));
    SysctlReader reader;
    auto readings = reader.read(entries, netnsPath);
    if (!readings)
        return fail(command, readings.error());

    if (parser.isSet(json)) {
        QJsonArray keys;
        for (qsizetype i = 0; i < entries.size(); ++i)
            keys.append(readingToJson(*entries[i], (*readings)[i]));
        const QJsonObject document{{u"schema"_s, u"tcplens.sysctl"_s}, {u"schema_version"_s, 1},
            {u"netns"_s, netnsPath.isEmpty() ? u"self"_s : netnsPath}, {u"keys"_s, keys}};
        print(stdout, QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)));
    } else {
        for (qsizetype i = 0; i < entries.size(); ++i)
            print(stdout, (i > 0 ? u"\n"_s : QString()) + readingToText(*entries[i], (*readings)[i]));
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace TcpLens
