// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <array>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace TcpLens {

// Writes JSON text as it goes, into a buffer that a sink empties in large chunks: a snapshot of
// 120,000 sockets never exists as a document in memory (QJsonDocument needed 8 s and a copy of
// everything for that). The caller says what comes (beginObject(), key(), value(), ...) and the
// writer adds the commas, the indentation and the escaping; it checks nothing about the order.
//
// Strings always come out as valid UTF-8 JSON, whatever they hold: control characters are escaped,
// a lone UTF-16 surrogate (which no UTF-8 can carry) becomes U+FFFD.
class JsonStreamWriter
{
public:
    // Takes the next piece of text; false when it could not, which stops the writer.
    using Sink = std::function<bool(std::string_view text)>;
    enum class Layout : quint8 {
        Compact, // no whitespace at all
        Indented, // four spaces per level, "key": value, as QJsonDocument::Indented
    };
    static constexpr std::size_t DefaultBufferSize = 256 * 1024;

    explicit JsonStreamWriter(Sink sink, Layout layout = Layout::Compact, std::size_t bufferSize = DefaultBufferSize);
    ~JsonStreamWriter();
    JsonStreamWriter(const JsonStreamWriter &) = delete;
    JsonStreamWriter &operator=(const JsonStreamWriter &) = delete;

    // A sink that write()s to `fd` (partial writes and EINTR retried); on failure *error holds errno.
    static Sink fileDescriptorSink(int fd, int *error);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // An object member's name: plain ASCII that needs no escaping, as the schema's names are.
    void key(std::string_view name);
    void value(bool boolean);
    void value(qint64 number);
    void value(quint64 number);
    template<std::integral T>
        requires(!std::same_as<T, bool>)
    void value(T number)
    {
        if constexpr (std::is_signed_v<T>)
            value(qint64(number));
        else
            value(quint64(number));
    }
    void value(QStringView text);
    void value(const char16_t *text) { value(QStringView(text)); }
    // Without these a pointer would become a bool; UTF-8 or Latin-1 must be said.
    void value(const char *) = delete;
    void value(std::nullptr_t) = delete;
    // Latin-1 text, each byte a code point as QString::fromLatin1() reads it (ASCII is Latin-1).
    void value(QLatin1StringView text);
    // A number as a decimal string ("18446744073709551615"): JSON readers turn big numbers into
    // doubles and lose digits.
    void decimalString(quint64 number);
    void nullValue();
    // Ends a line after a top-level value: JSON Lines, and the final newline of a document.
    void newline();

    // Hands what is buffered to the sink; false if the sink ever failed.
    bool flush();
    bool failed() const { return m_failed; }

private:
    static constexpr int MaxDepth = 32;

    char *reserve(std::size_t bytes)
    {
        Q_ASSERT(bytes <= m_capacity);
        if (m_capacity - m_used < bytes)
            drain();
        return m_buffer.get() + m_used;
    }
    void drain();
    void separate();
    void beforeValue();
    void open(char bracket);
    void close(char bracket);
    void indent();
    void writeEscapedAscii(char c);

    Sink m_sink;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
    int m_depth = 0;
    bool m_afterKey = false;
    bool m_failed = false;
    Layout m_layout;
    std::array<bool, MaxDepth> m_empty{}; // no member or element yet, per open container
};

} // namespace TcpLens
