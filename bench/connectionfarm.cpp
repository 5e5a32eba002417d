// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionfarm.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QElapsedTimer>

#include <cerrno>
#include <cstring>

namespace TcpLens::Bench {

using namespace Qt::StringLiterals;

namespace {

constexpr in_addr_t ListenerAddress = 0x7f000001; // 127.0.0.1
constexpr in_addr_t FirstEstablishedSource = 0x7f000002; // 127.0.0.2
constexpr in_addr_t FirstTimeWaitSource = 0x7f010001; // 127.1.0.1: never shares a 4-tuple with the above
constexpr int ListenBacklog = 4096; // net.core.somaxconn's default in a new namespace
constexpr qint64 WorkerTimeoutMs = 300'000;

enum class Stage : qint32 { Done, Listen, Socket, Bind, Connect, Accept };

// What a worker writes to the report pipe once: 16 bytes, below PIPE_BUF, so the workers' reports
// never interleave.
struct WorkerReport
{
    qint32 worker = 0;
    qint32 made = 0;
    qint32 errorNumber = 0;
    Stage stage = Stage::Done;
};

const char *stageName(Stage stage)
{
    switch (stage) {
    case Stage::Done:
        return "done";
    case Stage::Listen:
        return "listen";
    case Stage::Socket:
        return "socket";
    case Stage::Bind:
        return "bind";
    case Stage::Connect:
        return "connect";
    case Stage::Accept:
        return "accept";
    }
    return "?";
}

sockaddr_in ipv4(in_addr_t hostOrderAddress, quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(hostOrderAddress);
    address.sin_port = htons(port);
    return address;
}

// Returns the listening descriptor, or -1 with errno set.
int listenOn(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in address = ipv4(ListenerAddress, port);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 ||
        ::listen(fd, ListenBacklog) < 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

// One established connection from `source` to the listener: the client's and the accepted server's
// descriptors, both kept. Loopback completes the handshake before connect() returns, so accepting
// right after keeps the accept queue short and no SYN is ever dropped.
Stage connectPair(int listener, in_addr_t source, quint16 port, int &client, int &server)
{
    client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0)
        return Stage::Socket;
    // Bind the address only; connect() then picks a port unique for the 4-tuple, not for the address.
    const int one = 1;
    ::setsockopt(client, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    const sockaddr_in local = ipv4(source, 0);
    if (::bind(client, reinterpret_cast<const sockaddr *>(&local), sizeof local) < 0)
        return Stage::Bind;
    const sockaddr_in remote = ipv4(ListenerAddress, port);
    if (::connect(client, reinterpret_cast<const sockaddr *>(&remote), sizeof remote) < 0)
        return Stage::Connect;
    server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (server < 0)
        return Stage::Accept;
    return Stage::Done;
}

// A forked worker: makes its connections, reports, holds them until the control pipe closes. Plain
// system calls only, and _exit(): it is a copy of the parent and must not run the parent's exit path.
[[noreturn]] void runWorker(int worker, int first, int count, int reportFd, int controlFd)
{
    // Die with the benchmark, whatever kills it, so no worker outlives it holding a namespace.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    WorkerReport report;
    report.worker = worker;
    const quint16 port = quint16(ConnectionFarm::FirstListenerPort + worker);
    const int listener = listenOn(port);
    if (listener < 0) {
        report.stage = Stage::Listen;
        report.errorNumber = errno;
    } else {
        for (int i = first; i < first + count; ++i) {
            int client = -1;
            int server = -1;
            const in_addr_t source =
                FirstEstablishedSource + in_addr_t(i / ConnectionFarm::ConnectionsPerSourceAddress);
            const Stage stage = connectPair(listener, source, port, client, server);
            if (stage != Stage::Done) {
                report.stage = stage;
                report.errorNumber = errno;
                break;
            }
            ++report.made;
        }
    }
    [[maybe_unused]] const auto written = ::write(reportFd, &report, sizeof report);
    char byte = 0;
    while (::read(controlFd, &byte, 1) < 0 && errno == EINTR) { }
    ::_exit(report.stage == Stage::Done ? 0 : 1);
}

QString reportError(const WorkerReport &report)
{
    return u"worker %1 stopped after %2 connections: %3: %4"_s.arg(report.worker)
        .arg(report.made)
        .arg(QLatin1StringView(stageName(report.stage)))
        .arg(QString::fromLocal8Bit(std::strerror(report.errorNumber)));
}

} // namespace

std::expected<std::unique_ptr<ConnectionFarm>, QString> ConnectionFarm::start(int connections, int pairsPerWorker)
{
    std::unique_ptr<ConnectionFarm> farm(new ConnectionFarm);
    if (connections <= 0)
        return farm;
    const int workers = (connections + pairsPerWorker - 1) / pairsPerWorker;
    int reportPipe[2];
    int controlPipe[2];
    if (::pipe2(reportPipe, O_CLOEXEC) < 0 || ::pipe2(controlPipe, O_CLOEXEC) < 0)
        return std::unexpected(u"pipe2: "_s + QString::fromLocal8Bit(std::strerror(errno)));
    UniqueFd reportRead(reportPipe[0]);
    UniqueFd reportWrite(reportPipe[1]);
    UniqueFd controlRead(controlPipe[0]);
    farm->m_control.reset(controlPipe[1]);

    // Even shares: the first (connections % workers) workers take one more.
    int first = 0;
    for (int worker = 0; worker < workers; ++worker) {
        const int count = connections / workers + (worker < connections % workers ? 1 : 0);
        const pid_t pid = ::fork();
        if (pid < 0)
            return std::unexpected(u"fork: "_s + QString::fromLocal8Bit(std::strerror(errno)));
        if (pid == 0) {
            // Only the parent may hold the control pipe's write end, or the workers never see it close.
            ::close(farm->m_control.get());
            runWorker(worker, first, count, reportWrite.get(), controlRead.get());
        }
        farm->m_workers.push_back(pid);
        first += count;
    }
    reportWrite.reset();
    controlRead.reset();

    QElapsedTimer waited;
    waited.start();
    int reported = 0;
    int made = 0;
    while (reported < workers) {
        pollfd ready{reportRead.get(), POLLIN, 0};
        const int polled = ::poll(&ready, 1, 1000);
        if (polled < 0 && errno != EINTR)
            return std::unexpected(u"poll: "_s + QString::fromLocal8Bit(std::strerror(errno)));
        if (polled > 0) {
            WorkerReport report;
            const auto length = ::read(reportRead.get(), &report, sizeof report);
            if (length != ssize_t(sizeof report))
                return std::unexpected(u"a worker died before reporting"_s);
            if (report.stage != Stage::Done)
                return std::unexpected(reportError(report));
            made += report.made;
            ++reported;
            continue;
        }
        if (waited.hasExpired(WorkerTimeoutMs))
            return std::unexpected(u"the workers made %1 of %2 connections in %3 s"_s.arg(made)
                    .arg(connections)
                    .arg(WorkerTimeoutMs / 1000));
        for (const pid_t pid : farm->m_workers) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid)
                return std::unexpected(u"worker %1 exited before reporting (status %2)"_s.arg(pid).arg(status));
        }
    }
    return farm;
}

std::expected<void, QString> ConnectionFarm::makeTimeWait(int count)
{
    const auto failed = [](const char *what, int index) {
        return std::unexpected(u"TIME_WAIT socket %1: %2: %3"_s.arg(index)
                .arg(QLatin1StringView(what))
                .arg(QString::fromLocal8Bit(std::strerror(errno))));
    };
    if (count <= 0)
        return {};
    UniqueFd listener(listenOn(TimeWaitListenerPort));
    if (!listener)
        return failed("listen", 0);
    for (int i = 0; i < count; ++i) {
        int client = -1;
        int server = -1;
        const in_addr_t source = FirstTimeWaitSource + in_addr_t(i / ConnectionsPerSourceAddress);
        const Stage stage = connectPair(listener.get(), source, TimeWaitListenerPort, client, server);
        UniqueFd clientFd(client);
        UniqueFd serverFd(server);
        if (stage != Stage::Done)
            return failed(stageName(stage), i);
        // The side that closes first ends in TIME_WAIT: the client's FIN goes out now, the server's
        // answers it when its close() follows, and the server's end passes through LAST_ACK to gone.
        clientFd.reset();
        serverFd.reset();
    }
    return {};
}

ConnectionFarm::~ConnectionFarm()
{
    stop();
}

void ConnectionFarm::stop()
{
    m_control.reset();
    for (const pid_t pid : m_workers) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    }
    m_workers.clear();
}

} // namespace TcpLens::Bench
