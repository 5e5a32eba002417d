// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labsocketio.h"

#include "lab/lablogging.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace TcpLens::LabSocketIo {

QString errnoName(int error)
{
    const char *name = ::strerrorname_np(error);
    return name ? QString::fromLatin1(name) : QString::number(error);
}

int send(int fd, qint64 bytes, bool fill)
{
    static const QByteArray chunk(64 * 1024, 'x');
    qint64 left = bytes;
    while (fill || left > 0) {
        const qint64 now = fill ? chunk.size() : std::min<qint64>(left, chunk.size());
        const ssize_t sent = ::send(fd, chunk.constData(), size_t(now), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : errno;
        }
        left -= sent;
    }
    return 0;
}

int drain(int fd)
{
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0)
            continue;
        if (got == 0)
            return 1;
        if (errno == EINTR)
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
    }
}

bool close(int fd, LabAction::CloseHow how)
{
    switch (how) {
    case LabAction::CloseHow::Shutdown:
        ::shutdown(fd, SHUT_WR);
        return false;
    case LabAction::CloseHow::Linger0: {
        const linger abortive{1, 0};
        // Without it close() sends a FIN, not the RST the scenario asked for.
        if (::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive) < 0)
            qCWarning(lcLab) << "SO_LINGER {1, 0} not set, the close sends a FIN:" << std::strerror(errno);
        [[fallthrough]];
    }
    case LabAction::CloseHow::Close:
        ::close(fd);
        return true;
    }
    return false;
}

} // namespace TcpLens::LabSocketIo
