// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QString>

#include <bit>
#include <span>

namespace TcpLens {

// Appends the recording format's primitives (docs/recording-format.md, "Encoding"): unsigned
// integers as LEB128 varints (7 bits a byte, low first), signed ones zigzagged first so that small
// negative numbers stay short, strings as a varint length and UTF-8. No I/O and no SQLite: the same
// bytes can travel in a database row or down a pipe.
class ByteWriter
{
public:
    void unsignedNumber(quint64 value)
    {
        while (value >= 0x80) {
            m_bytes.append(char(quint8(value) | 0x80));
            value >>= 7;
        }
        m_bytes.append(char(quint8(value)));
    }
    void signedNumber(qint64 value)
    {
        // Zigzag: 0, -1, 1, -2 ... become 0, 1, 2, 3 ...
        unsignedNumber((quint64(value) << 1) ^ quint64(value >> 63));
    }
    void byte(quint8 value) { m_bytes.append(char(value)); }
    void boolean(bool value) { byte(value ? 1 : 0); }
    void real(double value) { fixed64(std::bit_cast<quint64>(value)); }
    void fixed64(quint64 value)
    {
        for (int i = 0; i < 8; ++i)
            byte(quint8(value >> (8 * i)));
    }
    void bytes(std::span<const quint8> data)
    {
        m_bytes.append(reinterpret_cast<const char *>(data.data()), qsizetype(data.size()));
    }
    void byteArray(const QByteArray &data)
    {
        unsignedNumber(quint64(data.size()));
        m_bytes.append(data);
    }
    void text(const QString &value) { byteArray(value.toUtf8()); }

    const QByteArray &data() const { return m_bytes; }
    QByteArray take() { return std::move(m_bytes); }
    void reserve(qsizetype bytes) { m_bytes.reserve(bytes); }

private:
    QByteArray m_bytes;
};

} // namespace TcpLens
