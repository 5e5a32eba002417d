// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sockdiagclient.h"

#include "model/usablecpus.h"
#include "netlink/netlinklogging.h"

#include <QElapsedTimer>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
// netlink_recvmsg() caps what a dump puts in one datagram at 32 KiB; a larger buffer would only
// sit unused. ss uses the same size.
constexpr std::size_t ReceiveBufferSize = 32768;
constexpr int MaxDumpAttempts = 5;
} // namespace

std::expected<SockDiagClient, QString> SockDiagClient::open(const NetlinkSocket::Maker &maker)
{
    std::vector<Channel> channels;
    const int wanted = usableCpus() > 1 ? 2 : 1;
    for (int i = 0; i < wanted; ++i) {
        auto socket = NetlinkSocket::open(0, maker);
        if (!socket)
            return std::unexpected(socket.error().message);
        channels.push_back(Channel{std::move(*socket), std::make_unique<std::byte[]>(ReceiveBufferSize), 0});
    }
    return SockDiagClient(std::move(channels));
}

SockDiagClient::SockDiagClient(std::vector<Channel> channels)
    : m_channels(std::move(channels))
{
}

SockDiagClient::SockDiagClient(SockDiagClient &&) noexcept = default;
SockDiagClient &SockDiagClient::operator=(SockDiagClient &&) noexcept = default;
SockDiagClient::~SockDiagClient() = default;

std::expected<SockDiagClient::Result, QString> SockDiagClient::dump(const Options &options, std::size_t sizeHint)
{
    QElapsedTimer timer;
    timer.start();
    const bool split = options.parallel && canSplit() && options.splitPort < 65535;
    Part first;
    Part second;
    first.keepDetails = second.keepDetails = options.keepDetails;
    first.sockets.reserve(sizeHint);
    if (options.keepDetails)
        first.details.reserve(sizeHint);
    if (split) {
        second.sockets.reserve(sizeHint / 2 + 64);
        if (options.keepDetails)
            second.details.reserve(sizeHint / 2 + 64);
    }
    for (const quint8 family : {quint8(AF_INET), quint8(AF_INET6)}) {
        if ((family == AF_INET && !options.ipv4) || (family == AF_INET6 && !options.ipv6))
            continue;
        InetDiagQuery query{family, options.stateMask, options.withTcpInfo, options.withMemory, std::nullopt};
        if (!split) {
            dumpPart(m_channels[0], query, first);
        } else {
            InetDiagQuery upper = query;
            query.localPorts = PortRange{0, options.splitPort};
            upper.localPorts = PortRange{quint16(options.splitPort + 1), 65535};
            std::thread helper([&] { dumpPart(m_channels[1], upper, second); });
            dumpPart(m_channels[0], query, first);
            helper.join();
        }
        if (!first.error.isEmpty())
            return std::unexpected(first.error);
        if (!second.error.isEmpty())
            return std::unexpected(second.error);
    }

    Result result;
    result.sockets = std::move(first.sockets);
    result.details = std::move(first.details);
    result.statistics = first.statistics;
    if (!second.sockets.empty()) {
        // The second half's congestion names have their own numbering: renumber into the first's.
        QList<quint8> renumber;
        for (const QByteArray &name : second.congestion.names())
            renumber.append(name.isEmpty()
                    ? 0
                    : first.congestion.indexOf(std::as_bytes(std::span(name.constData(), std::size_t(name.size())))));
        const std::size_t offset = result.sockets.size();
        result.sockets.insert(result.sockets.end(), second.sockets.cbegin(), second.sockets.cend());
        result.details.insert(result.details.end(), second.details.cbegin(), second.details.cend());
        for (std::size_t i = offset; i < result.sockets.size(); ++i)
            result.sockets[i].congestion = renumber.value(result.sockets[i].congestion);
    }
    result.statistics.messages += second.statistics.messages;
    result.statistics.bytes += second.statistics.bytes;
    result.statistics.restarts += second.statistics.restarts;
    result.congestionNames = first.congestion.names();
    // A hint from the previous poll may overshoot a lot after a burst closed; give memory back then.
    if (result.sockets.capacity() > result.sockets.size() + result.sockets.size() / 4 + 64) {
        result.sockets.shrink_to_fit();
        result.details.shrink_to_fit();
    }
    result.statistics.durationNs = timer.nsecsElapsed();
    return result;
}

void SockDiagClient::dumpPart(Channel &channel, const InetDiagQuery &query, Part &part)
{
    const std::size_t firstOfPart = part.sockets.size();
    for (int attempt = 1;; ++attempt) {
        part.sockets.resize(firstOfPart);
        if (part.keepDetails)
            part.details.resize(firstOfPart);
        const QByteArray request = buildInetDiagDumpRequest(query, ++channel.sequence);
        if (auto sent = channel.socket.send(std::as_bytes(std::span(request.constData(), std::size_t(request.size()))));
            !sent) {
            part.error = sent.error().message;
            return;
        }
        bool interrupted = false;
        bool overrun = false;
        for (bool done = false; !done;) {
            auto received = channel.socket.receive(std::span(channel.buffer.get(), ReceiveBufferSize));
            if (!received) {
                // ENOBUFS: the socket's queue overflowed and the dump lost messages. Start over.
                if (received.error().errorNumber == ENOBUFS) {
                    channel.socket.drain();
                    overrun = true;
                    break;
                }
                part.error = received.error().message;
                return;
            }
            part.statistics.bytes += *received;
            auto chunk = decodeDumpChunk(std::span(channel.buffer.get(), *received), part.congestion, part.sockets,
                part.keepDetails ? &part.details : nullptr);
            if (!chunk) {
                channel.socket.drain();
                part.error =
                    u"malformed sock_diag answer at byte %1: %2"_s.arg(chunk.error().offset).arg(chunk.error().message);
                return;
            }
            part.statistics.messages += chunk->messages;
            interrupted |= chunk->interrupted;
            if (chunk->kernelError != 0) {
                if (chunk->kernelError == EINTR) { // the dump was cut short; redo it
                    interrupted = true;
                    break;
                }
                part.error = u"the kernel refused the sock_diag dump: %1"_s.arg(
                    QString::fromLocal8Bit(std::strerror(chunk->kernelError)));
                return;
            }
            done = chunk->done;
        }
        if (!interrupted && !overrun)
            return;
        ++part.statistics.restarts;
        if (attempt == MaxDumpAttempts) {
            // Under heavy churn every dump may be interrupted; a slightly inconsistent view beats none.
            qCWarning(lcNetlink) << "sock_diag dump still interrupted after" << attempt << "attempts; using it";
            return;
        }
    }
}

} // namespace TcpLens
