// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "agentstreamdecoder.h"

#include "record/snapshotcodec.h"

namespace TcpLens {

using namespace Qt::StringLiterals;
using AgentProtocol::FrameType;

namespace {

// A decoded value as a message, or the decoder's error as it is.
template<typename T>
std::expected<std::optional<AgentMessage>, QString> asMessage(std::expected<T, QString> &&decoded)
{
    if (!decoded)
        return std::unexpected(decoded.error());
    return std::optional<AgentMessage>(AgentMessage(std::move(*decoded)));
}

template<typename... Handlers>
struct Overloaded : Handlers...
{
    using Handlers::operator()...;
};

// Every CLOCK_MONOTONIC time a message carries, moved by `offsetNs`.
void shiftClock(AgentMessage &message, qint64 offsetNs)
{
    if (offsetNs == 0)
        return;
    std::visit(Overloaded{
                   [](SocketSnapshot &) {}, // moved before it is made (immutable)
                   [offsetNs](DestroyedSockets &value) { value.monotonicNs += offsetNs; },
                   [offsetNs](QList<StateChangeEvent> &value) {
                       for (StateChangeEvent &change : value)
                           change.timeNs += offsetNs;
                   },
                   [](ExactModeSample &) {},
                   [](AgentProtocol::Pacing &) {}, // lastDumpNs is how long a dump took
                   [offsetNs](ListenerSampleBatch &value) {
                       value.monotonicNs += offsetNs;
                       for (ListenerReading &reading : value.listeners)
                           reading.sample.timeNs += offsetNs;
                   },
                   [offsetNs](AgentProtocol::ListenerHistory &value) {
                       for (ListenerSample &sample : value.samples)
                           sample.timeNs += offsetNs;
                   },
                   [offsetNs](CounterSample &value) { value.monotonicNs += offsetNs; },
                   [offsetNs](SysctlChangeSample &value) { value.monotonicNs += offsetNs; },
                   [offsetNs](SysctlReadingSample &value) { value.monotonicNs += offsetNs; },
                   [offsetNs](TimelineMarker &value) { value.monotonicNs += offsetNs; },
                   [](AgentFailure &) {},
               },
        message);
}

} // namespace

AgentStreamDecoder::AgentStreamDecoder(Clock localClock)
    : m_localClock(localClock)
    , m_frames(AgentProtocol::MaximumFrameBytes)
{
}

void AgentStreamDecoder::append(QByteArrayView bytes)
{
    m_frames.append(bytes);
}

std::expected<std::optional<AgentMessage>, QString> AgentStreamDecoder::fail(const QString &error)
{
    m_error = error;
    return std::unexpected(m_error);
}

std::expected<std::optional<AgentMessage>, QString> AgentStreamDecoder::next()
{
    if (!m_error.isEmpty())
        return std::unexpected(m_error);
    if (!m_header) {
        const auto size = AgentProtocol::headerSize(m_frames.pending());
        if (!size)
            return fail(size.error());
        if (*size == 0)
            return std::nullopt;
        auto header = AgentProtocol::decodeHeader(m_frames.pending().first(*size));
        if (!header)
            return fail(header.error());
        m_header = std::move(*header);
        m_frames.consume(*size);
        if (m_localClock && m_header->monotonicNs > 0)
            m_clockOffsetNs = m_localClock() - m_header->monotonicNs;
    }
    for (;;) {
        auto frame = m_frames.next();
        if (!frame)
            return fail(frame.error());
        if (!*frame)
            return std::nullopt;
        const QByteArrayView blob((*frame)->blob);
        std::expected<std::optional<AgentMessage>, QString> message = std::nullopt;
        switch (FrameType((*frame)->type)) {
        case FrameType::Snapshot: {
            const auto kind = snapshotBlobKind(blob);
            if (!kind)
                return fail(kind.error());
            if (*kind == SnapshotBlobKind::Delta && m_previous.isNull())
                return fail(u"damaged agent stream: a snapshot delta before any key frame"_s);
            auto data = decodeSnapshot(blob, &m_previous);
            if (!data)
                return fail(data.error());
            // Every delta carries the time whole: moving each decoded snapshot moves them all.
            data->monotonicNs += m_clockOffsetNs;
            m_previous = SocketSnapshot(std::move(*data));
            return std::optional<AgentMessage>(m_previous);
        }
        case FrameType::Destroyed:
            message = asMessage(decodeDestroyed(blob));
            break;
        case FrameType::StateChanges:
            message = asMessage(decodeStateChanges(blob));
            break;
        case FrameType::ExactMode:
            message = asMessage(decodeExactMode(blob));
            break;
        case FrameType::Pacing:
            message = asMessage(AgentProtocol::decodePacing(blob));
            break;
        case FrameType::ListenerBatch:
            message = asMessage(decodeListenerBatch(blob));
            break;
        case FrameType::ListenerHistory:
            message = asMessage(AgentProtocol::decodeListenerHistory(blob));
            break;
        case FrameType::Counters:
            message = asMessage(decodeCounterSample(blob));
            break;
        case FrameType::SysctlChange:
            message = asMessage(decodeSysctlChange(blob));
            break;
        case FrameType::SysctlReading:
            message = asMessage(decodeSysctlReading(blob));
            break;
        case FrameType::Marker:
            message = asMessage(decodeMarker(blob));
            break;
        case FrameType::Failure: {
            auto text = AgentProtocol::decodeText(blob);
            if (!text)
                return fail(text.error());
            return std::optional<AgentMessage>(AgentFailure{*text});
        }
        default:
            // A frame of a later version of the same stream version: whatever it says can be missed.
            ++m_skipped;
            continue;
        }
        if (!message)
            return fail(message.error());
        if (*message)
            shiftClock(**message, m_clockOffsetNs);
        return message;
    }
}

} // namespace TcpLens
