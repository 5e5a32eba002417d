// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctlexplanationview.h"

#include "charts/timechartview.h"
#include "charts/timelinemarkermodel.h"
#include "charts/timeseriesmodel.h"
#include "formatting.h"
#include "proc/countercatalog.h"

#include <QChart>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {

// How long rates are kept for a chart that is not shown yet.
constexpr qint64 KeptNs = 10LL * 60 * 1'000'000'000;
// A sysctl experiment: change, make traffic, watch a minute.
constexpr qint64 ChartWindowNs = 60LL * 1'000'000'000;
constexpr int MaximumListenersListed = 8;

QString text(const QString &catalogText)
{
    return catalogText.toHtmlEscaped();
}

QString section(const QString &title, const QString &body)
{
    if (body.isEmpty())
        return {};
    return u"<h4 style='margin-bottom:2px'>%1</h4><p style='margin-top:0'>%2</p>"_s.arg(title.toHtmlEscaped(), body);
}

} // namespace

SysctlExplanationView::SysctlExplanationView(const SysctlCatalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_layout(new QVBoxLayout(this))
    , m_text(new QTextBrowser(this))
    , m_chartArea(new QWidget(this))
    , m_noCounters(new QLabel(this))
    , m_listeners(new QLabel(this))
{
    for (const SysctlEntry &entry : m_catalog->entries()) {
        for (const QString &counter : entry.counters) {
            const QByteArray name = counter.toLatin1();
            if (!m_allCounters.contains(name))
                m_allCounters.append(name);
        }
    }
    QStringList names;
    for (const QByteArray &name : std::as_const(m_allCounters))
        names.append(QString::fromLatin1(name));
    m_allRates = new TimeSeriesModel(names, this);

    m_layout->setContentsMargins(0, 0, 0, 0);
    m_text->setObjectName(u"sysctlExplanation"_s);
    m_text->setOpenLinks(false);
    m_text->setMinimumHeight(100);

    m_listeners->setObjectName(u"sysctlListeners"_s);
    m_listeners->setWordWrap(true);
    m_listeners->setTextFormat(Qt::RichText);
    m_listeners->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listeners->setVisible(false);
    // Every listener listed is read; the text above scrolls instead.
    m_listeners->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    auto *chartLayout = new QVBoxLayout(m_chartArea);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    m_noCounters->setForegroundRole(QPalette::PlaceholderText);
    m_noCounters->setWordWrap(true);
    chartLayout->addWidget(m_listeners);
    chartLayout->addWidget(m_noCounters);

    // The text scrolls; the listeners and the chart are read at a glance, so they keep their size
    // (a layout, not a splitter: the chart comes and goes with the key, and a layout follows it).
    m_layout->addWidget(m_text, 1);
    m_layout->addWidget(m_chartArea);
}

SysctlExplanationView::~SysctlExplanationView() = default;

void SysctlExplanationView::setMarkerModel(TimelineMarkerModel *markers)
{
    m_markers = markers;
    if (m_chart && markers)
        m_chart->setMarkerModel(markers);
}

QList<TcpState> SysctlExplanationView::relatedStates(const SysctlEntry &entry)
{
    // The catalog names states as the kernel does (include/net/tcp_states.h without TCP_).
    static const QList<std::pair<QLatin1StringView, TcpState>> kernelNames{
        {"ESTABLISHED"_L1, TcpState::Established},
        {"SYN_SENT"_L1, TcpState::SynSent},
        {"SYN_RECV"_L1, TcpState::SynRecv},
        {"FIN_WAIT1"_L1, TcpState::FinWait1},
        {"FIN_WAIT2"_L1, TcpState::FinWait2},
        {"TIME_WAIT"_L1, TcpState::TimeWait},
        {"CLOSE"_L1, TcpState::Close},
        {"CLOSE_WAIT"_L1, TcpState::CloseWait},
        {"LAST_ACK"_L1, TcpState::LastAck},
        {"LISTEN"_L1, TcpState::Listen},
        {"CLOSING"_L1, TcpState::Closing},
        {"NEW_SYN_RECV"_L1, TcpState::NewSynRecv},
    };
    QList<TcpState> states;
    for (const QString &name : entry.states) {
        for (const auto &[kernelName, state] : kernelNames) {
            if (name == kernelName && !states.contains(state))
                states.append(state);
        }
        // What waits for the final ACK is a request socket in the SYN queue, not a full socket.
        if (name == "SYN_RECV"_L1 && !states.contains(TcpState::NewSynRecv))
            states.append(TcpState::NewSynRecv);
    }
    return states;
}

bool SysctlExplanationView::limitsListenQueues(const SysctlEntry &entry)
{
    return entry.key == u"net.core.somaxconn"_s || entry.key == u"net.ipv4.tcp_max_syn_backlog"_s;
}

QString SysctlExplanationView::explanationHtml(const SysctlEntry &entry, const std::optional<SysctlReading> &reading,
    const SysctlWriteRoute &route, const QPalette &palette)
{
    QString html;
    if (entry.removed) {
        // What someone who searched for an old tuning guide's key needs first.
        html += u"<table width='100%' cellpadding='6' bgcolor='%1'><tr><td>"_s.arg(
                    palette.color(QPalette::AlternateBase).name()) +
            tr("<b>Removed in Linux %1.</b> %2<br><b>What to do:</b> %3")
                .arg(entry.removedIn.toHtmlEscaped(), text(entry.lore), text(entry.whenToChange)) +
            u"</td></tr></table>"_s;
    }
    html += u"<p><b>%1</b></p>"_s.arg(text(entry.summary));

    QStringList facts;
    if (reading && reading->current)
        facts.append(tr("Now: <b>%1</b>").arg(reading->current->toHtmlEscaped()));
    else if (reading && !reading->error.isEmpty())
        facts.append(tr("Now: %1").arg(reading->error.toHtmlEscaped()));
    if (reading && reading->kernelDefault)
        facts.append(tr("kernel default: %1 (%2)")
                .arg(reading->kernelDefault->toHtmlEscaped(), reading->defaultNote.toHtmlEscaped()));
    else if (reading && !reading->defaultNote.isEmpty())
        facts.append(tr("kernel default: %1").arg(reading->defaultNote.toHtmlEscaped()));
    if (!entry.removed) {
        facts.append(entry.scope == SysctlScope::Namespace ? tr("one value per network namespace")
                                                           : tr("global: one value for the whole kernel"));
        if (entry.kernelMin && entry.kernelMax)
            facts.append(tr("the kernel takes %1 to %2").arg(*entry.kernelMin).arg(*entry.kernelMax));
        if (!route.reason.isEmpty())
            facts.append(route.reason.toHtmlEscaped());
    }
    QString onThisKernel = text(entry.explanation);
    if (!facts.isEmpty())
        onThisKernel += u"<br><span style='color:%1'>"_s.arg(palette.color(QPalette::PlaceholderText).name()) +
            facts.join(u" · "_s) + u"</span>"_s;
    html += section(tr("What it does on this kernel"), onThisKernel);
    if (!entry.removed) {
        html += section(tr("When to change it"), text(entry.whenToChange));
        html += section(tr("Trade-off"), text(entry.tradeOff));
        html += section(tr("Where the common advice is wrong"), text(entry.lore));
    }
    if (!entry.history.isEmpty()) {
        QStringList lines;
        for (const SysctlHistoryNote &note : entry.history)
            lines.append(tr("<b>Linux %1:</b> %2").arg(note.version.toHtmlEscaped(), text(note.change)));
        html += section(tr("History"), lines.join(u"<br>"_s));
    }
    QStringList related;
    if (!entry.states.isEmpty()) {
        QStringList states;
        for (const TcpState state : relatedStates(entry))
            states.append(Formatting::stateLabel(state).toHtmlEscaped());
        related.append(tr("States: %1 (marked in the state diagram)").arg(states.join(u", "_s)));
    }
    if (!entry.counters.isEmpty())
        related.append(tr("Counters: %1").arg(entry.counters.join(u", "_s).toHtmlEscaped()));
    html += section(tr("Related"), related.join(u"<br>"_s));
    return html;
}

QString SysctlExplanationView::listenersHtml(
    const SysctlEntry &entry, const std::optional<SysctlReading> &reading, const SocketSnapshot &snapshot)
{
    if (!limitsListenQueues(entry) || snapshot.isNull())
        return {};
    QList<ListenerQueue> listeners = snapshot.listeners();
    // By port, so that rows stay in place from one snapshot to the next.
    const auto portOf = [&snapshot](const ListenerQueue &queue) {
        return queue.socketIndex >= 0 && std::size_t(queue.socketIndex) < snapshot.sockets().size()
            ? snapshot.sockets()[std::size_t(queue.socketIndex)].localPort
            : quint16(0);
    };
    std::stable_sort(listeners.begin(), listeners.end(),
        [&](const ListenerQueue &a, const ListenerQueue &b) { return portOf(a) < portOf(b); });
    if (listeners.isEmpty())
        return tr("No socket listens in this namespace now, so nothing holds a limit from it.");
    bool haveCurrent = false;
    const qint64 current = reading && reading->current ? reading->current->toLongLong(&haveCurrent) : 0;
    const bool somaxconn = entry.key == u"net.core.somaxconn"_s;
    QString html = somaxconn
        ? tr("<b>These %n listener(s) keep the limit they got when they called listen()</b> "
             "(sk_max_ack_backlog = min(backlog, somaxconn) at that moment): a new somaxconn reaches them "
             "only when they listen again.",
              nullptr, int(listeners.size()))
        : tr("<b>It applies to these %n listener(s) at once:</b> tcp_conn_request() reads it for every SYN; with "
             "tcp_syncookies = 0 a listener drops unproven peers once its SYN queue passes 3/4 of it. Each "
             "SYN queue is bounded by its listener's own limit, fixed at listen().",
              nullptr, int(listeners.size()));
    QString rows = u"<tr><th align='left'>%1</th><th align='left'>%2</th><th align='right'>%3</th>"
                   "<th align='right'>%4</th><th align='left'>%5</th></tr>"_s.arg(tr("Listener"), tr("Process"),
                       tr("Limit"), somaxconn ? tr("Accept queue") : tr("SYN queue"), tr("Why this limit"));
    for (qsizetype i = 0; i < listeners.size() && i < MaximumListenersListed; ++i) {
        const ListenerQueue &queue = listeners.at(i);
        QString where = tr("a listener");
        QString who;
        if (queue.socketIndex >= 0 && std::size_t(queue.socketIndex) < snapshot.sockets().size()) {
            const SocketRecord &socket = snapshot.sockets()[std::size_t(queue.socketIndex)];
            where = socket.localEndpoint();
            if (const SocketOwner *owner = snapshot.owner(socket))
                who = owner->command;
        }
        QString note;
        if (somaxconn && haveCurrent) {
            if (queue.acceptQueueLimit == current)
                note = tr("capped by somaxconn now");
            else if (queue.acceptQueueLimit > current)
                note = tr("an older, larger somaxconn");
            else
                note = tr("its own backlog (or an older somaxconn)");
        } else if (!somaxconn && haveCurrent) {
            note = tr("drops from %1 when cookies are off").arg(current * 3 / 4);
        }
        rows += u"<tr><td>%1</td><td>%2</td><td align='right'>%3</td><td align='right'>%4</td><td>%5</td></tr>"_s
                    .arg(where.toHtmlEscaped(), who.toHtmlEscaped())
                    .arg(queue.acceptQueueLimit)
                    .arg(somaxconn ? queue.acceptQueueLength : queue.synQueueLength)
                    .arg(note.toHtmlEscaped());
    }
    QString more;
    if (listeners.size() > MaximumListenersListed)
        more = tr("and %n more", nullptr, int(listeners.size() - MaximumListenersListed));
    return html + u"<table cellspacing='0' cellpadding='3' style='margin-top:4px'>"_s + rows + u"</table>"_s + more;
}

void SysctlExplanationView::showEntry(
    const SysctlEntry *entry, const std::optional<SysctlReading> &reading, const SysctlWriteRoute &route)
{
    const bool newEntry = entry != m_entry;
    m_entry = entry;
    m_reading = reading;
    const int scroll = newEntry ? 0 : m_text->verticalScrollBar()->value();
    m_text->setHtml(entry ? explanationHtml(*entry, reading, route, palette()) : QString());
    m_text->verticalScrollBar()->setValue(scroll);
    if (newEntry) {
        m_listeners->clear();
        m_listeners->setVisible(entry && limitsListenQueues(*entry));
        rebuildChart();
    }
}

QString SysctlExplanationView::explanationText() const
{
    return m_text->toPlainText();
}

QString SysctlExplanationView::listenersText() const
{
    QTextDocument document;
    document.setHtml(m_listeners->text());
    return document.toPlainText();
}

void SysctlExplanationView::rebuildChart()
{
    delete std::exchange(m_chart, nullptr);
    delete std::exchange(m_rates, nullptr);
    m_rateColumns.clear();
    // Without a key the area is empty; a key without counters says so in words.
    m_noCounters->setVisible(m_entry == nullptr);
    m_noCounters->clear();
    if (!m_entry)
        return;
    if (m_entry->counters.isEmpty()) {
        m_noCounters->setText(
            tr("No kernel counter counts what %1 does; watch the states it governs instead.").arg(m_entry->name()));
        m_noCounters->setVisible(true);
        return;
    }
    m_noCounters->setVisible(false);
    QStringList names;
    for (const QString &counter : m_entry->counters) {
        m_rateColumns.append(int(m_allCounters.indexOf(counter.toLatin1())));
        names.append(counter.mid(counter.indexOf(u'.') + 1));
    }
    m_rates = new TimeSeriesModel(names, this);
    // The history gathered while another key was shown: the chart starts full.
    std::vector<qint64> times;
    std::vector<std::vector<double>> values(std::size_t(names.size()));
    for (int row = 0; row < m_allRates->rowCount(); ++row) {
        times.push_back(m_allRates->timeAt(row));
        for (int series = 0; series < m_rateColumns.size(); ++series)
            values[std::size_t(series)].push_back(m_allRates->valueAt(row, m_rateColumns.at(series)));
    }
    m_rates->reset(std::move(times), std::move(values));

    // The unit in the title: a short chart has no height for an axis title.
    m_chart = new TimeChartView(tr("Related counters, per second"), m_chartArea);
    m_chart->setObjectName(u"sysctlCounterChart"_s);
    m_chart->setWindowNs(ChartWindowNs);
    // Counters come once a second: two frames a second keep the time axis moving.
    m_chart->setRefreshMs(500);
    m_chart->setMinimumHeight(150);
    m_chart->chart()->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = m_chart->chart()->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_chart->chart()->legend()->setFont(legendFont);
    const CounterCatalog &counters = CounterCatalog::builtIn();
    for (int series = 0; series < names.size(); ++series) {
        const CounterDescription *description = counters.find(m_entry->counters.at(series).toLatin1());
        const int hue = (series * 360 / int(names.size()) + 200) % 360;
        m_chart->addLine(m_rates, series, TimeChartView::seriesColor(palette(), hue),
            description ? description->explanation : m_entry->counters.at(series));
    }
    if (m_markers)
        m_chart->setMarkerModel(m_markers);
    static_cast<QVBoxLayout *>(m_chartArea->layout())->addWidget(m_chart, 1);
    // A child made after its parent was shown stays hidden until told.
    m_chart->show();
}

void SysctlExplanationView::addCounterChanges(qint64 monotonicNs, const QList<CounterChange> &changes)
{
    QHash<QByteArrayView, double> rates;
    rates.reserve(changes.size());
    for (const CounterChange &change : changes)
        rates.insert(change.name, change.perSecond);
    std::vector<double> values;
    values.reserve(std::size_t(m_allCounters.size()));
    for (const QByteArray &name : std::as_const(m_allCounters))
        values.push_back(rates.value(name, 0.0));
    m_allRates->append(monotonicNs, values);
    m_allRates->removeBefore(monotonicNs - KeptNs);
    if (!m_rates)
        return;
    std::vector<double> shown;
    for (const int column : std::as_const(m_rateColumns))
        shown.push_back(values[std::size_t(column)]);
    m_rates->append(monotonicNs, shown);
    m_rates->removeBefore(monotonicNs - KeptNs);
}

void SysctlExplanationView::showListeners(const SocketSnapshot &snapshot)
{
    if (!m_entry || !limitsListenQueues(*m_entry))
        return;
    m_listeners->setText(listenersHtml(*m_entry, m_reading, snapshot));
}

} // namespace TcpLens
