// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "descriptorbroker.h"

#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
QString errnoText(const char *what)
{
    return QString::fromLatin1(what) + u": "_s + QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

DescriptorBroker::DescriptorBroker(UniqueFd socket, qint64 pid)
    : m_socket(std::move(socket))
    , m_pid(pid)
{
}

std::expected<UniqueFd, QString> DescriptorBroker::netlinkSocket()
{
    return ask('n', {});
}

std::expected<UniqueFd, QString> DescriptorBroker::sysctlFile(const QString &relativePath)
{
    return ask('s', relativePath.toUtf8());
}

std::expected<UniqueFd, QString> DescriptorBroker::ask(char request, const QByteArray &argument)
{
    const std::lock_guard lock(m_mutex);
    if (!m_socket)
        return std::unexpected(u"the lab's namespace is gone"_s);
    const QByteArray question = QByteArray(1, request) + argument;
    ssize_t sent;
    do
        sent = ::send(m_socket.get(), question.constData(), std::size_t(question.size()), MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    if (sent < 0)
        return std::unexpected(errnoText("cannot ask the lab's helper for a socket"));

    std::array<char, 512> answer{};
    iovec data{answer.data(), answer.size() - 1};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    ssize_t received;
    do
        received = ::recvmsg(m_socket.get(), &message, MSG_CMSG_CLOEXEC);
    while (received < 0 && errno == EINTR);
    if (received < 0)
        return std::unexpected(errnoText("no answer from the lab's helper"));
    if (received == 0)
        return std::unexpected(u"the lab's helper has ended"_s);

    UniqueFd descriptor;
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS &&
            header->cmsg_len == CMSG_LEN(sizeof(int))) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(header), sizeof fd);
            descriptor.reset(fd);
        }
    }
    if (answer[0] == 'e' || !descriptor) {
        const QString why = QString::fromUtf8(answer.data() + 1, qMax<qsizetype>(received - 1, 0));
        return std::unexpected(why.isEmpty() ? u"the lab's helper sent no descriptor"_s : why);
    }
    if (answer[0] != request || (message.msg_flags & MSG_CTRUNC))
        return std::unexpected(u"the lab's helper answered something else"_s);
    return descriptor;
}

} // namespace TcpLens
