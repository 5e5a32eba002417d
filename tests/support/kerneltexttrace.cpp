// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "kerneltexttrace.h"

#include "collect/tracefsaccess.h"
#include "netlink/uniquefd.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace TcpLens::Test {

using namespace Qt::StringLiterals;

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// tracefs files report size 0: read to the end instead of trusting it.
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::expected<void, QString> writeFile(const QString &path, const QByteArray &content)
{
    // QFile would buffer; tracefs wants one write() and reports a bad filter through its result.
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (!fd || ::write(fd.get(), content.constData(), std::size_t(content.size())) != content.size())
        return std::unexpected(u"cannot write \"%1\" to %2: %3"_s.arg(QLatin1StringView(content), path, errnoText()));
    return {};
}

} // namespace

QString KernelTextTrace::Event::describe() const
{
    const bool v4 = fields.value(u"family"_s) == "AF_INET"_L1;
    const QString source = v4 ? u"saddr"_s : u"saddrv6"_s;
    const QString destination = v4 ? u"daddr"_s : u"daddrv6"_s;
    return u"family=%1 sport=%2 dport=%3 %4=%5 %6=%7 oldstate=%8 newstate=%9"_s.arg(fields.value(u"family"_s),
        fields.value(u"sport"_s), fields.value(u"dport"_s), source, fields.value(source), destination,
        fields.value(destination), fields.value(u"oldstate"_s), fields.value(u"newstate"_s));
}

quint64 KernelTextTrace::Event::number(const QString &name) const
{
    const QString text = fields.value(name);
    bool ok = false;
    const quint64 value = text.startsWith(u"0x"_s) ? text.sliced(2).toULongLong(&ok, 16) : text.toULongLong(&ok);
    return ok ? value : 0;
}

QList<KernelTextTrace::Event> KernelTextTrace::parse(const QByteArray &trace)
{
    QList<Event> events;
    for (const QByteArray &line : trace.split('\n')) {
        const auto marker = line.indexOf("inet_sock_set_state: ");
        if (line.startsWith('#') || marker < 0)
            continue;
        Event event;
        // "   python3-12899   [000] .....   418.840163: inet_sock_set_state: ..."
        const QByteArrayView head = QByteArrayView(line).first(marker).trimmed();
        if (head.endsWith(':')) {
            const QByteArrayView stamp = head.first(head.size() - 1).sliced(head.lastIndexOf(' ') + 1);
            const auto dot = stamp.indexOf('.');
            if (dot > 0)
                event.timeNs = stamp.first(dot).toLongLong() * 1'000'000'000 +
                    stamp.sliced(dot + 1).toByteArray().leftJustified(9, '0').toLongLong();
        }
        const QByteArray rest = line.mid(marker + qstrlen("inet_sock_set_state: "));
        for (const QByteArray &pair : rest.split(' ')) {
            const auto equals = pair.indexOf('=');
            if (equals > 0)
                event.fields.insert(
                    QString::fromLatin1(pair.first(equals)), QString::fromLatin1(pair.sliced(equals + 1)));
        }
        events.append(event);
    }
    return events;
}

std::expected<std::unique_ptr<KernelTextTrace>, QString> KernelTextTrace::start(const QByteArray &filter, Fields fields)
{
    static int instances = 0;
    const QString directory = u"%1/instances/tcplens-tst-%2-%3"_s.arg(QString::fromLatin1(TracefsAccess::Root))
                                  .arg(::getpid())
                                  .arg(++instances);
    if (::mkdir(QFile::encodeName(directory).constData(), 0700) < 0)
        return std::unexpected(u"cannot create the trace instance %1: %2"_s.arg(directory, errnoText()));
    std::unique_ptr<KernelTextTrace> trace(new KernelTextTrace(directory));
    if (auto written = writeFile(directory + u"/trace_clock"_s, "mono"); !written)
        return std::unexpected(written.error());
    if (fields == Fields::Raw) {
        if (auto written = writeFile(directory + u"/options/fields"_s, "1"); !written)
            return std::unexpected(u"%1 (the \"fields\" trace option needs Linux 6.10)"_s.arg(written.error()));
    }
    if (auto written = writeFile(trace->eventFile(u"filter"_s), filter); !written)
        return std::unexpected(written.error());
    if (auto written = writeFile(trace->eventFile(u"enable"_s), "1"); !written)
        return std::unexpected(written.error());
    return trace;
}

KernelTextTrace::KernelTextTrace(QString directory)
    : m_directory(std::move(directory))
{
}

KernelTextTrace::~KernelTextTrace()
{
    stop();
    if (::rmdir(QFile::encodeName(m_directory).constData()) < 0)
        qWarning("cannot remove the trace instance %s: %s", qPrintable(m_directory), qPrintable(errnoText()));
}

void KernelTextTrace::stop()
{
    (void)writeFile(eventFile(u"enable"_s), "0");
}

QList<KernelTextTrace::Event> KernelTextTrace::events() const
{
    return parse(readFile(m_directory + u"/trace"_s));
}

QString KernelTextTrace::eventFile(const QString &name) const
{
    return m_directory + u"/events/sock/inet_sock_set_state/"_s + name;
}

} // namespace TcpLens::Test
