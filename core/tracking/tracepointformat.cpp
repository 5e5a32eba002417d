// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tracepointformat.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// Past the end of any sample: a perf record, raw data included, is at most 65535 bytes
// (perf_event_header::size is a u16).
constexpr quint32 MaximumFieldEnd = 65535;

bool isIdentifier(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    const auto isStart = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!isStart(text.front()))
        return false;
    return std::all_of(text.begin(), text.end(), [&](char c) { return isStart(c) || (c >= '0' && c <= '9'); });
}

// "const void * skaddr" -> "skaddr", "__u8 saddr_v6[16]" -> "saddr_v6". The name is the last word of
// the C declaration the kernel prints (f_show() in kernel/trace/trace_events.c).
QByteArray fieldName(QByteArrayView declaration)
{
    QByteArrayView text = declaration.trimmed();
    if (const auto bracket = text.indexOf('['); bracket >= 0)
        text = text.first(bracket).trimmed();
    qsizetype start = text.size();
    while (start > 0 && text.at(start - 1) != ' ' && text.at(start - 1) != '\t' && text.at(start - 1) != '*')
        --start;
    const QByteArrayView name = text.sliced(start);
    return isIdentifier(name) ? name.toByteArray() : QByteArray();
}

// The value of "key:value" in one `;`-separated part of a field line, or nullopt.
std::optional<quint32> numberAfter(QByteArrayView part, QByteArrayView key)
{
    part = part.trimmed();
    if (!part.startsWith(key) || part.size() <= key.size() || part.at(key.size()) != ':')
        return std::nullopt;
    bool ok = false;
    const uint value = part.sliced(key.size() + 1).trimmed().toUInt(&ok);
    if (!ok)
        return std::nullopt;
    return quint32(value);
}

struct FieldLine
{
    TracepointFormat::Field field;
    bool complete = false; // offset, size and signed all read
};

// One "field:TYPE NAME;\toffset:N;\tsize:N;\tsigned:N;" line (trace_format_open() -> f_show()).
FieldLine parseFieldLine(QByteArrayView line)
{
    FieldLine result;
    const QByteArrayView body = line.sliced(qstrlen("field:"));
    const auto firstSemicolon = body.indexOf(';');
    result.field.name = fieldName(firstSemicolon >= 0 ? body.first(firstSemicolon) : body);
    if (firstSemicolon < 0)
        return result;
    std::optional<quint32> offset;
    std::optional<quint32> size;
    std::optional<quint32> isSigned;
    QByteArrayView rest = body.sliced(firstSemicolon + 1);
    while (!rest.isEmpty()) {
        const auto end = rest.indexOf(';');
        const QByteArrayView part = end >= 0 ? rest.first(end) : rest;
        if (const auto number = numberAfter(part, "offset"))
            offset = number;
        if (const auto number = numberAfter(part, "size"))
            size = number;
        if (const auto number = numberAfter(part, "signed"))
            isSigned = number;
        rest = end >= 0 ? rest.sliced(end + 1) : QByteArrayView();
    }
    if (!offset || !size || !isSigned || *size == 0 || *isSigned > 1)
        return result;
    result.field.offset = *offset;
    result.field.size = *size;
    result.field.isSigned = *isSigned == 1;
    result.complete = true;
    return result;
}

bool isIntegerSize(quint32 size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

// Reads an integer field the format described; nullopt if the sample is too short for it.
std::optional<qint64> readInteger(std::span<const std::byte> sample, const TracepointFormat::Field &field)
{
    if (!isIntegerSize(field.size) || field.offset > sample.size() || sample.size() - field.offset < field.size)
        return std::nullopt;
    const std::byte *at = sample.data() + field.offset;
    // Trace entries are written in the kernel's (= our) byte order by TP_fast_assign.
    switch (field.size) {
    case 1: {
        quint8 value;
        std::memcpy(&value, at, sizeof value);
        return field.isSigned ? qint64(qint8(value)) : qint64(value);
    }
    case 2: {
        quint16 value;
        std::memcpy(&value, at, sizeof value);
        return field.isSigned ? qint64(qint16(value)) : qint64(value);
    }
    case 4: {
        quint32 value;
        std::memcpy(&value, at, sizeof value);
        return field.isSigned ? qint64(qint32(value)) : qint64(value);
    }
    default: {
        quint64 value;
        std::memcpy(&value, at, sizeof value);
        return qint64(value);
    }
    }
}

StateChangeDecodeFailure malformed(qsizetype offset, QString message)
{
    return {StateChangeDecodeFailure::Kind::Malformed, offset, std::move(message)};
}

bool isV4Mapped(std::span<const std::byte> address)
{
    static constexpr std::array<quint8, 12> prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return address.size() == 16 && std::memcmp(address.data(), prefix.data(), prefix.size()) == 0;
}

} // namespace

std::expected<TracepointFormat, TracepointFormat::Error> TracepointFormat::parse(QByteArrayView text)
{
    TracepointFormat format;
    QList<QByteArray> garbled; // names of field lines that could not be read whole
    bool sawFieldLine = false;
    for (QByteArrayView rest = text; !rest.isEmpty();) {
        const auto newline = rest.indexOf('\n');
        const QByteArrayView line = (newline >= 0 ? rest.first(newline) : rest).trimmed();
        rest = newline >= 0 ? rest.sliced(newline + 1) : QByteArrayView();

        if (line.startsWith("name:")) {
            format.m_name = line.sliced(5).trimmed().toByteArray();
        } else if (line.startsWith("ID:")) {
            bool ok = false;
            format.m_id = line.sliced(3).trimmed().toUInt(&ok);
            if (!ok || format.m_id == 0)
                return std::unexpected(Error{"ID", u"the ID line is garbled: \"%1\""_s.arg(QLatin1StringView(line))});
        } else if (line.startsWith("field:")) {
            sawFieldLine = true;
            const FieldLine parsed = parseFieldLine(line);
            if (!parsed.complete) {
                if (!parsed.field.name.isEmpty())
                    garbled.append(parsed.field.name);
                continue;
            }
            if (format.field(parsed.field.name))
                return std::unexpected(
                    Error{parsed.field.name, u"field %1 appears twice"_s.arg(QLatin1StringView(parsed.field.name))});
            format.m_fields.append(parsed.field);
        } else if (line.startsWith("print fmt:")) {
            break; // nothing after it describes the layout
        }
    }
    if (!sawFieldLine)
        return std::unexpected(Error{{}, u"no field: lines; this is not a tracefs event format file"_s});

    // Resolves one field and checks its size; `required` fields must be there.
    const auto resolve = [&](QByteArrayView name, bool required, auto sizeIsValid,
                             Field &into) -> std::optional<Error> {
        const QLatin1StringView printable(name.data(), name.size());
        if (garbled.contains(name))
            return Error{name.toByteArray(), u"field %1 is garbled (no offset, size or signed)"_s.arg(printable)};
        const auto found = format.field(name);
        if (!found) {
            if (!required)
                return std::nullopt;
            return Error{name.toByteArray(), u"field %1 is missing"_s.arg(printable)};
        }
        if (!sizeIsValid(found->size))
            return Error{
                name.toByteArray(), u"field %1 has size %2, which cannot hold it"_s.arg(printable).arg(found->size)};
        if (found->offset > MaximumFieldEnd - found->size)
            return Error{name.toByteArray(),
                u"field %1 ends at %2, past any trace entry"_s.arg(printable).arg(
                    quint64(found->offset) + found->size)};
        into = *found;
        return std::nullopt;
    };
    const auto integer = [](quint32 size) {
        return isIntegerSize(size);
    };
    const auto pointer = [](quint32 size) {
        return size == 4 || size == 8;
    };
    const auto v4Address = [](quint32 size) {
        return size == 4;
    };
    const auto v6Address = [](quint32 size) {
        return size == 16;
    };
    const auto port = [](quint32 size) {
        return size == 2 || size == 4;
    };

    for (const auto &check : {
             resolve("common_type", false, integer, format.m_commonType),
             resolve("skaddr", true, pointer, format.m_skaddr),
             resolve("oldstate", true, integer, format.m_oldstate),
             resolve("newstate", true, integer, format.m_newstate),
             resolve("sport", true, port, format.m_sport),
             resolve("dport", true, port, format.m_dport),
             resolve("family", false, integer, format.m_family),
             resolve("protocol", true, integer, format.m_protocol),
             resolve("saddr", true, v4Address, format.m_saddr),
             resolve("daddr", true, v4Address, format.m_daddr),
             resolve("saddr_v6", true, v6Address, format.m_saddrV6),
             resolve("daddr_v6", true, v6Address, format.m_daddrV6),
         }) {
        if (check)
            return std::unexpected(*check);
    }

    for (const Field *used : {&format.m_commonType, &format.m_skaddr, &format.m_oldstate, &format.m_newstate,
             &format.m_sport, &format.m_dport, &format.m_family, &format.m_protocol, &format.m_saddr, &format.m_daddr,
             &format.m_saddrV6, &format.m_daddrV6}) {
        if (used->isPresent())
            format.m_minimumSampleSize = std::max(format.m_minimumSampleSize, used->offset + used->size);
    }
    return format;
}

std::optional<TracepointFormat::Field> TracepointFormat::field(QByteArrayView name) const
{
    for (const Field &candidate : m_fields) {
        if (candidate.name == name)
            return candidate;
    }
    return std::nullopt;
}

std::expected<StateChangeEvent, StateChangeDecodeFailure> decodeStateChange(
    std::span<const std::byte> rawSample, const TracepointFormat &format)
{
    if (format.minimumSampleSize() == 0)
        return std::unexpected(malformed(0, u"the tracepoint format has no fields"_s));
    if (rawSample.size() < format.minimumSampleSize())
        return std::unexpected(malformed(qsizetype(rawSample.size()),
            u"sample is %1 bytes, the format needs %2"_s.arg(rawSample.size()).arg(format.minimumSampleSize())));

    // Every read below is inside minimumSampleSize(); readInteger() checks once more regardless.
    const auto integer = [&](const TracepointFormat::Field &field) -> std::expected<qint64, StateChangeDecodeFailure> {
        if (auto value = readInteger(rawSample, field))
            return *value;
        return std::unexpected(malformed(field.offset,
            u"field %1 does not fit the %2-byte sample"_s.arg(QLatin1StringView(field.name)).arg(rawSample.size())));
    };
    const auto bytes = [&](const TracepointFormat::Field &field) {
        return rawSample.subspan(field.offset, field.size);
    };

    if (format.commonType().isPresent() && format.id() != 0) {
        const auto type = integer(format.commonType());
        if (!type)
            return std::unexpected(type.error());
        if (*type != qint64(format.id()))
            return std::unexpected(malformed(format.commonType().offset,
                u"sample is of event type %1, not %2 (id %3)"_s.arg(*type)
                    .arg(QLatin1StringView(format.name()))
                    .arg(format.id())));
    }

    const auto protocol = integer(format.protocol());
    if (!protocol)
        return std::unexpected(protocol.error());
    // inet_sk_set_state() fires for every inet protocol that uses it: SCTP and MPTCP too.
    if (*protocol != IPPROTO_TCP)
        return std::unexpected(StateChangeDecodeFailure{StateChangeDecodeFailure::Kind::NotTcp,
            format.protocol().offset, u"protocol %1 is not TCP"_s.arg(*protocol)});

    StateChangeEvent event;
    const auto skaddr = integer(format.skaddr());
    const auto oldState = integer(format.oldstate());
    const auto newState = integer(format.newstate());
    const auto sport = integer(format.sport());
    const auto dport = integer(format.dport());
    for (const auto *value : {&skaddr, &oldState, &newState, &sport, &dport}) {
        if (!*value)
            return std::unexpected(value->error());
    }
    const auto validState = [](qint64 state) {
        return state >= qint64(TcpState::Established) && state <= qint64(TcpState::NewSynRecv);
    };
    if (!validState(*oldState))
        return std::unexpected(
            malformed(format.oldstate().offset, u"old state %1 is not a TCP state"_s.arg(*oldState)));
    if (!validState(*newState))
        return std::unexpected(
            malformed(format.newstate().offset, u"new state %1 is not a TCP state"_s.arg(*newState)));
    // TP_fast_assign stores ntohs(inet->inet_sport): host order, unlike sock_diag's idiag_sport.
    if (*sport < 0 || *sport > 0xffff || *dport < 0 || *dport > 0xffff)
        return std::unexpected(
            malformed(format.sport().offset, u"port %1 or %2 out of range"_s.arg(*sport).arg(*dport)));

    if (format.family().isPresent()) {
        const auto family = integer(format.family());
        if (!family)
            return std::unexpected(family.error());
        if (*family != AF_INET && *family != AF_INET6)
            return std::unexpected(
                malformed(format.family().offset, u"address family %1 is neither AF_INET nor AF_INET6"_s.arg(*family)));
        event.family = quint8(*family);
    } else {
        // Older kernels: TP_fast_assign stores v4-mapped addresses in saddr_v6 for AF_INET sockets.
        // (A dual-stack AF_INET6 socket talking to a v4 peer looks the same and is taken as v4.)
        event.family = isV4Mapped(bytes(format.saddrV6())) ? AF_INET : AF_INET6;
    }

    event.socketAddress = quint64(*skaddr);
    event.oldState = TcpState(*oldState);
    event.newState = TcpState(*newState);
    event.localPort = quint16(*sport);
    event.remotePort = quint16(*dport);
    const bool v4 = event.family == AF_INET;
    const auto local = bytes(v4 ? format.saddr() : format.saddrV6());
    const auto remote = bytes(v4 ? format.daddr() : format.daddrV6());
    std::memcpy(event.localAddress.data(), local.data(), local.size());
    std::memcpy(event.remoteAddress.data(), remote.data(), remote.size());
    return event;
}

} // namespace TcpLens
