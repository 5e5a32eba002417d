// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "framereader.h"

#include "remote/agentprotocol.h"

#include <QCoreApplication>

namespace TcpLens {

FrameReader::FrameReader(quint32 maximumFrameBytes)
    : m_maximumFrameBytes(maximumFrameBytes)
{
}

void FrameReader::append(QByteArrayView bytes)
{
    if (!m_error.isEmpty())
        return;
    // What was taken is dropped once it is most of the buffer: each byte moves at most once more.
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

void FrameReader::consume(qsizetype size)
{
    m_offset += qBound<qsizetype>(0, size, m_buffer.size() - m_offset);
}

std::expected<std::optional<FrameReader::Frame>, QString> FrameReader::next()
{
    if (!m_error.isEmpty())
        return std::unexpected(m_error);
    const QByteArrayView bytes = pending();
    if (bytes.size() < AgentProtocol::FramePrefixSize)
        return std::nullopt;
    quint32 length = 0;
    for (int i = 0; i < 4; ++i)
        length |= quint32(quint8(bytes[i])) << (8 * i);
    if (length == 0 || length > m_maximumFrameBytes) {
        m_error = QCoreApplication::translate(
            "AgentProtocol", "damaged agent stream: a frame of %1 bytes (at most %2 are allowed, at least 1)")
                      .arg(length)
                      .arg(m_maximumFrameBytes);
        return std::unexpected(m_error);
    }
    if (bytes.size() - AgentProtocol::FramePrefixSize < qsizetype(length))
        return std::nullopt;
    Frame frame;
    frame.type = quint8(bytes[AgentProtocol::FramePrefixSize]);
    frame.blob = bytes.sliced(AgentProtocol::FramePrefixSize + 1, qsizetype(length) - 1).toByteArray();
    consume(AgentProtocol::FramePrefixSize + qsizetype(length));
    return frame;
}

} // namespace TcpLens
