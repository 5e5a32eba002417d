// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "externalcommand.h"

#include "netlink/uniquefd.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

extern char **environ;

namespace TcpLens::Bench {

using namespace Qt::StringLiterals;

namespace {
qint64 toNs(const timeval &time)
{
    return qint64(time.tv_sec) * 1'000'000'000 + qint64(time.tv_usec) * 1000;
}

QString commandLine(const std::vector<std::string> &argv)
{
    QString line;
    for (const auto &argument : argv)
        line += (line.isEmpty() ? QString() : u" "_s) + QString::fromStdString(argument);
    return line;
}
} // namespace

std::expected<ExternalCommand::Run, QString> ExternalCommand::run(const std::vector<std::string> &argv, bool countLines)
{
    std::vector<char *> arguments;
    for (const auto &argument : argv)
        arguments.push_back(const_cast<char *>(argument.c_str()));
    arguments.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    UniqueFd pipeRead;
    UniqueFd pipeWrite;
    if (countLines) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) < 0)
            return std::unexpected(u"pipe2: "_s + QString::fromLocal8Bit(std::strerror(errno)));
        pipeRead.reset(fds[0]);
        pipeWrite.reset(fds[1]);
        // dup2() clears FD_CLOEXEC on the copy, so only the child's stdout survives exec.
        posix_spawn_file_actions_adddup2(&actions, pipeWrite.get(), STDOUT_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    }

    Run run;
    const auto started = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, arguments[0], &actions, nullptr, arguments.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return std::unexpected(
            u"cannot run %1: %2"_s.arg(commandLine(argv), QString::fromLocal8Bit(std::strerror(spawned))));
    if (countLines) {
        pipeWrite.reset();
        run.lines = 0;
        std::array<char, 65536> buffer;
        for (;;) {
            const auto length = ::read(pipeRead.get(), buffer.data(), buffer.size());
            if (length < 0 && errno == EINTR)
                continue;
            if (length <= 0)
                break;
            char *const end = buffer.data() + length;
            if (run.lines == 0)
                run.firstLine.append(buffer.data(), std::find(buffer.data(), end, '\n') - buffer.data());
            run.lines += std::count(buffer.data(), end, '\n');
        }
    }
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR)
            return std::unexpected(u"wait4: "_s + QString::fromLocal8Bit(std::strerror(errno)));
    }
    run.wallNs =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::unexpected(u"%1 failed (wait status %2)"_s.arg(commandLine(argv)).arg(status));
    run.userNs = toNs(usage.ru_utime);
    run.systemNs = toNs(usage.ru_stime);
    run.minorFaults = usage.ru_minflt;
    return run;
}

} // namespace TcpLens::Bench
