// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/statechangeevent.h"
#include "tracking/tracepointformat.h"

#include <QList>
#include <QString>

#include <cstddef>
#include <expected>
#include <functional>
#include <span>
#include <vector>

namespace TcpLens {

// "Exact mode": every TCP state change the kernel makes, read from the tracepoint
// sock:inet_sock_set_state through perf_event_open(), one ring buffer per online CPU (CPUs that
// come online later are not watched). No eBPF.
//
// Needs root or CAP_PERFMON: for anyone else perf_event_open() refuses raw tracepoint samples
// unless kernel.perf_event_paranoid is -1 (perf_allow_tracepoint()), and a CPU-wide event once it
// is above 0 (perf_allow_cpu()). tracefs, where the event id and layout are read, must be mounted
// and readable.
//
// The tracepoint is global: it reports sockets of every network namespace, and its events carry no
// namespace. Narrow it with Options::filter (evaluated in the kernel, before a sample is written)
// and match addresses and ports in the caller; two namespaces can still have the same 4-tuple.
// Request sockets and timewait sockets never pass through inet_sk_set_state(), so there is no
// event for them: a server's child appears with LISTEN -> SYN_RECV when the handshake's last ACK
// arrives, and a full socket goes FIN_WAIT2 -> CLOSE when its timewait socket takes over
// (tcp_time_wait() -> tcp_done()).
class TcpStateTracepoint
{
public:
    struct Options
    {
        // Where tracefs is mounted. Empty: /sys/kernel/tracing, then /sys/kernel/debug/tracing.
        QString tracefsRoot;
        // Where sysfs lists the online CPUs (devices/system/cpu/online). Injected for tests.
        QString sysfsRoot = QStringLiteral("/sys");
        // Data pages per CPU ring buffer; rounded up to a power of two (perf_mmap() insists).
        // 256 KiB a CPU: the tracepoint reports every namespace, and a busy host fills a small ring
        // between two reads (each event is about 100 bytes).
        int ringPages = 64;
        // An ftrace filter expression over the event's fields, e.g. "sport == 8080 || dport == 8080"
        // (PERF_EVENT_IOC_SET_FILTER; syntax in Documentation/trace/events.rst). Empty: no filter.
        QString filter;
        // Wake the reader (fds() readable) once this many bytes wait; 0 wakes it for every event. A
        // reader under heavy churn sets it and also drains on a timer.
        quint32 wakeupWatermarkBytes = 0;
    };

    // Raw bytes of every sample before decoding, for recording and for capturing test data.
    using RawSampleSink = std::function<void(int cpu, qint64 timeNs, std::span<const std::byte> raw)>;

    // Opens one perf event and ring buffer per online CPU. The error says what the user can do
    // (mount tracefs, run as root or grant CAP_PERFMON).
    static std::expected<TcpStateTracepoint, QString> open(const Options &options);
    static std::expected<TcpStateTracepoint, QString> open();

    TcpStateTracepoint(TcpStateTracepoint &&) noexcept;
    TcpStateTracepoint &operator=(TcpStateTracepoint &&) noexcept;
    ~TcpStateTracepoint();

    // One descriptor per CPU, readable (for a QSocketNotifier or poll()) when its ring has events
    // past the wakeup point. perf_poll() reports each wakeup once, so drain with readAvailable().
    QList<int> fds() const;
    // The online CPUs watched, in the order of fds().
    QList<int> cpus() const;
    const TracepointFormat &format() const;

    // Drains every ring without blocking and appends the TCP events found, from all CPUs merged and
    // sorted by timeNs. Events of other protocols are skipped. Returns how many events the kernel
    // lost since the last call because a ring was full (PERF_RECORD_LOST): the caller should fall
    // back to a poll to fill that gap. The kernel writes that count in front of the next record that
    // fits, so it arrives after the reader has made room and one more event came. Sorting covers
    // one call: an event still in flight on another CPU may arrive in the next call with an earlier
    // timestamp.
    std::expected<int, QString> readAvailable(std::vector<StateChangeEvent> &events);

    // Events lost since open().
    quint64 lostTotal() const;

    // Events the kernel counted but never wrote to a ring, with no PERF_RECORD_LOST either, found since
    // the last call; call it after readAvailable(), once per poll. Seen on 6.18 (a Firecracker guest,
    // haltpoll idle): every event fired in softirq on top of one CPU's idle task was counted by its perf
    // event (read() shows it) and no record came, so an orphan's FIN_WAIT1 -> FIN_WAIT2 -> CLOSE,
    // which the peer's delayed ACK triggers from a timer, went missing one time in ten or more. The
    // count is the kernel's own: local64_add() in perf_swevent_event() comes before any sampling.
    // An event counted just before one call is judged at the next, when its record is surely written.
    std::expected<quint64, QString> countUnwritten();
    // Such events since open().
    quint64 unwrittenTotal() const;
    // Samples that did not decode (a format the decoder does not understand) since open().
    quint64 malformedTotal() const;

    void setRawSampleSink(RawSampleSink sink);

private:
    class Ring;
    TcpStateTracepoint(TracepointFormat format, std::vector<Ring> rings);
    // Decodes the body of one PERF_RECORD_SAMPLE and appends its event if it is TCP.
    void takeSample(std::span<const std::byte> body, std::vector<StateChangeEvent> &events);

    TracepointFormat m_format;
    std::vector<Ring> m_rings;
    std::vector<std::byte> m_record; // a record that wraps around the ring's end, copied whole
    RawSampleSink m_rawSampleSink;
    quint64 m_lostTotal = 0;
    quint64 m_unwrittenTotal = 0;
    quint64 m_malformedTotal = 0;
};

} // namespace TcpLens
