// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// tcplens-sysctl-helper: the one privileged part of TCP Lens. pkexec starts it as root after polkit
// authorised org.tcplens.TcpLens.sysctl-write (packaging/org.tcplens.TcpLens.policy); it takes one key
// and one value as arguments (no shell, no file name), accepts only keys of the built-in catalog,
// validates the value itself against the target namespace, writes it and prints what it replaced:
//   {"key": "...", "netns": "...", "old": "...", "new": "...", "by": UID}
// Exit status: 0 written; 2 request refused (nothing written); 3 not permitted; 4 the kernel refused
// the value; 5 the key does not exist on this kernel.
#include "sysctl/namespacethread.h"
#include "sysctl/sysctlhelperrequest.h"
#include "sysctl/sysctlvalidator.h"
#include "sysctl/sysctlwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

enum ExitStatus { Written = 0, Refused = 2, NotPermitted = 3, KernelRefused = 4, Absent = 5 };

int fail(ExitStatus status, const QString &message)
{
    std::fprintf(stderr, "tcplens-sysctl-helper: %s\n", qPrintable(message));
    return status;
}

// The names a Choice key may take in the target namespace, read there.
SysctlValidator::Context contextIn(const SysctlHelperRequest &request)
{
    SysctlValidator::Context context;
    if (request.entry->choicesFrom.isEmpty())
        return context;
    QString relative = request.entry->choicesFrom;
    relative.replace(u'.', u'/');
    (void)NamespaceThread::run(request.netns, [&] {
        QFile file(u"/proc/sys/"_s + relative);
        if (file.open(QIODevice::ReadOnly))
            context.choices = QString::fromLatin1(file.readAll()).simplified().split(u' ', Qt::SkipEmptyParts);
    });
    return context;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog)
        return fail(Refused, catalog.error());
    const auto request = SysctlHelperRequest::parse(*catalog, arguments);
    if (!request)
        return fail(Refused, request.error());

    const SysctlValidation validation = SysctlValidator::validate(*request->entry, request->value, contextIn(*request));
    if (!validation.isAccepted())
        return fail(Refused, validation.error);

    // Absent or not ours to write: said as such, before anything is tried.
    const QByteArray path = (u"/proc/sys/"_s + request->entry->relativePath()).toLocal8Bit();
    bool exists = false;
    bool writable = false;
    const auto looked = NamespaceThread::run(request->netns, [&] {
        exists = ::access(path.constData(), F_OK) == 0;
        writable = ::access(path.constData(), W_OK) == 0;
    });
    if (!looked)
        return fail(Refused, looked.error());
    if (!exists)
        return fail(Absent, u"%1 does not exist on this kernel"_s.arg(request->entry->key));
    if (!writable)
        return fail(
            NotPermitted, u"not permitted to write %1 (start this helper through pkexec)"_s.arg(request->entry->key));

    SysctlWriter writer(request->netns);
    const auto change = writer.write(*request->entry, *validation.value, SysctlWriter::Reach::HostToo);
    if (!change)
        return fail(KernelRefused, change.error());
    // Who asked, for the journal: pkexec says which user it acted for.
    const qint64 by = qEnvironmentVariableIsSet("PKEXEC_UID") ? qEnvironmentVariableIntValue("PKEXEC_UID") : -1;
    const QJsonObject answer{{u"key"_s, change->key}, {u"netns"_s, change->netns}, {u"old"_s, change->oldValue},
        {u"new"_s, change->newValue}, {u"by"_s, by}};
    std::printf("%s\n", QJsonDocument(answer).toJson(QJsonDocument::Compact).constData());
    return Written;
}
