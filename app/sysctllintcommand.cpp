// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctllintcommand.h"

#include "collect/networknamespace.h"
#include "sysctl/namespacethread.h"
#include "sysctl/sysctllint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

struct SysctlLintCommand
{
    Q_DECLARE_TR_FUNCTIONS(SysctlLintCommand)
};

void print(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

// A sysctl.conf is small; anything much larger is not one, and is not read whole into memory.
constexpr qint64 MaximumFileSize = 4 * 1024 * 1024;

std::expected<SysctlConfFile, QString> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(SysctlLintCommand::tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > MaximumFileSize)
        return std::unexpected(
            SysctlLintCommand::tr("%1 is %2 bytes: too large for a sysctl.conf file").arg(path).arg(file.size()));
    const QByteArray bytes = file.read(MaximumFileSize + 1);
    if (bytes.contains('\0'))
        return std::unexpected(SysctlLintCommand::tr("%1 is not a text file (it contains NUL bytes)").arg(path));
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8(bytes);
    if (utf8.hasError())
        return std::unexpected(SysctlLintCommand::tr("%1 is not UTF-8 text").arg(path));
    return SysctlConfFile{path, std::move(text)};
}

QJsonObject toJson(const SysctlLintFinding &finding)
{
    return {
        {u"file"_s, finding.file},
        {u"line"_s, finding.line},
        {u"column"_s, finding.column},
        {u"length"_s, finding.length},
        {u"severity"_s, finding.severity == SysctlLintFinding::Severity::Error ? u"error"_s : u"warning"_s},
        {u"key"_s, finding.key},
        {u"message"_s, finding.message},
    };
}

} // namespace

int runSysctlLintCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(SysctlLintCommand::tr(
        "Checks sysctl.conf files against TCP Lens's catalog and the running kernel: lines that are not "
        "'key = value', keys this kernel does not have or that were removed, values the kernel refuses or "
        "that make no sense, keys set twice, later files overriding earlier ones. Files are read in the "
        "order given, as the loader would read them."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, SysctlLintCommand::tr("Print the findings as a JSON array."));
    const QCommandLineOption netns(u"netns"_s,
        SysctlLintCommand::tr("Check against this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."),
        u"PATH"_s);
    parser.addOptions({json, netns});
    parser.addPositionalArgument(
        u"FILE"_s, SysctlLintCommand::tr("sysctl.conf files, e.g. /etc/sysctl.d/*.conf."), u"FILE..."_s);
    if (!parser.parse(arguments)) {
        print(stderr, command + u": "_s + parser.errorText() + u'\n');
        return 2;
    }
    if (parser.isSet(u"help"_s)) {
        print(stdout, parser.helpText());
        return 0;
    }
    if (parser.positionalArguments().isEmpty()) {
        print(stderr,
            command + u": "_s + SysctlLintCommand::tr("name at least one file, e.g. /etc/sysctl.d/*.conf") + u'\n');
        return 2;
    }
    QList<SysctlConfFile> files;
    for (const QString &path : parser.positionalArguments()) {
        auto file = readFile(path);
        if (!file) {
            print(stderr, command + u": "_s + file.error() + u'\n');
            return 2;
        }
        files.append(std::move(*file));
    }
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog) {
        print(stderr, command + u": "_s + catalog.error() + u'\n');
        return 2;
    }
    // /proc/sys/net shows the namespace of the reading task: lint from a thread inside it.
    QList<SysctlLintFinding> findings;
    const auto ran = NamespaceThread::run(NetworkNamespace::resolvePath(parser.value(netns)),
        [&] { findings = SysctlLint::lint(*catalog, files, SysctlLint::runningKernel()); });
    if (!ran) {
        print(stderr, command + u": "_s + ran.error() + u'\n');
        return 2;
    }

    const bool errors = std::any_of(findings.cbegin(), findings.cend(),
        [](const SysctlLintFinding &f) { return f.severity == SysctlLintFinding::Severity::Error; });
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const SysctlLintFinding &finding : findings)
            array.append(toJson(finding));
        print(stdout, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
    } else {
        for (const SysctlLintFinding &finding : findings)
            print(stdout, SysctlLint::format(finding) + u'\n');
    }
    return errors ? 1 : 0;
}

} // namespace TcpLens
