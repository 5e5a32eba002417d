// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlwriter.h"

#include "namespacethread.h"
#include "sysctllogging.h"
#include "sysctlreader.h"

#include <QCoreApplication>
#include <QFile>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

std::expected<QString, QString> readFile(const SysctlFileOpener &files, const QString &relativePath)
{
    auto file = files.open(relativePath, QIODevice::ReadOnly);
    if (!file)
        return std::unexpected(SysctlWriter::tr("cannot read %1: %2").arg(files.pathOf(relativePath), file.error()));
    return SysctlReader::normalized((*file)->readAll());
}

} // namespace

SysctlWriter::SysctlWriter(QString netnsPath, QString procSysRoot)
    : m_netns(std::move(netnsPath))
    , m_files(std::move(procSysRoot))
{
}

SysctlWriter::SysctlWriter(QString netnsPath, std::shared_ptr<DescriptorBroker> broker)
    : m_netns(std::move(netnsPath))
    , m_files(QStringLiteral("/proc/sys"), std::move(broker))
{
}

std::expected<SysctlChange, QString> SysctlWriter::write(
    const SysctlEntry &entry, const SysctlValue &value, Reach reach)
{
    if (entry.removed)
        return std::unexpected(tr("%1 was removed in Linux %2").arg(entry.key, entry.removedIn));
    if (entry.readOnly)
        return std::unexpected(tr("%1 is read-only").arg(entry.key));
    if (entry.scope != SysctlScope::Namespace && reach != Reach::HostToo)
        return std::unexpected(
            tr("%1 is global: writing it would change every namespace on this machine, so TCP Lens does not")
                .arg(entry.key));
    if (entry.scope != SysctlScope::Namespace && !m_netns.isEmpty())
        return std::unexpected(
            tr("%1 is global: it can only be set on the host, not in the namespace %2").arg(entry.key, m_netns));
    auto change = writeText(entry.key, entry.relativePath(), value.kernelText());
    if (change)
        m_journal.append(*change);
    return change;
}

std::expected<SysctlChange, QString> SysctlWriter::writeText(
    const QString &key, const QString &relativePath, const QString &text)
{
    const QString path = m_files.pathOf(relativePath);
    std::expected<SysctlChange, QString> outcome = std::unexpected(QString());
    const auto work = [&] {
        auto old = readFile(m_files, relativePath);
        if (!old) {
            outcome = std::unexpected(old.error());
            return;
        }
        // One write() of the whole text: a sysctl file takes its value from a single write at offset 0.
        const QByteArray bytes = text.toUtf8() + '\n';
        auto file = m_files.open(relativePath, QIODevice::WriteOnly | QIODevice::Unbuffered);
        if (!file) {
            outcome = std::unexpected(tr("the kernel refused %1 = %2: %3").arg(key, text, file.error()));
            return;
        }
        if ((*file)->write(bytes) != bytes.size()) {
            outcome = std::unexpected(tr("the kernel refused %1 = %2: %3").arg(key, text, (*file)->errorString()));
            return;
        }
        (*file)->close();
        auto now = readFile(m_files, relativePath);
        if (!now) {
            outcome = std::unexpected(now.error());
            return;
        }
        qCDebug(lcSysctl) << "wrote" << path << *old << "->" << *now;
        outcome = SysctlChange{key, m_netns, *old, *now, QDateTime::currentDateTimeUtc(), false, {}};
    };
    if (m_files.isBrokered()) {
        work();
        return outcome;
    }
    if (auto ran = NamespaceThread::run(m_netns, work); !ran)
        return std::unexpected(ran.error());
    return outcome;
}

std::expected<void, QString> SysctlWriter::revert(qsizetype index)
{
    if (index < 0 || index >= m_journal.size())
        return std::unexpected(tr("no journal entry %1").arg(index));
    SysctlChange &change = m_journal[index];
    if (change.reverted)
        return {};
    QString relativePath = change.key;
    relativePath.replace(u'.', u'/');
    auto written = writeText(change.key, relativePath, change.oldValue);
    if (!written)
        return std::unexpected(written.error());
    change.reverted = true;
    return {};
}

std::expected<void, QString> SysctlWriter::revertAll()
{
    for (qsizetype i = m_journal.size() - 1; i >= 0; --i) {
        if (auto reverted = revert(i); !reverted)
            return reverted;
    }
    return {};
}

} // namespace TcpLens
