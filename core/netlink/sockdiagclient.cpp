// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sockdiagclient.h"

#include "netlink/inetdiagrequest.h"
#include "netlink/netlinklogging.h"

#include <QElapsedTimer>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
// netlink_recvmsg() caps what a dump puts in one datagram at 32 KiB; a larger buffer would only
// sit unused. ss uses the same size.
constexpr std::size_t ReceiveBufferSize = 32768;
constexpr int MaxDumpAttempts = 5;
} // namespace

std::expected<SockDiagClient, QString> SockDiagClient::open()
{
    auto socket = NetlinkSocket::open();
    if (!socket)
        return std::unexpected(socket.error().message);
    return SockDiagClient(std::move(*socket));
}

SockDiagClient::SockDiagClient(NetlinkSocket socket)
    : m_socket(std::move(socket))
    , m_buffer(new std::byte[ReceiveBufferSize])
{
}

SockDiagClient::SockDiagClient(SockDiagClient &&) noexcept = default;
SockDiagClient &SockDiagClient::operator=(SockDiagClient &&) noexcept = default;
SockDiagClient::~SockDiagClient() = default;

std::expected<SockDiagClient::Result, QString> SockDiagClient::dump(const Options &options, std::size_t sizeHint)
{
    QElapsedTimer timer;
    timer.start();
    Result result;
    result.sockets.reserve(sizeHint);
    CongestionNameTable congestion;
    if (options.ipv4) {
        if (auto done = dumpFamily(AF_INET, options, congestion, result); !done)
            return std::unexpected(done.error());
    }
    if (options.ipv6) {
        if (auto done = dumpFamily(AF_INET6, options, congestion, result); !done)
            return std::unexpected(done.error());
    }
    result.congestionNames = congestion.names();
    // A hint from the previous poll may overshoot a lot after a burst closed; give memory back then.
    if (result.sockets.capacity() > result.sockets.size() + result.sockets.size() / 4 + 64)
        result.sockets.shrink_to_fit();
    result.statistics.durationNs = timer.nsecsElapsed();
    return result;
}

std::expected<void, QString> SockDiagClient::dumpFamily(
    quint8 family, const Options &options, CongestionNameTable &congestion, Result &result)
{
    const std::size_t firstOfFamily = result.sockets.size();
    for (int attempt = 1;; ++attempt) {
        result.sockets.resize(firstOfFamily);
        const InetDiagQuery query{family, options.stateMask, options.withTcpInfo, options.withMemory};
        const QByteArray request = buildInetDiagDumpRequest(query, ++m_sequence);
        if (auto sent = m_socket.send(std::as_bytes(std::span(request.constData(), std::size_t(request.size()))));
            !sent)
            return std::unexpected(sent.error().message);

        bool interrupted = false;
        bool overrun = false;
        for (bool done = false; !done;) {
            auto received = m_socket.receive(std::span(m_buffer.get(), ReceiveBufferSize));
            if (!received) {
                // ENOBUFS: the socket's queue overflowed and the dump lost messages. Start over.
                if (received.error().errorNumber == ENOBUFS) {
                    m_socket.drain();
                    overrun = true;
                    break;
                }
                return std::unexpected(received.error().message);
            }
            result.statistics.bytes += *received;
            auto chunk = decodeDumpChunk(std::span(m_buffer.get(), *received), congestion, result.sockets);
            if (!chunk) {
                m_socket.drain();
                return std::unexpected(u"malformed sock_diag answer at byte %1: %2"_s.arg(chunk.error().offset)
                        .arg(chunk.error().message));
            }
            result.statistics.messages += chunk->messages;
            interrupted |= chunk->interrupted;
            if (chunk->kernelError != 0) {
                if (chunk->kernelError == EINTR) { // the dump was cut short; redo it
                    interrupted = true;
                    break;
                }
                return std::unexpected(u"the kernel refused the sock_diag dump: %1"_s.arg(
                    QString::fromLocal8Bit(std::strerror(chunk->kernelError))));
            }
            done = chunk->done;
        }
        if (!interrupted && !overrun)
            break;
        ++result.statistics.restarts;
        if (attempt == MaxDumpAttempts) {
            // Under heavy churn every dump may be interrupted; a slightly inconsistent view beats none.
            qCWarning(lcNetlink) << "sock_diag dump still interrupted after" << attempt << "attempts; using it";
            break;
        }
    }
    return {};
}

} // namespace TcpLens
