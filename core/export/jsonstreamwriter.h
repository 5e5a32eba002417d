// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>

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

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // An object member's name: plain ASCII that needs no escaping, as the schema's names are.
    void key(std::string_view name)
    {
        if (m_layout != Layout::Compact || m_depth == 0) {
            indentedKey(name);
            return;
        }
        // The compact layout, every member of a snapshot: one reservation, no call.
        char *out = reserve(name.size() + 4);
        if (!m_empty[m_depth - 1])
            *out++ = ',';
        m_empty[m_depth - 1] = false;
        *out++ = '"';
        std::memcpy(out, name.data(), name.size());
        out += name.size();
        *out++ = '"';
        *out++ = ':';
        m_used = std::size_t(out - m_buffer.get());
        m_afterKey = true;
    }
    void value(bool boolean)
    {
        const std::string_view text = boolean ? std::string_view("true") : std::string_view("false");
        std::memcpy(beforeValue(text.size()), text.data(), text.size());
        m_used += text.size();
    }
    void value(qint64 number) { writeNumber(number); }
    void value(quint64 number) { writeNumber(number); }
    template<std::integral T>
        requires(!std::same_as<T, bool>)
    void value(T number)
    {
        if constexpr (std::is_signed_v<T>)
            writeNumber(qint64(number));
        else
            writeNumber(quint64(number));
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
    void decimalString(quint64 number)
    {
        char *out = beforeValue(MaxNumberBytes + 2);
        *out++ = '"';
        out = std::to_chars(out, out + MaxNumberBytes, number).ptr;
        *out++ = '"';
        m_used = std::size_t(out - m_buffer.get());
    }
    void nullValue()
    {
        std::memcpy(beforeValue(4), "null", 4);
        m_used += 4;
    }
    // Ends a line after a top-level value: JSON Lines, and the final newline of a document.
    void newline()
    {
        *reserve(1) = '\n';
        ++m_used;
    }

    // Text that is JSON already, as another writer of the same layout made it (a piece of an
    // array formatted on another thread), copied as it is: the caller answers for its commas.
    void raw(std::string_view json);

    Layout layout() const { return m_layout; }
    // Hands what is buffered to the sink; false if the sink ever failed.
    bool flush();
    bool failed() const { return m_failed; }

private:
    static constexpr int MaxDepth = 32;
    static constexpr std::size_t MaxNumberBytes = 20; // 18446744073709551615, -9223372036854775808

    char *reserve(std::size_t bytes)
    {
        Q_ASSERT(bytes <= m_capacity);
        if (m_capacity - m_used < bytes)
            drain();
        return m_buffer.get() + m_used;
    }
    // Room for `bytes` after the comma (or line break) a value needs where it stands.
    char *beforeValue(std::size_t bytes)
    {
        if (m_afterKey)
            m_afterKey = false;
        else
            separate();
        return reserve(bytes);
    }
    template<typename Number>
    void writeNumber(Number number)
    {
        char *out = beforeValue(MaxNumberBytes);
        m_used = std::size_t(std::to_chars(out, out + MaxNumberBytes, number).ptr - m_buffer.get());
    }
    void drain();
    void separate();
    void indentedKey(std::string_view name);
    void open(char bracket);
    void close(char bracket);
    void indent();
    char *escapedAscii(char *out, char c);
    char *utf16Text(char *out, const char16_t *it, const char16_t *end);
    char *latin1Text(char *out, const char *it, const char *end);

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
