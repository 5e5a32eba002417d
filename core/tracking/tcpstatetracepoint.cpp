// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "tcpstatetracepoint.h"

#include "model/monotonicclock.h"
#include "netlink/uniquefd.h"

#include <QFile>
#include <QLoggingCategory>

#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcTracepoint, "tcplens.core.tracking", QtInfoMsg)

constexpr auto EventDirectory = "events/sock/inet_sock_set_state"_L1;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Reads a small file whole. tracefs and sysfs files report size 0, so read until EOF.
std::expected<QByteArray, int> readSmallFile(const QString &path)
{
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return std::unexpected(errno);
    QByteArray content;
    std::array<char, 4096> chunk;
    for (;;) {
        const auto got = ::read(fd.get(), chunk.data(), chunk.size());
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return std::unexpected(errno);
        }
        if (got == 0)
            return content;
        content.append(chunk.data(), got);
        if (content.size() > 1024 * 1024) // no format or CPU list is this long
            return std::unexpected(EFBIG);
    }
}

QString paranoidLevel()
{
    const auto level = readSmallFile(u"/proc/sys/kernel/perf_event_paranoid"_s);
    return level ? QString::fromLatin1(level->trimmed()) : u"unknown"_s;
}

QString needsPrivilege(const QString &detail)
{
    return u"exact mode needs root or CAP_PERFMON (kernel.perf_event_paranoid=%1); falling back to polling (%2)"_s.arg(
        paranoidLevel(), detail);
}

// "0-3,5,7-8" (cpulist_parse() format, as sysfs prints cpu_online_mask).
QList<int> parseCpuList(QByteArrayView text)
{
    QList<int> cpus;
    for (const QByteArray &token : text.trimmed().toByteArray().split(',')) {
        const QByteArrayView part = token;
        if (part.isEmpty())
            continue;
        const auto dash = part.indexOf('-');
        bool okFirst = false;
        bool okLast = true;
        const int first = (dash >= 0 ? part.first(dash) : part).trimmed().toInt(&okFirst);
        const int last = dash >= 0 ? part.sliced(dash + 1).trimmed().toInt(&okLast) : first;
        if (!okFirst || !okLast || first < 0 || last < first || last > 65535)
            return {};
        for (int cpu = first; cpu <= last; ++cpu)
            cpus.append(cpu);
    }
    return cpus;
}

// Finds the event's directory in tracefs, or says why there is none.
std::expected<QString, QString> findEventDirectory(const QString &injectedRoot)
{
    const QStringList roots = injectedRoot.isEmpty()
        ? QStringList{u"/sys/kernel/tracing"_s, u"/sys/kernel/debug/tracing"_s}
        : QStringList{injectedRoot};
    bool anyMounted = false;
    for (const QString &root : roots) {
        struct stat info;
        const QString directory = root + u'/' + EventDirectory;
        if (::stat(QFile::encodeName(directory).constData(), &info) == 0)
            return directory;
        const int error = errno;
        // debugfs and tracefs are mode 0700: an ordinary user cannot even look.
        if (error == EACCES || error == EPERM)
            return std::unexpected(needsPrivilege(u"cannot look into %1: %2"_s.arg(root, errnoText(error))));
        // tracefs is there (it has events/) but this kernel has no such event.
        if (::stat(QFile::encodeName(root + u"/events"_s).constData(), &info) == 0)
            anyMounted = true;
    }
    if (anyMounted)
        return std::unexpected(u"this kernel has no tracepoint sock:inet_sock_set_state (Linux 4.16 added it); "
                               "exact mode is not available"_s);
    if (injectedRoot.isEmpty())
        return std::unexpected(u"exact mode needs tracefs: mount -t tracefs nodev /sys/kernel/tracing (as root)"_s);
    return std::unexpected(u"exact mode needs tracefs at %1: mount -t tracefs nodev %1 (as root)"_s.arg(injectedRoot));
}

long perfEventOpen(perf_event_attr &attr, pid_t pid, int cpu)
{
    return ::syscall(SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

} // namespace

// One CPU's perf event and its mmap()ed ring: a control page (struct perf_event_mmap_page), then
// 2^n data pages that the kernel writes and we read.
class TcpStateTracepoint::Ring
{
public:
    Ring(int cpu, UniqueFd fd, void *base, std::size_t length)
        : m_cpu(cpu)
        , m_fd(std::move(fd))
        , m_base(base)
        , m_length(length)
    {
    }
    Ring(Ring &&other) noexcept
        : tally(other.tally)
        , m_cpu(other.m_cpu)
        , m_fd(std::move(other.m_fd))
        , m_base(std::exchange(other.m_base, nullptr))
        , m_length(std::exchange(other.m_length, 0))
    {
    }
    Ring &operator=(Ring &&other) noexcept
    {
        if (this != &other) {
            unmap();
            tally = other.tally;
            m_cpu = other.m_cpu;
            m_fd = std::move(other.m_fd);
            m_base = std::exchange(other.m_base, nullptr);
            m_length = std::exchange(other.m_length, 0);
        }
        return *this;
    }
    Ring(const Ring &) = delete;
    Ring &operator=(const Ring &) = delete;
    ~Ring() { unmap(); }

    // What this ring delivered, against what its perf event counted (countUnwritten()).
    struct Tally
    {
        quint64 samples = 0; // PERF_RECORD_SAMPLE records read
        quint64 lost = 0; // events PERF_RECORD_LOST records reported
        qint64 checkNs = -1; // when the event's count was last read; -1: never
        quint64 checkCount = 0; // the count then
        quint64 checkSamples = 0; // samples stamped up to checkNs, read by now
        quint64 unwritten = 0; // counted up to checkNs with no record, as reported
    };
    Tally tally;

    int cpu() const { return m_cpu; }
    int fd() const { return m_fd.get(); }
    perf_event_mmap_page *control() const { return static_cast<perf_event_mmap_page *>(m_base); }
    std::span<const std::byte> data() const
    {
        const perf_event_mmap_page *page = control();
        const std::size_t pageSize = std::size_t(::sysconf(_SC_PAGESIZE));
        // data_offset/data_size exist since Linux 4.1; before, the data follows the first page.
        const std::size_t offset = page->data_size != 0 ? std::size_t(page->data_offset) : pageSize;
        const std::size_t size = page->data_size != 0 ? std::size_t(page->data_size) : m_length - pageSize;
        return {static_cast<const std::byte *>(m_base) + offset, size};
    }

private:
    void unmap()
    {
        if (m_base)
            ::munmap(m_base, m_length);
        m_base = nullptr;
    }

    int m_cpu = -1;
    UniqueFd m_fd;
    void *m_base = nullptr;
    std::size_t m_length = 0;
};

std::expected<TcpStateTracepoint, QString> TcpStateTracepoint::open()
{
    return open(Options{});
}

std::expected<TcpStateTracepoint, QString> TcpStateTracepoint::open(const Options &options)
{
    const auto eventDirectory = findEventDirectory(options.tracefsRoot);
    if (!eventDirectory)
        return std::unexpected(eventDirectory.error());

    const auto readEventFile = [&](QLatin1StringView name) -> std::expected<QByteArray, QString> {
        const QString path = *eventDirectory + u'/' + name;
        auto content = readSmallFile(path);
        if (content)
            return *content;
        if (content.error() == EACCES || content.error() == EPERM)
            return std::unexpected(needsPrivilege(u"cannot read %1: %2"_s.arg(path, errnoText(content.error()))));
        return std::unexpected(u"cannot read %1: %2"_s.arg(path, errnoText(content.error())));
    };
    const auto idText = readEventFile("id"_L1);
    if (!idText)
        return std::unexpected(idText.error());
    bool idOk = false;
    const quint32 id = idText->trimmed().toUInt(&idOk);
    if (!idOk || id == 0)
        return std::unexpected(u"%1/id holds no event id"_s.arg(*eventDirectory));
    const auto formatText = readEventFile("format"_L1);
    if (!formatText)
        return std::unexpected(formatText.error());
    auto format = TracepointFormat::parse(*formatText);
    if (!format)
        return std::unexpected(u"cannot use %1/format: %2"_s.arg(*eventDirectory, format.error().message));
    if (format->id() != 0 && format->id() != id)
        return std::unexpected(
            u"%1: the id file says %2, the format %3"_s.arg(*eventDirectory).arg(id).arg(format->id()));

    QList<int> cpus;
    if (const auto online = readSmallFile(options.sysfsRoot + u"/devices/system/cpu/online"_s))
        cpus = parseCpuList(*online);
    if (cpus.isEmpty()) {
        for (long cpu = 0, count = ::sysconf(_SC_NPROCESSORS_CONF); cpu < count; ++cpu)
            cpus.append(int(cpu));
    }

    const std::size_t pageSize = std::size_t(::sysconf(_SC_PAGESIZE));
    // perf_mmap() accepts only 2^n data pages.
    const std::size_t dataPages = std::bit_ceil(std::size_t(std::clamp(options.ringPages, 1, 1 << 16)));
    const std::size_t mapLength = (dataPages + 1) * pageSize;
    const QByteArray filter = options.filter.toLatin1();

    std::vector<Ring> rings;
    for (const int cpu : std::as_const(cpus)) {
        perf_event_attr attr{};
        attr.size = sizeof attr;
        attr.type = PERF_TYPE_TRACEPOINT;
        attr.config = id;
        attr.sample_period = 1; // every event, not a statistical sample
        attr.sample_type = PERF_SAMPLE_TIME | PERF_SAMPLE_CPU | PERF_SAMPLE_RAW;
        // Timestamps on the clock the rest of the app uses (perf's default is local_clock()).
        attr.use_clockid = 1;
        attr.clockid = CLOCK_MONOTONIC;
        attr.disabled = 1; // enabled once every CPU is set up and filtered
        if (options.wakeupWatermarkBytes > 0) {
            attr.watermark = 1;
            attr.wakeup_watermark = options.wakeupWatermarkBytes;
        } else {
            attr.wakeup_events = 1;
        }
        UniqueFd fd(int(perfEventOpen(attr, -1, cpu)));
        if (!fd) {
            const int error = errno;
            // Offline since we read the list (CPU hotplug): nothing to watch there.
            if (error == ENODEV && cpus.size() > 1)
                continue;
            // A CPU-wide event needs CAP_PERFMON once kernel.perf_event_paranoid > 0 (perf_allow_cpu()),
            // raw tracepoint samples unless it is -1 (perf_trace_event_perm() -> perf_allow_tracepoint()).
            if (error == EACCES || error == EPERM)
                return std::unexpected(needsPrivilege(u"perf_event_open: %1"_s.arg(errnoText(error))));
            if (error == ENOSYS)
                return std::unexpected(
                    u"this kernel has no perf events (CONFIG_PERF_EVENTS); exact mode is not available"_s);
            return std::unexpected(
                u"perf_event_open for tracepoint %1 on CPU %2 failed: %3"_s.arg(id).arg(cpu).arg(errnoText(error)));
        }
        if (!filter.isEmpty() && ::ioctl(fd.get(), PERF_EVENT_IOC_SET_FILTER, filter.constData()) < 0) {
            const int error = errno;
            return std::unexpected(u"the filter \"%1\" does not suit sock:inet_sock_set_state: %2"_s.arg(
                options.filter, errnoText(error)));
        }
        // Writable, so that data_tail tells the kernel what we consumed and it never overwrites
        // unread records (perf_output_begin() drops them instead and counts PERF_RECORD_LOST).
        void *base = ::mmap(nullptr, mapLength, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
        if (base == MAP_FAILED) {
            const int error = errno;
            return std::unexpected(u"cannot map the ring buffer of CPU %1 (%2 pages): %3; fewer ring pages or a higher "
                                   "kernel.perf_event_mlock_kb may help"_s.arg(cpu)
                                       .arg(dataPages)
                                       .arg(errnoText(error)));
        }
        rings.emplace_back(cpu, std::move(fd), base, mapLength);
    }
    if (rings.empty())
        return std::unexpected(u"no online CPU to watch"_s);

    for (const Ring &ring : rings) {
        if (::ioctl(ring.fd(), PERF_EVENT_IOC_ENABLE, 0) < 0)
            return std::unexpected(
                u"cannot enable the tracepoint on CPU %1: %2"_s.arg(ring.cpu()).arg(errnoText(errno)));
    }
    qCDebug(lcTracepoint) << "watching sock:inet_sock_set_state (id" << id << ") on" << rings.size() << "CPUs,"
                          << dataPages << "pages each";
    return TcpStateTracepoint(std::move(*format), std::move(rings));
}

TcpStateTracepoint::TcpStateTracepoint(TracepointFormat format, std::vector<Ring> rings)
    : m_format(std::move(format))
    , m_rings(std::move(rings))
{
}

TcpStateTracepoint::TcpStateTracepoint(TcpStateTracepoint &&) noexcept = default;
TcpStateTracepoint &TcpStateTracepoint::operator=(TcpStateTracepoint &&) noexcept = default;
TcpStateTracepoint::~TcpStateTracepoint() = default;

QList<int> TcpStateTracepoint::fds() const
{
    QList<int> result;
    for (const Ring &ring : m_rings)
        result.append(ring.fd());
    return result;
}

QList<int> TcpStateTracepoint::cpus() const
{
    QList<int> result;
    for (const Ring &ring : m_rings)
        result.append(ring.cpu());
    return result;
}

const TracepointFormat &TcpStateTracepoint::format() const
{
    return m_format;
}

quint64 TcpStateTracepoint::lostTotal() const
{
    return m_lostTotal;
}

quint64 TcpStateTracepoint::malformedTotal() const
{
    return m_malformedTotal;
}

void TcpStateTracepoint::setRawSampleSink(RawSampleSink sink)
{
    m_rawSampleSink = std::move(sink);
}

void TcpStateTracepoint::takeSample(std::span<const std::byte> body, std::vector<StateChangeEvent> &events)
{
    // The fields come in sample_type bit order (perf_output_sample()): u64 time; u32 cpu, res;
    // u32 size; char data[size].
    constexpr std::size_t TimeOffset = 0;
    constexpr std::size_t CpuOffset = 8;
    constexpr std::size_t SizeOffset = 16;
    constexpr std::size_t RawOffset = 20;
    quint64 time = 0;
    quint32 cpu = 0;
    quint32 rawSize = 0;
    if (body.size() < RawOffset) {
        ++m_malformedTotal;
        return;
    }
    std::memcpy(&time, body.data() + TimeOffset, sizeof time);
    std::memcpy(&cpu, body.data() + CpuOffset, sizeof cpu);
    std::memcpy(&rawSize, body.data() + SizeOffset, sizeof rawSize);
    if (rawSize > body.size() - RawOffset) {
        ++m_malformedTotal;
        return;
    }
    const auto raw = body.subspan(RawOffset, rawSize);
    if (m_rawSampleSink)
        m_rawSampleSink(int(cpu), qint64(time), raw);
    auto decoded = decodeStateChange(raw, m_format);
    if (decoded) {
        decoded->timeNs = qint64(time);
        decoded->cpu = int(cpu);
        events.push_back(*decoded);
    } else if (decoded.error().kind == StateChangeDecodeFailure::Kind::Malformed) {
        if (m_malformedTotal++ < 10)
            qCWarning(lcTracepoint) << "undecodable sample skipped:" << decoded.error().message;
    }
}

std::expected<int, QString> TcpStateTracepoint::readAvailable(std::vector<StateChangeEvent> &events)
{
    const std::size_t firstNew = events.size();
    quint64 lost = 0;
    for (Ring &ring : m_rings) {
        perf_event_mmap_page *control = ring.control();
        const std::span<const std::byte> data = ring.data();
        const quint64 mask = data.size() - 1;
        // The acquire pairs with the smp_wmb() in perf_output_put_handle() before it publishes
        // data_head: every record below head is written whole.
        const quint64 head = __atomic_load_n(&control->data_head, __ATOMIC_ACQUIRE);
        quint64 tail = __atomic_load_n(&control->data_tail, __ATOMIC_RELAXED);

        // Copies `length` bytes at ring position `position`, which may wrap around the end.
        const auto copyOut = [&](void *to, quint64 position, std::size_t length) {
            const std::size_t start = std::size_t(position & mask);
            const std::size_t first = std::min(length, data.size() - start);
            std::memcpy(to, data.data() + start, first);
            std::memcpy(static_cast<std::byte *>(to) + first, data.data(), length - first);
        };

        while (head - tail >= sizeof(perf_event_header)) {
            perf_event_header header;
            copyOut(&header, tail, sizeof header);
            if (header.size < sizeof header || header.size > head - tail) {
                // The kernel writes whole records; this can only be a ring we misunderstand.
                qCWarning(lcTracepoint) << "ring of CPU" << ring.cpu() << "holds a record of" << header.size
                                        << "bytes with" << (head - tail) << "written; skipping the rest";
                ++m_malformedTotal;
                tail = head;
                break;
            }
            std::span<const std::byte> record;
            const std::size_t start = std::size_t(tail & mask);
            if (start + header.size <= data.size()) {
                record = data.subspan(start, header.size);
            } else {
                m_record.resize(header.size);
                copyOut(m_record.data(), tail, header.size);
                record = m_record;
            }
            const auto body = record.subspan(sizeof header);

            if (header.type == PERF_RECORD_LOST) {
                // struct { u64 id; u64 lost; }: the lost_event of perf_output_begin().
                if (body.size() >= 2 * sizeof(quint64)) {
                    quint64 count;
                    std::memcpy(&count, body.data() + sizeof(quint64), sizeof count);
                    lost += count;
                    ring.tally.lost += count;
                }
            } else if (header.type == PERF_RECORD_SAMPLE) {
                ++ring.tally.samples;
                quint64 stamp = 0; // PERF_SAMPLE_TIME comes first
                if (body.size() >= sizeof stamp)
                    std::memcpy(&stamp, body.data(), sizeof stamp);
                if (qint64(stamp) <= ring.tally.checkNs)
                    ++ring.tally.checkSamples;
                takeSample(body, events);
            }
            // Other record types (throttling, PERF_RECORD_LOST_SAMPLES) say nothing about sockets.
            tail += header.size;
        }
        // The release orders our reads of the records before the kernel may overwrite them:
        // perf_output_begin() reads data_tail, then a full barrier, then writes.
        __atomic_store_n(&control->data_tail, tail, __ATOMIC_RELEASE);
    }
    // Each ring is in time order; the CPUs' rings interleave.
    std::stable_sort(events.begin() + qsizetype(firstNew), events.end(),
        [](const StateChangeEvent &a, const StateChangeEvent &b) { return a.timeNs < b.timeNs; });
    m_lostTotal += lost;
    return int(std::min<quint64>(lost, quint64(std::numeric_limits<int>::max())));
}

std::expected<quint64, QString> TcpStateTracepoint::countUnwritten()
{
    quint64 found = 0;
    for (Ring &ring : m_rings) {
        Ring::Tally &tally = ring.tally;
        // Every event counted by the last check has been written by now, or never will be: its record
        // is stamped after perf_swevent_event() counts it, within microseconds, and a poll later.
        if (tally.checkNs >= 0 && tally.checkCount > tally.checkSamples + tally.lost + tally.unwritten) {
            found += tally.checkCount - tally.checkSamples - tally.lost - tally.unwritten;
            tally.unwritten = tally.checkCount - tally.checkSamples - tally.lost;
        }
        quint64 count = 0;
        if (::read(ring.fd(), &count, sizeof count) != sizeof count)
            return std::unexpected(
                u"cannot read the event count of CPU %1: %2"_s.arg(ring.cpu()).arg(errnoText(errno)));
        tally.checkNs = MonotonicClock::nowNs();
        tally.checkCount = count;
        tally.checkSamples = tally.samples; // all read so far were stamped before now
    }
    m_unwrittenTotal += found;
    return found;
}

quint64 TcpStateTracepoint::unwrittenTotal() const
{
    return m_unwrittenTotal;
}

} // namespace TcpLens
