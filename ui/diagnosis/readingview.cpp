// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "readingview.h"

#include "diagnosis/problemsmodel.h"
#include "formatting.h"
#include "pipeline/liveconnections.h"
#include "proc/countercatalog.h"
#include "statecolors.h"
#include "sysctl/sysctlcatalog.h"
#include "tracking/tcpstatemachine.h"

#include <QCursor>
#include <QHelpEvent>
#include <QScrollBar>
#include <QToolTip>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr auto LinkScheme = "tcplens:"_L1;

QString makeLink(QLatin1StringView kind, const QString &name)
{
    return QString(LinkScheme) + kind + u'/' + name;
}

const SysctlCatalog *sysctlCatalog()
{
    // Parsed once: the catalog is a resource of the binary and never changes while it runs.
    static const std::expected<SysctlCatalog, QString> catalog = SysctlCatalog::builtIn();
    return catalog ? &*catalog : nullptr;
}

QString paragraph(const QString &text)
{
    return text.isEmpty() ? QString() : u"<p>%1</p>"_s.arg(text.toHtmlEscaped());
}

const SocketRecord *findSocket(const SocketSnapshot &snapshot, quint64 cookie)
{
    if (snapshot.isNull())
        return nullptr;
    for (const SocketRecord &socket : snapshot.sockets()) {
        if (socket.cookie == cookie)
            return &socket;
    }
    return nullptr;
}

} // namespace

ReadingView::ReadingView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    // Without a frame, the text needs its own air from the dock's edges.
    document()->setDocumentMargin(8);
    connect(this, &QTextBrowser::anchorClicked, this, &ReadingView::openLink);
    renew();
}

void ReadingView::setConnections(LiveConnections *connections)
{
    m_connections = connections;
    // The tracking thread reads the socket again after every snapshot.
    connect(connections, &LiveConnections::readingReady, this, [this](quint64 cookie, const SocketReading &reading) {
        if (m_paused || cookie != m_cookie)
            return;
        m_reading = reading;
        m_waiting = false;
        render();
    });
    connect(connections, &LiveConnections::sourceChanged, this, [this] { setCookie(0); });
    renew();
}

void ReadingView::setCookie(quint64 cookie)
{
    if (cookie == m_cookie)
        return;
    m_cookie = cookie;
    renew();
    verticalScrollBar()->setValue(0);
}

void ReadingView::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        renew();
}

void ReadingView::renew()
{
    // The reading comes back through readingReady(); until then the text says what it can.
    m_reading = {};
    m_waiting = m_connections && m_cookie != 0;
    if (m_connections)
        m_connections->setExplainedCookie(m_cookie);
    render();
}

void ReadingView::render()
{
    // The same socket read again: the reader keeps their place.
    const int scrolled = verticalScrollBar()->value();
    setHtml(html());
    verticalScrollBar()->setValue(scrolled);
}

QString ReadingView::html() const
{
    if (m_cookie == 0)
        return tr("<p>Select a row of the table: here is why its socket is where it is, from its state, timer, "
                  "queues, tcp_info, owner and the sysctls in force, each fact linked to its explanation.</p>");
    if (m_waiting)
        return tr("<p>Reading the selected socket…</p>");
    if (m_reading.sentences.isEmpty())
        return tr("<p>The selected socket is not in the latest dump any more: it closed, or became another socket "
                  "(a request's child, a TIME-WAIT socket). Select its new row to read it.</p>");

    const QPalette palette = this->palette();
    const QString quiet = palette.color(QPalette::PlaceholderText).name();
    QString html;
    if (const SocketRecord *socket = findSocket(m_connections->latest(), m_cookie)) {
        const QString remote =
            socket->displayState() == TcpState::Listen ? QString() : u" → "_s + socket->remoteEndpoint();
        html += u"<p style='margin-bottom:4px'><b>%1</b> %2%3</p>"_s.arg(
            Formatting::stateLabel(socket->state).toHtmlEscaped(), socket->localEndpoint().toHtmlEscaped(),
            remote.toHtmlEscaped());
    }
    const DiagnosisRuleSet &rules = m_connections->diagnoser().rules();
    const auto severityOf = [&](const QString &ruleId) {
        const DiagnosisRule *rule = rules.find(ruleId);
        return rule ? rule->severity : DiagnosisRule::Severity::Info;
    };
    if (m_reading.severity) {
        QStringList titles;
        for (const QString &ruleId : m_reading.ruleIds) {
            const DiagnosisRule *rule = rules.find(ruleId);
            titles.append((rule ? rule->title : ruleId).toHtmlEscaped());
        }
        html += u"<p style='margin-top:0'><span style='color:%1'><b>● %2</b></span> %3</p>"_s.arg(
            StateColors::severityColor(*m_reading.severity, palette).name(),
            ProblemsModel::severityText(*m_reading.severity).toHtmlEscaped(), titles.join(u"; "_s));
    } else {
        html += tr("<p style='margin-top:0;color:%1'>Nothing wrong found with this socket.</p>").arg(quiet);
    }
    for (const DiagnosisSentence &sentence : m_reading.sentences) {
        // A rule's sentence carries its severity's colour; the state's own reading stays plain.
        const QString mark = sentence.ruleId.isEmpty()
            ? QString()
            : u"<span style='color:%1'>▍</span>"_s.arg(
                  StateColors::severityColor(severityOf(sentence.ruleId), palette).name());
        html += u"<p style='margin-top:6px;margin-bottom:0'>%1%2</p>"_s.arg(mark, sentence.text.toHtmlEscaped());
        if (sentence.evidence.isEmpty())
            continue;
        QStringList items;
        for (const DiagnosisEvidence &evidence : sentence.evidence) {
            const QString link = evidenceLink(evidence);
            const QString value = link.isEmpty()
                ? evidence.value.toHtmlEscaped()
                : u"<a href=\"%1\">%2</a>"_s.arg(link.toHtmlEscaped(), evidence.value.toHtmlEscaped());
            items.append(u"%1: %2"_s.arg(evidence.label.toHtmlEscaped(), value));
        }
        html += u"<p style='margin-top:1px;margin-left:14px'><small><span style='color:%1'>%2</span></small></p>"_s.arg(
            quiet, items.join(u" · "_s));
    }
    if (!m_reading.fixes.isEmpty()) {
        html += tr("<p style='margin-top:10px;margin-bottom:2px'><b>What addresses it</b></p>");
        html += u"<ul style='margin-top:0'>"_s;
        for (const QString &fix : m_reading.fixes)
            html += u"<li>%1</li>"_s.arg(fix.toHtmlEscaped());
        html += u"</ul>"_s;
    }
    return html;
}

QString ReadingView::evidenceLink(const DiagnosisEvidence &evidence)
{
    if (evidence.key.isEmpty())
        return {};
    switch (evidence.kind) {
    case DiagnosisEvidence::Kind::State:
        return makeLink("state"_L1, evidence.key);
    case DiagnosisEvidence::Kind::Sysctl:
        return makeLink("sysctl"_L1, evidence.key);
    case DiagnosisEvidence::Kind::Counter:
        return makeLink("counter"_L1, evidence.key);
    default:
        return {};
    }
}

QString ReadingView::linkExplanation(const QString &link)
{
    if (!link.startsWith(LinkScheme))
        return {};
    const QStringView rest = QStringView(link).mid(LinkScheme.size());
    const qsizetype slash = rest.indexOf(u'/');
    if (slash < 0)
        return {};
    const QStringView kind = rest.left(slash);
    const QString name = rest.mid(slash + 1).toString();
    if (kind == u"sysctl") {
        const SysctlCatalog *catalog = sysctlCatalog();
        const SysctlEntry *entry = catalog ? catalog->find(name) : nullptr;
        if (!entry)
            return {};
        return u"<p><b>%1</b></p>"_s.arg(entry->key.toHtmlEscaped()) + paragraph(entry->summary) +
            paragraph(entry->explanation) + tr("<p><i>Click to open it in the Sysctls panel.</i></p>");
    }
    if (kind == u"counter") {
        const CounterDescription *counter = CounterCatalog::builtIn().find(name.toLatin1());
        if (!counter)
            return {};
        return u"<p><b>%1</b></p>"_s.arg(QString::fromLatin1(counter->name).toHtmlEscaped()) +
            paragraph(counter->explanation) +
            (counter->netstatText.isEmpty()
                    ? QString()
                    : tr("<p><code>netstat -s</code>: “%1”</p>").arg(counter->netstatText.toHtmlEscaped()));
    }
    if (kind == u"state") {
        const std::optional<TcpState> state = stateFromName(name);
        if (!state)
            return {};
        const TcpStateDescription &description = TcpStateMachine::describe(*state);
        return u"<p><b>%1</b></p>"_s.arg(Formatting::stateLabel(*state).toHtmlEscaped()) +
            paragraph(TcpStateMachine::summaryText(description));
    }
    return {};
}

void ReadingView::openLink(const QUrl &url)
{
    const QString link = url.toString();
    const QString sysctlPrefix = makeLink("sysctl"_L1, QString());
    if (link.startsWith(sysctlPrefix)) {
        Q_EMIT sysctlRequested(link.mid(sysctlPrefix.size()));
        return;
    }
    // A click on a state or a counter shows what a hover shows, for those who click first.
    const QString explanation = linkExplanation(link);
    if (!explanation.isEmpty())
        QToolTip::showText(QCursor::pos(), explanation, viewport());
}

bool ReadingView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString explanation = linkExplanation(anchorAt(help->pos()));
        if (explanation.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), explanation, viewport());
        return true;
    }
    return QTextBrowser::viewportEvent(event);
}

void ReadingView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    // The severity colours are in the HTML: a new palette (dark theme) wants them again.
    if (event->type() == QEvent::PaletteChange)
        renew();
}

} // namespace TcpLens
