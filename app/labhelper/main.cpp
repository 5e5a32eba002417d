// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
//
// tcplens-lab: holds the lab's network namespace and plays scenarios in it (docs/lab.md).
//   tcplens-lab list [--json]
//   tcplens-lab run NAME|FILE.json [--json] [--fast]
//   tcplens-lab serve          JSON lines on stdin/stdout, descriptors on fd 3
// Exit status of run: 0 every expectation held; 1 the kernel disagreed with one (or an action failed);
// 2 bad arguments or a scenario that does not parse; 3 no namespace could be made; 4 a required tool
// is missing.
#include "i18n/displaylanguage.h"
#include "lab/labeventjson.h"
#include "lab/labnamespace.h"
#include "lab/labpacketfilter.h"
#include "lab/labrunner.h"
#include "lab/labscenariocatalog.h"
#include "lab/labscenarioparser.h"
#include "netlink/uniquefd.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace TcpLens;

namespace {

enum ExitStatus { AllHeld = 0, Disagreed = 1, BadArguments = 2, NoNamespace = 3, ToolMissing = 4 };

constexpr char Usage[] = "usage: tcplens-lab list [--json]\n"
                         "       tcplens-lab run NAME|FILE.json [--json] [--fast]\n"
                         "       tcplens-lab serve\n";

int fail(int status, const QString &message)
{
    std::fprintf(stderr, "tcplens-lab: %s\n", qPrintable(message));
    return status;
}

void print(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printText(const QString &text)
{
    print(text.toUtf8() + '\n');
}

// The window sets LANGUAGE to its own language before it starts the helper (DisplayLanguage).
QString locale()
{
    return DisplayLanguage::current();
}

// NAME from the catalog, or a file: what has a '/' or ends in .json is a file.
std::expected<LabScenario, QString> loadScenario(const QString &nameOrPath, bool isPath)
{
    QString path = nameOrPath;
    if (!isPath && !nameOrPath.contains(u'/') && !nameOrPath.endsWith(u".json"_s)) {
        const auto entry = LabScenarioCatalog::load().find(nameOrPath);
        if (!entry)
            return std::unexpected(u"no scenario '%1' (see tcplens-lab list)"_s.arg(nameOrPath));
        path = entry->path;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    auto scenario = LabScenarioParser::parse(file.readAll(), locale());
    if (!scenario)
        return std::unexpected(u"%1: %2"_s.arg(path, scenario.error()));
    return scenario;
}

int runList(const QStringList &arguments)
{
    const bool json = arguments.contains(u"--json"_s);
    if (arguments.size() > (json ? 1 : 0))
        return fail(BadArguments, QString::fromLatin1(Usage).trimmed());
    QJsonArray list;
    const LabScenarioCatalog catalog = LabScenarioCatalog::load();
    for (const LabScenarioCatalog::Entry &entry : catalog.entries()) {
        QFile file(entry.path);
        const auto scenario = file.open(QIODevice::ReadOnly) ? LabScenarioParser::parse(file.readAll(), locale())
                                                             : std::unexpected(file.errorString());
        QJsonObject item{{u"name"_s, entry.name}, {u"path"_s, entry.path}, {u"builtIn"_s, entry.builtIn}};
        if (scenario) {
            item.insert(u"title"_s, scenario->title);
            item.insert(u"summary"_s, scenario->summary);
            item.insert(
                u"lesson"_s, QJsonObject{{u"seed"_s, scenario->lessonSeed}, {u"section"_s, scenario->lessonSection}});
        } else {
            item.insert(u"error"_s, scenario.error());
        }
        list.append(item);
        if (!json)
            printText(u"%1  %2"_s.arg(entry.name, -28)
                    .arg(scenario ? scenario->title : u"(broken: "_s + scenario.error() + u')'));
    }
    if (json)
        print(QJsonDocument(list).toJson(QJsonDocument::Compact) + '\n');
    return AllHeld;
}

// What a headless run prints: JSON lines, or a report for people.
class RunReport : public QObject
{
public:
    RunReport(LabRunner &runner, bool json)
        : m_json(json)
    {
        const LabScenario &s = runner.scenario();
        if (m_json) {
            print(LabEventJson::line(LabEventJson::loaded(s)));
        } else {
            printText(u"%1 (%2)"_s.arg(s.title, s.name));
            if (!s.lessonSeed.isEmpty())
                printText(u"Lesson %1: %2"_s.arg(s.lessonSeed, s.lessonSection));
            if (!s.summary.isEmpty())
                printText(s.summary);
        }
        connect(&runner, &LabRunner::stepStarted, this,
            [this](int index, const QString &title, const QString &narration, qint64 ns) {
                if (m_json)
                    return print(LabEventJson::line(LabEventJson::step(index, title, narration, ns)));
                printText(u"\nStep %1: %2"_s.arg(index + 1).arg(title));
            });
        connect(&runner, &LabRunner::expectationChecked, this,
            [this](int step, const QString &id, const QString &text, const QString &observed, LabVerdict verdict) {
                if (m_json)
                    return print(LabEventJson::line(LabEventJson::expectation(step, id, text, observed, verdict)));
                if (verdict == LabVerdict::Pending)
                    return;
                const QString mark = verdict == LabVerdict::Pass ? u"✓"_s
                    : verdict == LabVerdict::Fail                ? u"✗"_s
                                                                 : u"–"_s;
                printText(u"  %1 %2\n      the kernel: %3"_s.arg(mark, text, observed));
            });
        connect(&runner, &LabRunner::stateChanged, this, [this](bool playing, int step, bool finished) {
            if (m_json)
                print(LabEventJson::line(LabEventJson::state(playing, step, finished)));
        });
        connect(&runner, &LabRunner::sysctlWritten, this,
            [this](const QString &key, const QString &value, bool ok, const QString &error) {
                if (!ok)
                    ++m_errors;
                if (m_json)
                    return print(LabEventJson::line(LabEventJson::sysctl(key, value, ok, error)));
                printText(ok ? u"  (sysctl %1 = %2)"_s.arg(key, value) : u"  ! "_s + error);
            });
        connect(&runner, &LabRunner::marked, this, [this](const QString &text) {
            if (m_json)
                return print(LabEventJson::line(LabEventJson::mark(text)));
            printText(u"  — "_s + text);
        });
        connect(&runner, &LabRunner::errorOccurred, this, [this](const QString &message) {
            ++m_errors;
            if (m_json)
                return print(LabEventJson::line(LabEventJson::error(message)));
            printText(u"  ! "_s + message);
        });
        connect(&runner, &LabRunner::finished, this, [this](bool passed, int failed, int skipped) {
            if (m_json) {
                print(LabEventJson::line(LabEventJson::finished(passed && m_errors == 0, failed, skipped)));
            } else if (passed && m_errors == 0) {
                printText(u"\nEvery expectation held."_s);
            } else {
                printText(
                    u"\n%1 expectation(s) failed, %2 skipped, %3 error(s)."_s.arg(failed).arg(skipped).arg(m_errors));
            }
            m_failed = failed;
            QCoreApplication::exit(0);
        });
    }
    int errors() const { return m_errors; }
    int failed() const { return m_failed; }

private:
    bool m_json = false;
    int m_errors = 0;
    int m_failed = 0;
};

int runScenario(
    QCoreApplication &app, const QStringList &arguments, const std::expected<LabNamespace::Info, QString> &lab)
{
    bool json = false;
    bool fast = false;
    QString target;
    for (const QString &argument : arguments) {
        if (argument == u"--json"_s)
            json = true;
        else if (argument == u"--fast"_s)
            fast = true;
        else if (argument.startsWith(u'-') || !target.isEmpty())
            return fail(
                BadArguments, u"unexpected argument '%1'\n%2"_s.arg(argument, QString::fromLatin1(Usage).trimmed()));
        else
            target = argument;
    }
    if (target.isEmpty())
        return fail(BadArguments, QString::fromLatin1(Usage).trimmed());
    auto scenario = loadScenario(target, false);
    if (!scenario)
        return fail(BadArguments, scenario.error());
    if (!lab)
        return fail(NoNamespace, lab.error());
    LabRunner runner(std::move(*scenario), LabRunner::Options{fast});
    for (const QString &tool : runner.missingTools()) {
        const QString message =
            u"%1 is not installed (Debian: apt install nftables): this scenario cannot drop packets, "
            "so the steps from the first drop on are not checked"_s.arg(tool);
        if (json)
            print(LabEventJson::line(LabEventJson::error(message)));
        else
            std::fprintf(stderr, "tcplens-lab: %s\n", qPrintable(message));
    }
    RunReport report(runner, json);
    runner.play();
    app.exec();
    if (!runner.missingTools().isEmpty())
        return ToolMissing;
    return report.failed() == 0 && report.errors() == 0 ? AllHeld : Disagreed;
}

// Hands out descriptors opened inside the lab on the SOCK_SEQPACKET socket the window gave as fd 3.
class DescriptorBroker : public QObject
{
public:
    explicit DescriptorBroker(int fd)
        : m_fd(fd)
        , m_notifier(fd, QSocketNotifier::Read)
    {
        connect(&m_notifier, &QSocketNotifier::activated, this, &DescriptorBroker::serve);
    }

private:
    void serve()
    {
        char request[4096];
        const ssize_t got = ::recv(m_fd, request, sizeof request, MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
            m_notifier.setEnabled(false); // the window closed its end
            return;
        }
        if (got <= 0)
            return;
        if (request[0] == 'n' && got == 1) {
            UniqueFd socket(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
            if (!socket)
                return replyError(u"socket(NETLINK_SOCK_DIAG): "_s + QString::fromLocal8Bit(std::strerror(errno)));
            return reply('n', socket.get());
        }
        if (request[0] == 's') {
            const QByteArray relative(request + 1, got - 1);
            // A path under /proc/sys and nothing else: no way up, no absolute path, plain names.
            static const QByteArray allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./";
            bool valid = !relative.isEmpty() && !relative.startsWith('/') && !relative.contains("..");
            for (char c : relative)
                valid = valid && allowed.contains(c);
            if (!valid)
                return replyError(u"not a path under /proc/sys: "_s + QString::fromLatin1(relative));
            const QByteArray path = "/proc/sys/" + relative;
            UniqueFd file(::open(path.constData(), O_RDWR | O_CLOEXEC));
            if (!file)
                file.reset(::open(path.constData(), O_RDONLY | O_CLOEXEC));
            if (!file)
                return replyError(
                    u"%1: %2"_s.arg(QString::fromLatin1(path), QString::fromLocal8Bit(std::strerror(errno))));
            return reply('s', file.get());
        }
        replyError(u"unknown request (n, or s followed by a path)"_s);
    }

    void reply(char kind, int fd)
    {
        char control[CMSG_SPACE(sizeof(int))] = {};
        iovec data{&kind, 1};
        msghdr message{};
        message.msg_iov = &data;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(header), &fd, sizeof(int));
        ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
    }

    void replyError(const QString &text)
    {
        const QByteArray bytes = 'e' + text.toUtf8();
        ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
    }

    int m_fd;
    QSocketNotifier m_notifier;
};

// serve: commands from the window on stdin, events to it on stdout.
class Server : public QObject
{
public:
    explicit Server(const LabNamespace::Info &lab)
        : m_input(STDIN_FILENO, QSocketNotifier::Read)
    {
        print(LabEventJson::line(LabEventJson::ready(
            ::getpid(), lab.userNamespace, lab.netnsInode, !LabPacketFilter::nftProgram().isEmpty())));
        connect(&m_input, &QSocketNotifier::activated, this, &Server::readInput);
        struct stat status{};
        if (::fstat(3, &status) == 0 && S_ISSOCK(status.st_mode))
            m_broker = std::make_unique<DescriptorBroker>(3);
    }

private:
    void readInput()
    {
        char buffer[4096];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            if (got < 0 && errno == EINTR)
                return;
            return quit(); // end of stdin is quit
        }
        m_pending.append(buffer, got);
        qsizetype end = 0;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(end).trimmed();
            m_pending.remove(0, end + 1);
            if (!line.isEmpty())
                command(line);
        }
        if (m_pending.size() > 1 << 20) {
            m_pending.clear();
            emitEvent(LabEventJson::error(u"a command line longer than 1 MiB"_s));
        }
    }

    void emitEvent(const QJsonObject &event) { print(LabEventJson::line(event)); }

    void command(const QByteArray &line)
    {
        const QJsonObject c = QJsonDocument::fromJson(line).object();
        const QString name = c.value(u"cmd"_s).toString();
        if (name == u"load"_s) {
            const bool byPath = c.contains(u"path"_s);
            auto scenario = loadScenario(c.value(byPath ? u"path"_s : u"name"_s).toString(), byPath);
            if (!scenario)
                return emitEvent(LabEventJson::error(scenario.error()));
            m_runner.reset();
            m_runner = std::make_unique<LabRunner>(std::move(*scenario), LabRunner::Options{});
            connectRunner();
            emitEvent(LabEventJson::loaded(m_runner->scenario()));
            emitEvent(LabEventJson::state(false, 0, false));
            return;
        }
        if (name == u"quit"_s)
            return quit();
        if (name == u"sysctl"_s) {
            const QString key = c.value(u"key"_s).toString();
            const QString value = c.value(u"value"_s).toString();
            if (m_runner)
                return m_runner->writeSysctl(key, value);
            const auto written = m_sysctls.write(key, value);
            return emitEvent(LabEventJson::sysctl(key, value, bool(written), written ? QString() : written.error()));
        }
        if (!m_runner && (name == u"play"_s || name == u"pause"_s || name == u"step"_s || name == u"reset"_s))
            return emitEvent(LabEventJson::error(u"no scenario loaded (send {\"cmd\":\"load\",\"name\":...} first)"_s));
        if (name == u"play"_s)
            return m_runner->play();
        if (name == u"pause"_s)
            return m_runner->pause();
        if (name == u"step"_s)
            return m_runner->step();
        if (name == u"reset"_s)
            return m_runner->reset();
        emitEvent(LabEventJson::error(u"unknown command: "_s + QString::fromUtf8(line.left(200))));
    }

    void connectRunner()
    {
        LabRunner *r = m_runner.get();
        connect(r, &LabRunner::stepStarted, this, [this](int i, const QString &t, const QString &n, qint64 ns) {
            emitEvent(LabEventJson::step(i, t, n, ns));
        });
        connect(r, &LabRunner::expectationChecked, this,
            [this](int s, const QString &id, const QString &t, const QString &o, LabVerdict v) {
                emitEvent(LabEventJson::expectation(s, id, t, o, v));
            });
        connect(r, &LabRunner::stateChanged, this,
            [this](bool p, int s, bool f) { emitEvent(LabEventJson::state(p, s, f)); });
        connect(
            r, &LabRunner::sysctlWritten, this, [this](const QString &k, const QString &v, bool ok, const QString &e) {
                emitEvent(LabEventJson::sysctl(k, v, ok, e));
            });
        connect(r, &LabRunner::marked, this, [this](const QString &t) { emitEvent(LabEventJson::mark(t)); });
        connect(r, &LabRunner::errorOccurred, this, [this](const QString &m) { emitEvent(LabEventJson::error(m)); });
        connect(r, &LabRunner::finished, this,
            [this](bool p, int f, int s) { emitEvent(LabEventJson::finished(p, f, s)); });
    }

    void quit()
    {
        m_input.setEnabled(false);
        m_runner.reset(); // its reset() puts the sysctls back and removes the nft table
        m_sysctls.restore();
        QCoreApplication::exit(0);
    }

    QSocketNotifier m_input;
    QByteArray m_pending;
    std::unique_ptr<DescriptorBroker> m_broker;
    std::unique_ptr<LabRunner> m_runner;
    LabSysctls m_sysctls;
};

} // namespace

int main(int argc, char **argv)
{
    // The namespace comes first, while this process has one thread: unshare(CLONE_NEWUSER) refuses a
    // threaded process, and threads started before would stay outside.
    const std::string_view mode = argc > 1 ? argv[1] : "";
    std::optional<std::expected<LabNamespace::Info, QString>> lab;
    if (mode == "run" || mode == "serve")
        lab = LabNamespace::create();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tcplens"_s);
    DisplayLanguage::apply(DisplayLanguage::fromSystem());
    QStringList arguments = QCoreApplication::arguments().mid(2);
    if (mode == "list")
        return runList(arguments);
    if (mode == "run")
        return runScenario(app, arguments, *lab);
    if (mode == "serve") {
        if (!arguments.isEmpty())
            return fail(BadArguments, QString::fromLatin1(Usage).trimmed());
        if (!*lab) {
            print(LabEventJson::line(LabEventJson::error(lab->error())));
            return fail(NoNamespace, lab->error());
        }
        Server server(**lab);
        return app.exec();
    }
    if (mode == "--help" || mode == "-h") {
        std::fputs(Usage, stdout);
        return AllHeld;
    }
    std::fputs(Usage, stderr);
    return BadArguments;
}
