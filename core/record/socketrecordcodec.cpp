// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "socketrecordcodec.h"

#include <array>
#include <limits>
#include <type_traits>

namespace TcpLens {

namespace {

struct Field
{
    const char *name;
    quint64 (*get)(const DetailedSocketRecord &);
    bool (*set)(DetailedSocketRecord &, quint64);
};

template<typename T>
bool fits(quint64 value, quint64 maximum = quint64(std::numeric_limits<T>::max()))
{
    return value <= maximum;
}

// A field whose value is a plain unsigned number.
#define TCPLENS_FIELD(path)                                                                                            \
    Field                                                                                                              \
    {                                                                                                                  \
        #path, [](const DetailedSocketRecord &r) { return quint64(r.path); }, [](DetailedSocketRecord &r, quint64 v) { \
            using T = std::remove_cvref_t<decltype(r.path)>;                                                           \
            if (!fits<T>(v))                                                                                           \
                return false;                                                                                          \
            r.path = T(v);                                                                                             \
            return true;                                                                                               \
        }                                                                                                              \
    }
// An enumeration, with the largest value the kernel has for it.
#define TCPLENS_ENUM_FIELD(path, largest)                                                                              \
    Field                                                                                                              \
    {                                                                                                                  \
        #path, [](const DetailedSocketRecord &r) { return quint64(r.path); }, [](DetailedSocketRecord &r, quint64 v) { \
            using T = std::remove_cvref_t<decltype(r.path)>;                                                           \
            if (v > quint64(largest))                                                                                  \
                return false;                                                                                          \
            r.path = T(v);                                                                                             \
            return true;                                                                                               \
        }                                                                                                              \
    }

// The order is the format: a new field goes at the end (and the format's version says so).
const std::array Fields{
    TCPLENS_FIELD(cookie),
    TCPLENS_FIELD(localPort),
    TCPLENS_FIELD(remotePort),
    TCPLENS_FIELD(family),
    TCPLENS_ENUM_FIELD(state, TcpStateCount - 1),
    TCPLENS_ENUM_FIELD(timer, TimerKind::ZeroWindowProbe),
    TCPLENS_FIELD(timerRetransmits),
    TCPLENS_FIELD(timerExpiresMs),
    TCPLENS_FIELD(receiveQueue),
    TCPLENS_FIELD(sendQueue),
    TCPLENS_FIELD(uid),
    TCPLENS_FIELD(inode),
    TCPLENS_FIELD(shutdown),
    TCPLENS_FIELD(congestion),
    TCPLENS_FIELD(flags),
    TCPLENS_FIELD(details.memory.receiveAllocated),
    TCPLENS_FIELD(details.memory.receiveBuffer),
    TCPLENS_FIELD(details.memory.sendQueued),
    TCPLENS_FIELD(details.memory.sendBuffer),
    TCPLENS_FIELD(info.kernelLength),
    TCPLENS_FIELD(details.info.caState),
    TCPLENS_FIELD(info.retransmits),
    TCPLENS_FIELD(info.probes),
    TCPLENS_FIELD(details.info.backoff),
    TCPLENS_FIELD(details.info.options),
    TCPLENS_FIELD(details.info.windowScales),
    TCPLENS_FIELD(details.info.rtoUs),
    TCPLENS_FIELD(info.rttUs),
    TCPLENS_FIELD(details.info.rttVarUs),
    TCPLENS_FIELD(details.info.minRttUs),
    TCPLENS_FIELD(details.info.sendMss),
    TCPLENS_FIELD(info.congestionWindow),
    TCPLENS_FIELD(details.info.slowStartThreshold),
    TCPLENS_FIELD(info.unacked),
    TCPLENS_FIELD(details.info.sacked),
    TCPLENS_FIELD(details.info.lost),
    TCPLENS_FIELD(info.totalRetransmits),
    TCPLENS_FIELD(details.info.notSentBytes),
    TCPLENS_FIELD(info.lastDataSentMs),
    TCPLENS_FIELD(details.info.lastDataReceivedMs),
    TCPLENS_FIELD(info.lastAckReceivedMs),
    TCPLENS_FIELD(info.sendWindow),
    TCPLENS_FIELD(details.info.receiveWindow),
    TCPLENS_FIELD(details.info.pacingRate),
    TCPLENS_FIELD(details.info.deliveryRate),
    TCPLENS_FIELD(details.info.bytesSent),
    TCPLENS_FIELD(info.bytesAcked),
    TCPLENS_FIELD(info.bytesReceived),
    TCPLENS_FIELD(details.info.bytesRetransmitted),
    TCPLENS_FIELD(details.info.busyTimeUs),
    TCPLENS_FIELD(details.info.receiveWindowLimitedUs),
    TCPLENS_FIELD(details.info.sendBufferLimitedUs),
};

#undef TCPLENS_FIELD
#undef TCPLENS_ENUM_FIELD

// The two addresses follow the numbers, 16 raw bytes each.
constexpr int LocalAddressBit = int(Fields.size());
constexpr int RemoteAddressBit = LocalAddressBit + 1;
constexpr int FieldBits = RemoteAddressBit + 1;
static_assert(FieldBits <= 64, "the field mask is one 64-bit varint");

quint64 differences(const DetailedSocketRecord &base, const DetailedSocketRecord &socket)
{
    quint64 mask = 0;
    for (std::size_t i = 0; i < Fields.size(); ++i) {
        if (Fields[i].get(base) != Fields[i].get(socket))
            mask |= quint64(1) << i;
    }
    if (base.localAddress != socket.localAddress)
        mask |= quint64(1) << LocalAddressBit;
    if (base.remoteAddress != socket.remoteAddress)
        mask |= quint64(1) << RemoteAddressBit;
    return mask;
}

} // namespace

bool sameSocketRecord(const DetailedSocketRecord &a, const DetailedSocketRecord &b)
{
    return differences(a, b) == 0;
}

void encodeSocketRecord(ByteWriter &out, const DetailedSocketRecord &base, const DetailedSocketRecord &socket)
{
    const quint64 mask = differences(base, socket);
    out.unsignedNumber(mask);
    for (std::size_t i = 0; i < Fields.size(); ++i) {
        if (mask & (quint64(1) << i))
            out.unsignedNumber(Fields[i].get(socket));
    }
    if (mask & (quint64(1) << LocalAddressBit))
        out.bytes(socket.localAddress);
    if (mask & (quint64(1) << RemoteAddressBit))
        out.bytes(socket.remoteAddress);
}

void decodeSocketRecord(ByteReader &in, DetailedSocketRecord &socket)
{
    const quint64 mask = in.unsignedNumber("socket field mask");
    if (mask >> FieldBits) {
        in.invalid("socket field mask", "names fields this build does not know");
        return;
    }
    for (std::size_t i = 0; i < Fields.size() && !in.failed(); ++i) {
        if (!(mask & (quint64(1) << i)))
            continue;
        const quint64 value = in.unsignedNumber(Fields[i].name);
        if (!in.failed() && !Fields[i].set(socket, value))
            in.invalid(Fields[i].name, "out of range");
    }
    if (mask & (quint64(1) << LocalAddressBit))
        in.bytes(socket.localAddress, "localAddress");
    if (mask & (quint64(1) << RemoteAddressBit))
        in.bytes(socket.remoteAddress, "remoteAddress");
}

} // namespace TcpLens
