// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "doctorcommand.h"

#include "collect/networknamespace.h"
#include "collect/snapshotsource.h"
#include "commandline.h"
#include "diagnosis/diagnoser.h"
#include "export/diagnosisjson.h"
#include "export/snapshotjson.h"
#include "i18n/displaylanguage.h"
#include "model/monotonicclock.h"
#include "proc/kernelcounters.h"
#include "sysctl/sysctlcatalog.h"
#include "sysctl/sysctlreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QThread>

#include <cmath>
#include <cstdio>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// The context lupdate and translate() give this file's texts: its functions belong to no class.
struct DoctorCommand
{
    Q_DECLARE_TR_FUNCTIONS(DoctorCommand)
};

// Exit codes: a script tells "found something" from "could not look".
constexpr int ExitHealthy = 0;
constexpr int ExitProblems = 1;
constexpr int ExitError = 2;
// Rows listed per problem in the text form; JSON lists them all.
constexpr int ShownRows = 10;

void print(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}

int fail(const QString &command, const QString &message, const QString &whatToDo = {})
{
    print(stderr, command + u": "_s + message + u'\n');
    if (!whatToDo.isEmpty())
        print(stderr, command + u": "_s + DoctorCommand::tr("what to do: %1").arg(whatToDo) + u'\n');
    return ExitError;
}

// Wraps a paragraph to the terminal's customary width, every line indented by `indent`.
QString paragraph(const QString &text, const QString &indent, const QString &firstIndent = {})
{
    QString out;
    QString line;
    const QString &lead = firstIndent.isEmpty() ? indent : firstIndent;
    bool first = true;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && (first ? lead : indent).size() + line.size() + 1 + word.size() > 100) {
            out += (first ? lead : indent) + line + u'\n';
            line.clear();
            first = false;
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        out += (first ? lead : indent) + line + u'\n';
    return out;
}

QString ownerText(const SocketSnapshot &snapshot, const SocketRecord &socket)
{
    OwnerAbsence absence = OwnerAbsence::NotResolved;
    if (const SocketOwner *owner = snapshot.owner(socket, &absence))
        return DoctorCommand::tr("%1 (pid %2)").arg(owner->command).arg(owner->pid);
    switch (absence) {
    case OwnerAbsence::NoInodeTimeWait:
        return DoctorCommand::tr("no process (timewait socket)");
    case OwnerAbsence::NoInodeRequest:
        return DoctorCommand::tr("no process yet (SYN queue)");
    case OwnerAbsence::NoInodeNotAccepted:
        return DoctorCommand::tr("no process yet (not accepted)");
    case OwnerAbsence::NoInodeOrphan:
        return DoctorCommand::tr("no process (closed, orphaned)");
    case OwnerAbsence::NotPermitted:
        return DoctorCommand::tr("a process we may not see (run as root)");
    case OwnerAbsence::HasOwner:
    case OwnerAbsence::NotFoundYet:
    case OwnerAbsence::NotResolved:
        break;
    }
    return DoctorCommand::tr("process not found");
}

QString rowText(const SocketSnapshot &snapshot, const SocketRecord &socket)
{
    return u"%1 → %2  %3  %4"_s.arg(socket.localEndpoint(), socket.remoteEndpoint(),
        QString(stateName(socket.displayState())), ownerText(snapshot, socket));
}

// "12 s", "4 min", "2 h 5 min": how long, as a person says it.
QString duration(double seconds)
{
    if (seconds < 120)
        return DoctorCommand::tr("%1 s").arg(qRound(seconds));
    if (seconds < 7200)
        return DoctorCommand::tr("%1 min").arg(qRound(seconds / 60));
    return DoctorCommand::tr("%1 h %2 min").arg(int(seconds / 3600)).arg(qRound(std::fmod(seconds, 3600) / 60));
}

QString socketCount(std::size_t count)
{
    return count == 1 ? DoctorCommand::tr("1 TCP socket") : DoctorCommand::tr("%1 TCP sockets").arg(count);
}

QString evidenceText(const QList<DiagnosisEvidence> &evidence)
{
    QStringList facts;
    for (const DiagnosisEvidence &fact : evidence)
        facts.append(fact.label.isEmpty() ? fact.value : fact.label + u": "_s + fact.value);
    return facts.join(u"; "_s);
}

QString problemText(int number, const DiagnosisProblem &problem, const DiagnosisReport &report,
    const SocketSnapshot &snapshot, const QHash<quint64, int> &indexByCookie,
    const QHash<quint64, SocketReading> &readings)
{
    QString out = u"%1. [%2] %3\n"_s.arg(number).arg(QString(severityName(problem.severity)).toUpper(), problem.title);
    out += paragraph(problem.summary, u"   "_s);
    if (problem.since.isValid()) {
        const double seconds = double(report.monotonicNs - problem.sinceNs) / 1e9;
        const QString since = problem.since.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        out += u"   "_s +
            (problem.sinceAtLeast ? DoctorCommand::tr("Since: before %1 (at least %2)").arg(since, duration(seconds))
                                  : DoctorCommand::tr("Since: %1 (%2)").arg(since, duration(seconds))) +
            u'\n';
    }
    if (!problem.cookies.isEmpty()) {
        out += u"   "_s + DoctorCommand::tr("Affected (%1):").arg(problem.cookies.size()) + u'\n';
        int shown = 0;
        for (const quint64 cookie : problem.cookies) {
            if (shown == ShownRows)
                break;
            ++shown;
            const int index = indexByCookie.value(cookie, -1);
            out += u"     "_s +
                (index < 0 ? DoctorCommand::tr("socket %1 (gone since)").arg(cookie)
                           : rowText(snapshot, snapshot.sockets()[std::size_t(index)])) +
                u'\n';
        }
        if (problem.cookies.size() > shown)
            out += u"     "_s + DoctorCommand::tr("and %1 more").arg(problem.cookies.size() - shown) + u'\n';
        const auto reading = readings.constFind(problem.cookies.first());
        if (reading != readings.cend() && !reading->sentences.isEmpty()) {
            const int index = indexByCookie.value(problem.cookies.first(), -1);
            const SocketRecord &first = snapshot.sockets()[std::size_t(index)];
            out +=
                u"   "_s + DoctorCommand::tr("Why %1 → %2:").arg(first.localEndpoint(), first.remoteEndpoint()) + u'\n';
            for (const DiagnosisSentence &sentence : reading->sentences) {
                QString text = sentence.text;
                if (!sentence.evidence.isEmpty())
                    text += u" ["_s + evidenceText(sentence.evidence) + u']';
                out += paragraph(text, u"       "_s, u"     - "_s);
            }
        }
    }
    if (!problem.fix.isEmpty())
        out += paragraph(DoctorCommand::tr("Fix: %1").arg(problem.fix), u"        "_s, u"   "_s);
    if (!problem.lesson.seed.isEmpty())
        out += u"   "_s +
            DoctorCommand::tr("Lesson: seed %1, \"%2\"").arg(problem.lesson.seed, problem.lesson.section) + u'\n';
    return out;
}

// The sysctls the diagnosis may ask about: the catalog's keys, read in the namespace this thread is in
// (/proc/sys/net follows the reading task's namespace: net_ctl_header_lookup()).
QHash<QString, QString> sysctlsInForce()
{
    QHash<QString, QString> values;
    auto catalog = SysctlCatalog::builtIn();
    if (!catalog)
        return values;
    QList<const SysctlEntry *> entries;
    for (const SysctlEntry &entry : catalog->entries())
        entries.append(&entry);
    for (const SysctlReading &reading : SysctlReader().readHere(entries)) {
        if (reading.current)
            values.insert(reading.key, *reading.current);
    }
    return values;
}

} // namespace

int runDoctorCommand(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(DoctorCommand::tr(
        "Looks at a network namespace's TCP sockets twice, INTERVAL apart, with its counters and sysctls, "
        "and says what is wrong, with which connections, why the kernel keeps them so, and the fix "
        "(docs/diagnosis.md). Exit code 0: no problem found; 1: problems found; 2: could not look."));
    parser.addHelpOption();
    const QCommandLineOption json(u"json"_s, DoctorCommand::tr("Print JSON (docs/json-schema.md)."));
    const QCommandLineOption netns(u"netns"_s,
        DoctorCommand::tr("Look into this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME."), u"PATH"_s);
    const QCommandLineOption interval(u"interval"_s,
        DoctorCommand::tr("Milliseconds between the two looks (default 1000): ages and counter rates need both."),
        u"MS"_s, u"1000"_s);
    const QCommandLineOption rules(u"rules"_s,
        DoctorCommand::tr("Use the rules of this file instead of the built-in ones (resources/diagnosis/rules.json "
                          "is the format)."),
        u"FILE"_s);
    parser.addOptions({json, netns, interval, rules});
    processArguments(parser, arguments);

    bool ok = false;
    const int intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || intervalMs < 10 || intervalMs > 600000)
        return fail(command, DoctorCommand::tr("--interval takes milliseconds, from 10 to 600000"));

    std::optional<DiagnosisRuleSet> ruleSet;
    if (parser.isSet(rules)) {
        QFile file(parser.value(rules));
        if (!file.open(QIODevice::ReadOnly))
            return fail(command, DoctorCommand::tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        auto parsed = DiagnosisRuleSet::parse(file.readAll(), DisplayLanguage::current());
        if (!parsed)
            return fail(command, u"%1: %2"_s.arg(file.fileName(), parsed.error()),
                DoctorCommand::tr("correct the file; docs/diagnosis.md describes the rules' fields"));
        ruleSet = std::move(*parsed);
    }
    const Diagnoser diagnoser(ruleSet ? *ruleSet : DiagnosisRuleSet::builtIn());

    const QString netnsPath = NetworkNamespace::resolvePath(parser.value(netns));
    if (!netnsPath.isEmpty()) {
        // Headless commands run on one thread: moving it moves the netlink socket, /proc/thread-self/net
        // and /proc/sys/net with it.
        if (auto entered = NetworkNamespace::enter(netnsPath); !entered)
            return fail(command, entered.error(),
                DoctorCommand::tr("give an existing namespace (ip netns list; /proc/PID/ns/net of a process in it) "
                                  "and run as root or as the namespace's owner"));
    }
    auto source = SnapshotSource::open(netnsPath);
    if (!source)
        return fail(command, source.error());

    DiagnosisHistory history;
    history.setSysctls(sysctlsInForce());
    const SnapshotSource::Options options; // every state, tcp_info, memory and the owners
    const QString procNet = u"/proc/thread-self/net"_s;
    SocketSnapshot snapshot;
    for (int look = 0; look < 2; ++look) {
        if (look > 0)
            QThread::msleep(static_cast<unsigned long>(intervalMs));
        auto taken = (*source)->take(options);
        if (!taken)
            return fail(command, taken.error());
        QStringList warnings;
        auto counters = KernelCounters::read(procNet, &warnings);
        if (!counters)
            return fail(command, counters.error());
        snapshot = std::move(*taken);
        history.addSnapshot(snapshot);
        history.addCounters(MonotonicClock::nowNs(), *counters);
    }

    const DiagnosisReport report = diagnoser.diagnose(snapshot, history);
    QHash<quint64, int> indexByCookie;
    const auto &sockets = snapshot.sockets();
    indexByCookie.reserve(qsizetype(sockets.size()));
    for (std::size_t i = 0; i < sockets.size(); ++i)
        indexByCookie.insert(sockets[i].cookie, int(i));
    // Every affected row's reading for JSON; the text shows only each problem's first.
    QHash<quint64, SocketReading> readings;
    for (const DiagnosisProblem &problem : report.problems) {
        for (const quint64 cookie : problem.cookies) {
            if (readings.contains(cookie) || (!parser.isSet(json) && cookie != problem.cookies.first()))
                continue;
            if (const int index = indexByCookie.value(cookie, -1); index >= 0)
                readings.insert(cookie, diagnoser.explain(snapshot, index, history));
        }
    }

    const int status = report.isEmpty() ? ExitHealthy : ExitProblems;
    if (parser.isSet(json)) {
        QJsonObject document = diagnosisToJson(report, snapshot, readings);
        document.insert(u"interval_ms"_s, intervalMs);
        document.insert(u"rules"_s, parser.isSet(rules) ? parser.value(rules) : u"built-in"_s);
        print(stdout, QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)));
        return std::fflush(stdout) == 0 ? status : ExitError;
    }

    const QString where = netnsPath.isEmpty() ? DoctorCommand::tr("this network namespace") : netnsPath;
    if (report.isEmpty()) {
        print(stdout,
            DoctorCommand::tr("No problems found in %1 (%2, looked twice %3 ms apart).")
                    .arg(where)
                    .arg(socketCount(sockets.size()))
                    .arg(intervalMs) +
                u'\n');
        return std::fflush(stdout) == 0 ? status : ExitError;
    }
    const QString heading = report.problems.size() == 1
        ? DoctorCommand::tr("1 problem in %1 (%2, looked twice %3 ms apart):")
        : DoctorCommand::tr("%1 problems in %2 (%3, looked twice %4 ms apart), most urgent first:")
              .arg(report.problems.size());
    QString out = heading.arg(where).arg(socketCount(sockets.size())).arg(intervalMs) + u'\n';
    int number = 0;
    for (const DiagnosisProblem &problem : report.problems)
        out += u'\n' + problemText(++number, problem, report, snapshot, indexByCookie, readings);
    print(stdout, out);
    return std::fflush(stdout) == 0 ? status : ExitError;
}

} // namespace TcpLens
