// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "jsonstreamwriter.h"

#include <QChar>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace TcpLens {

namespace {

// Room for one UTF-16 unit or Latin-1 byte of a string: "\u001f" is 6 bytes, a surrogate pair 4
// bytes of UTF-8 for two units.
constexpr std::size_t MaxCodePointBytes = 6;
constexpr std::size_t IndentWidth = 4;

// What RFC 8259 section 7 requires to be escaped: '"', '\\' and U+0000..U+001F.
constexpr bool needsEscape(char16_t c)
{
    return c < 0x20 || c == u'"' || c == u'\\';
}

char *putUtf8(char *out, char32_t codePoint)
{
    if (codePoint < 0x800) {
        *out++ = char(0xc0 | (codePoint >> 6));
    } else if (codePoint < 0x10000) {
        *out++ = char(0xe0 | (codePoint >> 12));
        *out++ = char(0x80 | ((codePoint >> 6) & 0x3f));
    } else {
        *out++ = char(0xf0 | (codePoint >> 18));
        *out++ = char(0x80 | ((codePoint >> 12) & 0x3f));
        *out++ = char(0x80 | ((codePoint >> 6) & 0x3f));
    }
    *out++ = char(0x80 | (codePoint & 0x3f));
    return out;
}

} // namespace

JsonStreamWriter::JsonStreamWriter(Sink sink, Layout layout, std::size_t bufferSize)
    : m_sink(std::move(sink))
    , m_buffer(std::make_unique_for_overwrite<char[]>(std::max<std::size_t>(bufferSize, 256)))
    , m_capacity(std::max<std::size_t>(bufferSize, 256))
    , m_layout(layout)
{
}

JsonStreamWriter::~JsonStreamWriter() = default;

JsonStreamWriter::Sink JsonStreamWriter::fileDescriptorSink(int fd, int *error)
{
    return [fd, error](std::string_view text) {
        while (!text.empty()) {
            const auto written = ::write(fd, text.data(), text.size());
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                *error = errno;
                return false;
            }
            text.remove_prefix(std::size_t(written));
        }
        return true;
    };
}

void JsonStreamWriter::drain()
{
    if (m_used == 0)
        return;
    // After a failure the text goes nowhere, but the writer keeps working: the caller asks once, at
    // the end, instead of after every value.
    if (!m_failed && !m_sink(std::string_view(m_buffer.get(), m_used)))
        m_failed = true;
    m_used = 0;
}

void JsonStreamWriter::raw(std::string_view json)
{
    if (json.size() > m_capacity - m_used) {
        drain();
        if (json.size() > m_capacity) {
            // Larger than the buffer: straight to the sink, after what came before it.
            if (!m_failed && !m_sink(json))
                m_failed = true;
            return;
        }
    }
    std::memcpy(m_buffer.get() + m_used, json.data(), json.size());
    m_used += json.size();
}

bool JsonStreamWriter::flush()
{
    drain();
    return !m_failed;
}

void JsonStreamWriter::indent()
{
    const std::size_t spaces = std::size_t(m_depth) * IndentWidth;
    char *out = reserve(spaces + 1);
    *out = '\n';
    std::memset(out + 1, ' ', spaces);
    m_used += spaces + 1;
}

// Before a member or an element: the comma after the previous one, and the line break when indented.
void JsonStreamWriter::separate()
{
    if (m_depth == 0)
        return;
    if (!m_empty[m_depth - 1]) {
        *reserve(1) = ',';
        ++m_used;
    }
    m_empty[m_depth - 1] = false;
    if (m_layout == Layout::Indented)
        indent();
}

void JsonStreamWriter::indentedKey(std::string_view name)
{
    separate();
    char *out = reserve(name.size() + 4);
    *out++ = '"';
    std::memcpy(out, name.data(), name.size());
    out += name.size();
    *out++ = '"';
    *out++ = ':';
    if (m_layout == Layout::Indented)
        *out++ = ' ';
    m_used = std::size_t(out - m_buffer.get());
    m_afterKey = true;
}

void JsonStreamWriter::open(char bracket)
{
    *beforeValue(1) = bracket;
    ++m_used;
    Q_ASSERT(m_depth < MaxDepth);
    m_empty[std::size_t(m_depth++)] = true;
}

void JsonStreamWriter::close(char bracket)
{
    Q_ASSERT(m_depth > 0);
    --m_depth;
    // An empty container stays "{}" or "[]" on one line.
    if (m_layout == Layout::Indented && !m_empty[std::size_t(m_depth)])
        indent();
    *reserve(1) = bracket;
    ++m_used;
}

// One ASCII character that needsEscape().
char *JsonStreamWriter::escapedAscii(char *out, char c)
{
    *out++ = '\\';
    switch (c) {
    case '"':
    case '\\':
        *out++ = c;
        break;
    case '\b':
        *out++ = 'b';
        break;
    case '\f':
        *out++ = 'f';
        break;
    case '\n':
        *out++ = 'n';
        break;
    case '\r':
        *out++ = 'r';
        break;
    case '\t':
        *out++ = 't';
        break;
    default:
        static constexpr char Hex[] = "0123456789abcdef";
        *out++ = 'u';
        *out++ = '0';
        *out++ = '0';
        *out++ = Hex[(c >> 4) & 0xf];
        *out++ = Hex[c & 0xf];
        break;
    }
    return out;
}

// [it, end) escaped and as UTF-8; room for MaxCodePointBytes a unit was reserved.
char *JsonStreamWriter::utf16Text(char *out, const char16_t *it, const char16_t *end)
{
    while (it != end) {
        const char16_t c = *it++;
        if (c < 0x80) {
            if (needsEscape(c))
                out = escapedAscii(out, char(c));
            else
                *out++ = char(c);
            continue;
        }
        char32_t codePoint = c;
        if (QChar::isSurrogate(c)) {
            if (QChar::isHighSurrogate(c) && it != end && QChar::isLowSurrogate(*it))
                codePoint = QChar::surrogateToUcs4(c, *it++);
            else
                codePoint = QChar::ReplacementCharacter;
        }
        out = putUtf8(out, codePoint);
    }
    return out;
}

char *JsonStreamWriter::latin1Text(char *out, const char *it, const char *end)
{
    while (it != end) {
        const auto c = char16_t(uchar(*it++));
        if (c >= 0x80)
            out = putUtf8(out, c);
        else if (needsEscape(c))
            out = escapedAscii(out, char(c));
        else
            *out++ = char(c);
    }
    return out;
}

void JsonStreamWriter::value(QStringView text)
{
    *beforeValue(1) = '"';
    ++m_used;
    const char16_t *it = text.utf16();
    const char16_t *const end = it + text.size();
    while (it != end) {
        // As much as surely fits, MaxCodePointBytes a unit; a surrogate pair stays in one piece.
        if (m_capacity - m_used < 16 * MaxCodePointBytes)
            drain();
        const auto units = std::min<std::size_t>(std::size_t(end - it), (m_capacity - m_used) / MaxCodePointBytes);
        const char16_t *pieceEnd = it + units;
        if (pieceEnd != end && QChar::isHighSurrogate(pieceEnd[-1]))
            --pieceEnd;
        m_used = std::size_t(utf16Text(m_buffer.get() + m_used, it, pieceEnd) - m_buffer.get());
        it = pieceEnd;
    }
    *reserve(1) = '"';
    ++m_used;
}

void JsonStreamWriter::value(QLatin1StringView text)
{
    *beforeValue(1) = '"';
    ++m_used;
    const char *it = text.data();
    const char *const end = it + text.size();
    while (it != end) {
        if (m_capacity - m_used < 16 * MaxCodePointBytes)
            drain();
        const auto bytes = std::min<std::size_t>(std::size_t(end - it), (m_capacity - m_used) / MaxCodePointBytes);
        m_used = std::size_t(latin1Text(m_buffer.get() + m_used, it, it + bytes) - m_buffer.get());
        it += bytes;
    }
    *reserve(1) = '"';
    ++m_used;
}

} // namespace TcpLens
