// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "metricsscrape.h"

#include <QHash>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

using Label = OpenMetricsWriter::Label;

// The listeners that share an address, a port and a command (SO_REUSEPORT groups, or one server's
// dual-stack pair named the same) are one series each: Prometheus refuses two samples with the same
// labels. Their queues and limits add up, which is the capacity the group has.
QList<MetricsScrape::Listener> groupListeners(const QList<MetricsScrape::Listener> &listeners)
{
    QList<MetricsScrape::Listener> grouped;
    QHash<QString, qsizetype> index;
    for (const MetricsScrape::Listener &listener : listeners) {
        MetricsScrape::Listener key = listener;
        key.endpoint = MetricsScrape::addressOf(listener.endpoint);
        key.process = MetricsScrape::commandOf(listener.process);
        const QString id = key.endpoint + u'\n' + QString::number(key.port) + u'\n' + key.process;
        const auto found = index.constFind(id);
        if (found == index.cend()) {
            index.insert(id, grouped.size());
            grouped.append(key);
            continue;
        }
        MetricsScrape::Listener &group = grouped[*found];
        group.acceptQueue += listener.acceptQueue;
        group.acceptQueueLimit += listener.acceptQueueLimit;
        group.synQueue += listener.synQueue;
        group.overflows += listener.overflows;
        group.drops += listener.drops;
    }
    return grouped;
}

void writeListeners(OpenMetricsWriter &writer, const MetricsScrape::Inputs &inputs)
{
    QList<MetricsScrape::Listener> listeners =
        groupListeners(inputs.listeners.value_or(QList<MetricsScrape::Listener>()));
    const qsizetype found = listeners.size();
    // Under the cap every listener stays. Above it, the ones in trouble first (a queue in use, an
    // overflow or drop seen), then by port and address, so the same ones stay from one scrape to
    // the next while nothing happens.
    std::stable_sort(listeners.begin(), listeners.end(), [](const auto &a, const auto &b) {
        const bool aBusy = a.acceptQueue > 0 || a.synQueue > 0 || a.overflows > 0 || a.drops > 0;
        const bool bBusy = b.acceptQueue > 0 || b.synQueue > 0 || b.overflows > 0 || b.drops > 0;
        return std::tie(bBusy, a.port, a.endpoint, a.process) < std::tie(aBusy, b.port, b.endpoint, b.process);
    });
    const qsizetype kept = std::min<qsizetype>(found, std::max(0, inputs.maxListeners));
    listeners.resize(kept);

    writer.beginFamily("tcplens_listeners", OpenMetricsWriter::Type::Gauge,
        u"Listening sockets found (those sharing address, port and process counted once)."_s);
    writer.sample(qint64(found));
    writer.beginFamily("tcplens_listeners_omitted", OpenMetricsWriter::Type::Gauge,
        u"Listening sockets left out of the tcplens_listener_* metrics by --max-listeners."_s);
    writer.sample(qint64(found - kept));

    auto labels = [](const MetricsScrape::Listener &listener) {
        return QList<Label>{
            {"address", listener.endpoint}, {"port", QString::number(listener.port)}, {"process", listener.process}};
    };
    struct Field
    {
        QByteArrayView name;
        OpenMetricsWriter::Type type;
        QString help;
        qint64 (*value)(const MetricsScrape::Listener &);
    };
    const Field fields[] = {
        {"tcplens_listener_accept_queue", OpenMetricsWriter::Type::Gauge,
            u"Connections that completed the handshake and wait for accept() (idiag_rqueue, sk_ack_backlog)."_s,
            [](const MetricsScrape::Listener &l) {
                return qint64(l.acceptQueue);
            }},
        {"tcplens_listener_accept_queue_limit", OpenMetricsWriter::Type::Gauge,
            u"The accept queue's limit: min(backlog, net.core.somaxconn) when listen() was called (idiag_wqueue, "
            "sk_max_ack_backlog). sk_acceptq_is_full() compares with '>', so the queue holds limit + 1."_s,
            [](const MetricsScrape::Listener &l) {
                return qint64(l.acceptQueueLimit);
            }},
        {"tcplens_listener_syn_queue", OpenMetricsWriter::Type::Gauge,
            u"Half-open connections (SYN-RECV request sockets) this listener answered, counted from the dump."_s,
            [](const MetricsScrape::Listener &l) {
                return qint64(l.synQueue);
            }},
        {"tcplens_listener_overflows", OpenMetricsWriter::Type::Counter,
            u"This listener's share of TcpExt.ListenOverflows since the exporter started: overflows counted while "
            "its accept queue was full (the kernel counts them per namespace only)."_s,
            [](const MetricsScrape::Listener &l) {
                return l.overflows;
            }},
        {"tcplens_listener_drops", OpenMetricsWriter::Type::Counter,
            u"This listener's share of TcpExt.ListenDrops beyond the overflows since the exporter started: SYNs "
            "dropped while its SYN queue was full."_s,
            [](const MetricsScrape::Listener &l) {
                return l.drops;
            }},
    };
    for (const Field &field : fields) {
        writer.beginFamily(field.name, field.type, field.help);
        for (const MetricsScrape::Listener &listener : std::as_const(listeners))
            writer.sample(labels(listener), field.value(listener));
    }
    writer.beginFamily("tcplens_listener_unattributed_overflows", OpenMetricsWriter::Type::Counter,
        u"TcpExt.ListenOverflows since the exporter started that no listener could be held responsible for (a "
        "queue filled and drained between two samples)."_s);
    writer.sample(inputs.unattributedOverflows);
    writer.beginFamily("tcplens_listener_unattributed_drops", OpenMetricsWriter::Type::Counter,
        u"TcpExt.ListenDrops beyond the overflows since the exporter started that no listener could be held "
        "responsible for."_s);
    writer.sample(inputs.unattributedDrops);
}

void writeSockets(OpenMetricsWriter &writer, const std::array<qint64, TcpStateCount> &states)
{
    writer.beginFamily("tcplens_sockets", OpenMetricsWriter::Type::Gauge,
        u"TCP sockets of the namespace per state, from one sock_diag dump of every state (names as ss prints "
        "them)."_s);
    // NEW_SYN_RECV is how request sockets live in the kernel; the dump reports them as SYN-RECV
    // (inet_req_diag_fill()), and ss prints one name for both.
    std::array<qint64, TcpStateCount> counts = states;
    counts[int(TcpState::SynRecv)] += std::exchange(counts[int(TcpState::NewSynRecv)], 0);
    for (int state = int(TcpState::Established); state < TcpStateCount; ++state) {
        if (TcpState(state) == TcpState::NewSynRecv)
            continue;
        writer.sample({{"state", QString(stateName(TcpState(state)))}}, counts[std::size_t(state)]);
    }
}

void writeCounters(OpenMetricsWriter &writer, const KernelCounters &counters, const CounterCatalog &catalog)
{
    for (const CounterDescription &description : catalog.counters()) {
        const std::optional<qint64> value = counters.value(description.name);
        // A counter this kernel does not have (TCPFastOpenBlackhole before 4.10) is left out.
        if (!value)
            continue;
        QString help = description.explanation.simplified();
        if (!description.kernelFunction.isEmpty())
            help += u" Kernel: %1. /proc/net name: %2."_s.arg(
                description.kernelFunction, QString::fromUtf8(description.name));
        else
            help += u" /proc/net name: %1."_s.arg(QString::fromUtf8(description.name));
        writer.beginFamily(MetricsScrape::counterMetricName(description.name),
            description.gauge ? OpenMetricsWriter::Type::Gauge : OpenMetricsWriter::Type::Counter, help);
        // The kernel's counters are unsigned long; the few that wrap past 2^63 would read negative.
        writer.sample(std::max<qint64>(*value, 0));
    }
}

void writeSysctls(OpenMetricsWriter &writer, const QList<SysctlReading> &readings, const SysctlCatalog &catalog)
{
    for (const SysctlReading &reading : readings) {
        const SysctlEntry *entry = catalog.find(reading.key);
        if (!entry || !reading.present || !reading.current)
            continue;
        const QStringList parts = reading.current->split(u' ', Qt::SkipEmptyParts);
        const QString help = entry->summary.simplified() + u" (sysctl "_s + entry->key + u')';
        switch (entry->type) {
        case SysctlType::Integer:
        case SysctlType::Boolean:
        case SysctlType::Enum:
        case SysctlType::Bitmask: {
            bool ok = false;
            const qint64 value = parts.value(0).toLongLong(&ok);
            if (parts.size() != 1 || !ok)
                continue;
            writer.beginFamily(MetricsScrape::sysctlMetricName(entry->key), OpenMetricsWriter::Type::Gauge, help);
            writer.sample(value);
            break;
        }
        case SysctlType::Triple:
        case SysctlType::PortRange: {
            QList<qint64> values;
            for (const QString &part : parts) {
                bool ok = false;
                values.append(part.toLongLong(&ok));
                if (!ok)
                    values.clear();
                if (!ok)
                    break;
            }
            if (values.isEmpty())
                continue;
            writer.beginFamily(MetricsScrape::sysctlMetricName(entry->key), OpenMetricsWriter::Type::Gauge, help);
            for (qsizetype i = 0; i < values.size(); ++i) {
                const QString field = entry->fields.value(i, QString::number(i));
                writer.sample({{"field", field}}, values[i]);
            }
            break;
        }
        case SysctlType::Choice:
            // A name (tcp_congestion_control): the usual info-style gauge, 1 with the name as a label.
            if (parts.size() != 1)
                continue;
            writer.beginFamily(MetricsScrape::sysctlMetricName(entry->key), OpenMetricsWriter::Type::Gauge, help);
            writer.sample({{"value", parts.first()}}, qint64(1));
            break;
        case SysctlType::List:
            break; // several names: nothing a gauge says well
        }
    }
}

} // namespace

QByteArray MetricsScrape::counterMetricName(QByteArrayView counter)
{
    // The group is one word as /proc/net writes it ("TcpExt", not "tcp_ext"): the names stay close to
    // node_exporter's node_netstat_TcpExt_ListenOverflows.
    const qsizetype dot = counter.indexOf('.');
    if (dot < 0)
        return "tcplens_kernel_" + OpenMetricsWriter::snakeCase(counter);
    return "tcplens_kernel_" + counter.first(dot).toByteArray().toLower() + '_' +
        OpenMetricsWriter::snakeCase(counter.sliced(dot + 1));
}

QByteArray MetricsScrape::sysctlMetricName(const QString &key)
{
    // Prometheus names spell units out (promtool refuses "_sec"): tcp_fastopen_blackhole_timeout_sec
    // becomes ..._timeout_seconds. The value stays the kernel's.
    QList<QByteArray> words = OpenMetricsWriter::snakeCase(key.toUtf8()).split('_');
    for (QByteArray &word : words) {
        if (word == "sec" || word == "secs")
            word = "seconds";
    }
    return "tcplens_sysctl_" + words.join('_');
}

QString MetricsScrape::addressOf(const QString &endpoint)
{
    const qsizetype colon = endpoint.lastIndexOf(u':');
    QString address = colon < 0 ? endpoint : endpoint.left(colon);
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    return address;
}

QString MetricsScrape::commandOf(const QString &process)
{
    const qsizetype open = process.lastIndexOf(u" ("_s);
    return open > 0 && process.endsWith(u')') ? process.left(open) : process;
}

void MetricsScrape::write(OpenMetricsWriter &writer, const Inputs &inputs)
{
    if (inputs.states)
        writeSockets(writer, *inputs.states);
    writeListeners(writer, inputs);
    if (inputs.counters && inputs.counterCatalog)
        writeCounters(writer, *inputs.counters, *inputs.counterCatalog);
    if (inputs.sysctlCatalog)
        writeSysctls(writer, inputs.sysctls, *inputs.sysctlCatalog);
    writer.beginFamily("tcplens_scrape_collect_seconds", OpenMetricsWriter::Type::Gauge,
        u"What collecting this scrape's values cost: the dump of every socket, /proc/net and /proc/sys."_s);
    writer.sample(QList<Label>(), inputs.collectSeconds < 0 ? 0.0 : inputs.collectSeconds);
    writer.beginFamily("tcplens_scrape_sockets_ok", OpenMetricsWriter::Type::Gauge,
        u"1 when the dump of every socket for tcplens_sockets worked at this scrape, else 0."_s);
    writer.sample(qint64(inputs.states ? 1 : 0));
}

} // namespace TcpLens
