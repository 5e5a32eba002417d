// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "agentstreamencoder.h"

#include "record/snapshotcodec.h"

namespace TcpLens {

using AgentProtocol::FrameType;

namespace {

template<typename... Handlers>
struct Overloaded : Handlers...
{
    using Handlers::operator()...;
};

} // namespace

QByteArray AgentStreamEncoder::header(const AgentProtocol::Header &header) const
{
    return AgentProtocol::encodeHeader(header);
}

QByteArray AgentStreamEncoder::snapshot(const SocketSnapshot &snapshot)
{
    std::optional<QByteArray> blob;
    // Another namespace is another set of sockets: a delta would only be a long list of changes.
    if (!m_previous.isNull() && m_sinceKeyFrame < KeyFrameInterval && m_previous.netnsInode() == snapshot.netnsInode())
        blob = encodeSnapshotDelta(snapshot, m_previous);
    if (blob) {
        ++m_sinceKeyFrame;
    } else {
        blob = encodeSnapshotKeyFrame(snapshot);
        m_sinceKeyFrame = 0;
    }
    m_previous = snapshot;
    return AgentProtocol::encodeFrame(FrameType::Snapshot, *blob);
}

QByteArray AgentStreamEncoder::message(const AgentMessage &message)
{
    using namespace AgentProtocol;
    return std::visit(
        Overloaded{
            [this](const SocketSnapshot &value) { return snapshot(value); },
            [](const DestroyedSockets &value) { return encodeFrame(FrameType::Destroyed, encodeDestroyed(value)); },
            [](const QList<StateChangeEvent> &value) {
                return encodeFrame(FrameType::StateChanges, encodeStateChanges(value));
            },
            [](const ExactModeSample &value) { return encodeFrame(FrameType::ExactMode, encodeExactMode(value)); },
            [](const Pacing &value) { return encodeFrame(FrameType::Pacing, encodePacing(value)); },
            [](const ListenerSampleBatch &value) {
                return encodeFrame(FrameType::ListenerBatch, encodeListenerBatch(value));
            },
            [](const ListenerHistory &value) {
                return encodeFrame(FrameType::ListenerHistory, encodeListenerHistory(value));
            },
            [](const CounterSample &value) { return encodeFrame(FrameType::Counters, encodeCounterSample(value)); },
            [](const SysctlChangeSample &value) {
                return encodeFrame(FrameType::SysctlChange, encodeSysctlChange(value));
            },
            [](const SysctlReadingSample &value) {
                return encodeFrame(FrameType::SysctlReading, encodeSysctlReading(value));
            },
            [](const TimelineMarker &value) { return encodeFrame(FrameType::Marker, encodeMarker(value)); },
            [](const AgentFailure &value) { return encodeFrame(FrameType::Failure, encodeText(value.message)); },
        },
        message);
}

} // namespace TcpLens
