// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/statechangeevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstddef>
#include <expected>
#include <optional>
#include <span>

// The layout of the tracepoint sock:inet_sock_set_state as the running kernel describes it in
// tracefs (events/sock/inet_sock_set_state/format), and the decoding of its raw samples. Pure: no
// I/O, so tests feed it captured text and bytes. The layout is read, never assumed, because
// TP_STRUCT__entry in include/trace/events/sock.h has changed over the years (family came after
// the first release, protocol grew from __u8 to __u16 with MPTCP) and 32-bit kernels have 4-byte
// pointers.
namespace TcpLens {

class TracepointFormat
{
public:
    // One `field:` line of the format file.
    struct Field
    {
        QByteArray name; // without the array suffix: "saddr", not "saddr[4]"
        quint32 offset = 0; // from the start of the raw sample, common_* fields included
        quint32 size = 0;
        bool isSigned = false;
        bool isPresent() const { return size != 0; }
    };

    struct Error
    {
        QByteArray field; // the missing or garbled field; empty when the file as a whole is wrong
        QString message;
    };

    // Parses the text of the format file. Fails, naming the field, when a field the decoder needs is
    // missing, garbled (no number where one belongs) or has a size that cannot hold its value.
    static std::expected<TracepointFormat, Error> parse(QByteArrayView text);

    // The event id from the "ID:" line (also in the `id` file); perf_event_attr::config wants it.
    quint32 id() const { return m_id; }
    QByteArray name() const { return m_name; }
    // Every field, in the order of the file, common_* included.
    const QList<Field> &fields() const { return m_fields; }
    std::optional<Field> field(QByteArrayView name) const;

    // The fields decodeStateChange() reads, resolved once, named as in TP_STRUCT__entry.
    const Field &commonType() const { return m_commonType; }
    const Field &skaddr() const { return m_skaddr; }
    const Field &oldstate() const { return m_oldstate; }
    const Field &newstate() const { return m_newstate; }
    const Field &sport() const { return m_sport; }
    const Field &dport() const { return m_dport; }
    // Absent in the first kernels with the event; the family is then told from saddr_v6, which
    // TP_fast_assign fills with a v4-mapped address for AF_INET sockets.
    const Field &family() const { return m_family; }
    const Field &protocol() const { return m_protocol; }
    const Field &saddr() const { return m_saddr; }
    const Field &daddr() const { return m_daddr; }
    const Field &saddrV6() const { return m_saddrV6; }
    const Field &daddrV6() const { return m_daddrV6; }
    // The smallest raw sample that holds every field above.
    quint32 minimumSampleSize() const { return m_minimumSampleSize; }

private:
    quint32 m_id = 0;
    QByteArray m_name;
    QList<Field> m_fields;
    Field m_commonType;
    Field m_skaddr;
    Field m_oldstate;
    Field m_newstate;
    Field m_sport;
    Field m_dport;
    Field m_family;
    Field m_protocol;
    Field m_saddr;
    Field m_daddr;
    Field m_saddrV6;
    Field m_daddrV6;
    quint32 m_minimumSampleSize = 0;
};

struct StateChangeDecodeFailure
{
    enum class Kind : quint8 {
        Malformed, // too short for the format, an unknown state or family: the sample cannot be used
        NotTcp, // a well-formed event of another protocol (SCTP, MPTCP, DCCP): skip it
    };
    Kind kind = Kind::Malformed;
    qsizetype offset = 0; // where in the sample the problem was found
    QString message;
};

// Decodes one PERF_SAMPLE_RAW payload of sock:inet_sock_set_state (the trace entry, common_type
// first) into an event. timeNs and cpu are not part of the payload: the caller sets them from the
// perf record. Never reads outside `rawSample`.
std::expected<StateChangeEvent, StateChangeDecodeFailure> decodeStateChange(
    std::span<const std::byte> rawSample, const TracepointFormat &format);

} // namespace TcpLens
