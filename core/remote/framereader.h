// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <expected>
#include <optional>

namespace TcpLens {

// Cuts the agent protocol's frames (docs/agent-protocol.md, "Frames": u32 length, type byte, blob)
// out of bytes as they arrive from a pipe, in pieces of any size. Pure: whoever reads the pipe
// appends. A length of 0 or above the maximum is an error that sticks, before anything is allocated
// for it.
class FrameReader
{
public:
    struct Frame
    {
        quint8 type = 0;
        QByteArray blob;
    };

    explicit FrameReader(quint32 maximumFrameBytes);

    void append(QByteArrayView bytes);
    // The next complete frame, nothing until more bytes arrived, or why the stream is damaged.
    std::expected<std::optional<Frame>, QString> next();
    // Bytes received and not yet taken as frames (the header stage reads them too).
    QByteArrayView pending() const { return QByteArrayView(m_buffer).sliced(m_offset); }
    // Takes `size` bytes of pending() as read.
    void consume(qsizetype size);
    // True when the stream ended at a frame's boundary (nothing half received).
    bool atBoundary() const { return pending().isEmpty(); }

private:
    quint32 m_maximumFrameBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    QString m_error;
};

} // namespace TcpLens
