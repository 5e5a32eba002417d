// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <bit>
#include <cstring>
#include <expected>
#include <limits>
#include <span>

namespace TcpLens {

// Reads what ByteWriter wrote, from bytes nobody vouches for (a damaged file, a remote agent): every
// read checks the bytes left, and the first failure sticks, naming the offset and what was read, so
// a decoder reads a whole structure and asks once at the end. Reading past the end yields zeros.
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }

    quint64 unsignedNumber(const char *what)
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_offset >= m_bytes.size())
                return fail(what, "ends inside a number");
            const quint8 byte = quint8(m_bytes[m_offset++]);
            // The tenth byte may only carry the 64th bit.
            if (shift == 63 && byte > 1)
                return fail(what, "number too large");
            value |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        return fail(what, "number too long");
    }
    qint64 signedNumber(const char *what)
    {
        const quint64 zigzag = unsignedNumber(what);
        return qint64(zigzag >> 1) ^ -qint64(zigzag & 1);
    }
    // A number that must fit `limit` (a field's type, a count of what follows).
    quint64 bounded(quint64 limit, const char *what)
    {
        const quint64 value = unsignedNumber(what);
        if (value > limit)
            return fail(what, "out of range");
        return value;
    }
    // A count of elements that each take at least `minimumBytes`: never more than the bytes left
    // could hold, so hostile counts cannot make a decoder reserve gigabytes.
    qsizetype count(qsizetype minimumBytes, const char *what)
    {
        const quint64 value = unsignedNumber(what);
        if (m_failed)
            return 0;
        if (value > quint64(remaining() / qMax<qsizetype>(minimumBytes, 1)))
            return qsizetype(fail(what, "count larger than the bytes left"));
        return qsizetype(value);
    }
    quint8 byte(const char *what)
    {
        if (m_offset >= m_bytes.size())
            return quint8(fail(what, "ends before it"));
        return quint8(m_bytes[m_offset++]);
    }
    bool boolean(const char *what)
    {
        const quint8 value = byte(what);
        if (value > 1)
            fail(what, "not a boolean");
        return value == 1;
    }
    quint64 fixed64(const char *what)
    {
        if (remaining() < 8)
            return fail(what, "ends before it");
        quint64 value = 0;
        for (int i = 0; i < 8; ++i)
            value |= quint64(quint8(m_bytes[m_offset++])) << (8 * i);
        return value;
    }
    double real(const char *what) { return std::bit_cast<double>(fixed64(what)); }
    void bytes(std::span<quint8> out, const char *what)
    {
        if (remaining() < qsizetype(out.size())) {
            fail(what, "ends before it");
            return;
        }
        std::memcpy(out.data(), m_bytes.data() + m_offset, out.size());
        m_offset += qsizetype(out.size());
    }
    QByteArray byteArray(const char *what)
    {
        const qsizetype size = count(1, what);
        if (m_failed)
            return {};
        QByteArray value(m_bytes.data() + m_offset, size);
        m_offset += size;
        return value;
    }
    QString text(const char *what) { return QString::fromUtf8(byteArray(what)); }

    bool failed() const { return m_failed; }
    bool atEnd() const { return m_offset == m_bytes.size(); }
    qsizetype offset() const { return m_offset; }
    qsizetype remaining() const { return m_bytes.size() - m_offset; }
    // "at byte 17: state: out of range"
    const QString &error() const { return m_error; }
    // Marks the data wrong for a reason the decoder found (an index beyond its table).
    void invalid(const char *what, const char *why) { fail(what, why); }
    // The decoded `value` if every byte was read and none was wrong; else "damaged WHAT at byte ...".
    template<typename T>
    std::expected<T, QString> finish(T &&value, const char *what)
    {
        if (!m_failed && !atEnd())
            fail(what, "bytes left after its end");
        if (m_failed)
            return std::unexpected(QStringLiteral("damaged %1 ").arg(QLatin1StringView(what)) + m_error);
        return std::move(value);
    }

private:
    quint64 fail(const char *what, const char *why)
    {
        if (!m_failed) {
            m_failed = true;
            m_error = QStringLiteral("at byte %1: %2: %3")
                          .arg(m_offset)
                          .arg(QString::fromLatin1(what), QString::fromLatin1(why));
        }
        m_offset = m_bytes.size();
        return 0;
    }

    QByteArrayView m_bytes;
    qsizetype m_offset = 0;
    bool m_failed = false;
    QString m_error;
};

} // namespace TcpLens
