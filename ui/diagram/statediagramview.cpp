// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "statediagramview.h"

#include "diagram/transitionplayer.h"
#include "formatting.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

QColor mix(const QColor &a, const QColor &b, double amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
        float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
        float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

enum class PathGroup { Client, Server, Simultaneous, Abort };

PathGroup groupOf(TransitionPath path)
{
    switch (path) {
    case TransitionPath::ActiveOpen:
    case TransitionPath::ActiveClose:
        return PathGroup::Client;
    case TransitionPath::PassiveOpen:
    case TransitionPath::PassiveClose:
        return PathGroup::Server;
    case TransitionPath::SimultaneousOpen:
    case TransitionPath::SimultaneousClose:
        return PathGroup::Simultaneous;
    case TransitionPath::Abort:
        break;
    }
    return PathGroup::Abort;
}

QString joined(std::span<const QLatin1StringView> names)
{
    QStringList list;
    for (const auto name : names)
        list.append(QString(name).toHtmlEscaped());
    return list.join(u", "_s);
}

} // namespace

StateDiagramView::StateDiagramView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    relayout();
}

void StateDiagramView::setPlayer(TransitionPlayer *player)
{
    if (m_player)
        disconnect(m_player, nullptr, this, nullptr);
    m_player = player;
    if (m_player)
        connect(m_player, &TransitionPlayer::changed, this, qOverload<>(&QWidget::update));
    update();
}

void StateDiagramView::setStateCounts(const QHash<TcpState, int> &counts)
{
    if (counts == m_counts)
        return;
    m_counts = counts;
    update();
}

void StateDiagramView::setHighlightedPath(const QList<ConnectionStep> &path)
{
    m_path = path;
    update();
}

void StateDiagramView::setHighlightedStates(const QList<TcpState> &states, const QString &caption)
{
    if (states == m_highlightedStates && caption == m_highlightCaption)
        return;
    m_highlightedStates = states;
    m_highlightCaption = states.isEmpty() ? QString() : caption;
    update();
}

QRectF StateDiagramView::stateRect(TcpState state) const
{
    return m_layout.stateRect(state);
}

TcpState StateDiagramView::stateAt(QPointF point) const
{
    for (const auto &box : m_layout.boxes()) {
        if (box.rect.contains(point))
            return box.state;
    }
    return TcpState::Unknown;
}

const TcpTransition *StateDiagramView::edgeAt(QPointF point) const
{
    if (stateAt(point) != TcpState::Unknown)
        return nullptr;
    const double tolerance = std::max(5.0, 4.0 * m_layout.scale());
    const TcpTransition *best = nullptr;
    double bestDistance = tolerance;
    for (const auto &edge : m_layout.edges()) {
        if (!isEdgeShown(edge.transition))
            continue;
        const double distance = StateDiagramLayout::distanceTo(edge.line, point);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = edge.transition;
        }
    }
    return best;
}

QPointF StateDiagramView::edgePoint(const TcpTransition *edge, double t) const
{
    const auto *laid = m_layout.edge(edge);
    return laid ? StateDiagramLayout::pointAlong(laid->line, t) : QPointF();
}

int StateDiagramView::tokensInFlight() const
{
    return m_player ? m_player->tokensInFlight() : 0;
}

QStringList StateDiagramView::pathTimeLabels() const
{
    QStringList labels;
    const auto marks = pathMarks();
    for (const auto &mark : marks)
        labels.append(mark.label);
    return labels;
}

QString StateDiagramView::edgeToolTip(const TcpTransition &edge)
{
    QString group;
    switch (groupOf(edge.path)) {
    case PathGroup::Client:
        group = tr("client");
        break;
    case PathGroup::Server:
        group = tr("server");
        break;
    case PathGroup::Simultaneous:
        group = tr("both ends at once");
        break;
    case PathGroup::Abort:
        group = tr("abort");
        break;
    }
    QString text =
        u"<p style='white-space:pre'><b>%1 → %2</b> <i>(%3: %4)</i></p>"_s.arg(Formatting::stateLabel(edge.from),
            Formatting::stateLabel(edge.to), group, TcpStateMachine::pathText(edge.path));
    text += u"<p>"_s + tr("<b>Event:</b> %1").arg(TcpStateMachine::eventText(edge).toHtmlEscaped());
    text += u"<br>"_s + tr("<b>Kernel:</b> %1").arg(TcpStateMachine::kernelText(edge).toHtmlEscaped());
    if (!edge.sysctls.empty())
        text += u"<br>"_s + tr("<b>Sysctls:</b> %1").arg(joined(edge.sysctls));
    if (!edge.counters.empty())
        text += u"<br>"_s + tr("<b>Counters:</b> %1").arg(joined(edge.counters));
    return text + u"</p>"_s;
}

QString StateDiagramView::stateToolTip(TcpState state) const
{
    const TcpStateDescription &description = TcpStateMachine::describe(state);
    const int count = m_counts.value(state);
    QString text = u"<p style='white-space:pre'><b>%1</b> <i>(ss: %2)</i></p><p>%3"_s.arg(Formatting::stateLabel(state),
        QString(stateName(state)), TcpStateMachine::summaryText(description).toHtmlEscaped());
    if (state == TcpState::NewSynRecv)
        text += u"<br>"_s + tr("<b>Now:</b> %n request socket(s) (SYN queue entries)", nullptr, count);
    else
        text += u"<br>"_s + tr("<b>Now:</b> %n socket(s)", nullptr, count);
    if (!description.sysctls.empty())
        text += u"<br>"_s + tr("<b>Sysctls:</b> %1").arg(joined(description.sysctls));
    if (!description.counters.empty())
        text += u"<br>"_s + tr("<b>Counters:</b> %1").arg(joined(description.counters));
    text += u"</p>"_s;
    QStringList aborts;
    for (const TcpTransition &edge : TcpStateMachine::transitions()) {
        if (edge.from == state && edge.path == TransitionPath::Abort)
            aborts.append(TcpStateMachine::eventText(edge).toHtmlEscaped());
    }
    if (!aborts.isEmpty())
        text += u"<p>"_s + tr("<b>Abort to CLOSED:</b> %1").arg(aborts.join(u"; "_s)) + u"</p>"_s;
    if (m_highlightedStates.contains(state) && !m_highlightCaption.isEmpty())
        text += u"<p><i>"_s + m_highlightCaption.toHtmlEscaped() + u"</i></p>"_s;
    return text;
}

bool StateDiagramView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPointF at = help->pos();
        QString text;
        if (const TcpState state = stateAt(at); state != TcpState::Unknown)
            text = stateToolTip(state);
        else if (const TcpTransition *edge = edgeAt(at))
            text = edgeToolTip(*edge);
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void StateDiagramView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void StateDiagramView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout();
}

void StateDiagramView::mousePressEvent(QMouseEvent *event)
{
    m_pressed = event->button() == Qt::LeftButton ? stateAt(event->position()) : TcpState::Unknown;
    QWidget::mousePressEvent(event);
}

void StateDiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    const TcpState state = stateAt(event->position());
    if (event->button() == Qt::LeftButton && state != TcpState::Unknown && state == m_pressed)
        Q_EMIT stateClicked(state);
    m_pressed = TcpState::Unknown;
    QWidget::mouseReleaseEvent(event);
}

void StateDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    const TcpState state = stateAt(event->position());
    if (state != m_hovered) {
        m_hovered = state;
        setCursor(state == TcpState::Unknown ? Qt::ArrowCursor : Qt::PointingHandCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void StateDiagramView::leaveEvent(QEvent *event)
{
    if (m_hovered != TcpState::Unknown) {
        m_hovered = TcpState::Unknown;
        update();
    }
    QWidget::leaveEvent(event);
}

void StateDiagramView::relayout()
{
    m_layout.layout(size(), font());
    update();
}

bool StateDiagramView::isEdgeShown(const TcpTransition *edge) const
{
    if (edge->path != TransitionPath::Abort)
        return true;
    // Abort edges would cross the whole figure: they show only while used.
    for (qsizetype i = 1; i < m_path.size(); ++i) {
        if (m_path[i - 1].state == edge->from && m_path[i].state == edge->to)
            return true;
    }
    if (m_player) {
        const auto tokens = m_player->tokens();
        for (const auto &token : tokens) {
            if (token.edge == edge)
                return true;
        }
    }
    return false;
}

QRectF StateDiagramView::boxRect(TcpState state, bool end) const
{
    return end ? m_layout.endRect() : m_layout.stateRect(state);
}

QList<StateDiagramView::PathMark> StateDiagramView::pathMarks() const
{
    QList<PathMark> marks;
    if (m_path.isEmpty())
        return marks;
    const qint64 firstNs = m_path.constFirst().enteredNs;
    for (qsizetype i = 0; i < m_path.size(); ++i) {
        const ConnectionStep &step = m_path[i];
        if (step.state == TcpState::Unknown)
            continue;
        bool end = false;
        if (i > 0 && step.state == TcpState::Close) {
            const auto *edge = m_layout.edge(TcpStateMachine::transition(m_path[i - 1].state, step.state));
            end = edge && edge->endsAtEnd;
        }
        QString label;
        // The first step's time of day as the timeline writes it: one clock offset, not "now" read
        // again at each repaint.
        if (i == 0) {
            label = Formatting::timeOfDay(step.enteredNs);
        } else {
            label = Formatting::sinceStart(step.enteredNs - firstNs);
        }
        marks.append({step.state, end, label, step.knowledge});
    }
    return marks;
}

QColor StateDiagramView::pathColour(TransitionPath path) const
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    int hue = 0;
    switch (groupOf(path)) {
    case PathGroup::Client:
        hue = 215;
        break;
    case PathGroup::Server:
        hue = 135;
        break;
    case PathGroup::Simultaneous:
        hue = 290;
        break;
    case PathGroup::Abort:
        hue = 0;
        break;
    }
    return QColor::fromHsl(hue, dark ? 170 : 200, dark ? 165 : 95);
}

QPen StateDiagramView::edgePen(TransitionPath path, double width) const
{
    QPen pen(pathColour(path), width);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::MiterJoin);
    switch (groupOf(path)) {
    case PathGroup::Client:
        break;
    case PathGroup::Server:
        pen.setDashPattern({5, 2.5});
        break;
    case PathGroup::Simultaneous:
        pen.setDashPattern({6, 2, 1.5, 2});
        break;
    case PathGroup::Abort:
        pen.setCapStyle(Qt::RoundCap);
        pen.setDashPattern({0.1, 2.5});
        break;
    }
    return pen;
}

void StateDiagramView::paintEdge(QPainter &painter, const StateDiagramLayout::Edge &edge, bool faint) const
{
    const double scale = m_layout.scale();
    const double width = (faint ? 1.2 : 1.6) * scale;
    QPen pen = edgePen(edge.transition->path, width);
    QColor colour = pen.color();
    if (faint)
        colour.setAlphaF(0.7f);
    pen.setColor(colour);
    const QPolygonF &line = edge.line;
    const QPointF tip = line.last();
    const QPointF direction = StateDiagramLayout::directionAlong(line, 1.0);
    const QPointF normal(-direction.y(), direction.x());
    const double arrowLength = 6.5 * scale + width;
    const double arrowHalfWidth = 3.0 * scale + width / 2;
    const QPointF base = tip - direction * arrowLength;
    QPolygonF shaft = line;
    shaft.last() = base;
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPolyline(shaft);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawPolygon(QPolygonF{tip, base + normal * arrowHalfWidth, base - normal * arrowHalfWidth});
}

void StateDiagramView::paintBox(
    QPainter &painter, const StateDiagramLayout::Box &box, bool onPath, bool highlighted) const
{
    const QPalette &pal = palette();
    const double scale = m_layout.scale();
    const int count = box.end ? 0 : m_counts.value(box.state);
    QColor fill = mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.05);
    if (count > 0)
        fill = mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.16);
    QPen border(mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.6), 1.2 * scale);
    if (box.state == m_hovered)
        border = QPen(pal.color(QPalette::Highlight), 1.8 * scale);
    // A related state is tinted and outlined with dots, so a connection's path (a solid outline)
    // stays readable on top of it.
    if (highlighted) {
        fill = mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.38);
        border = QPen(pal.color(QPalette::Highlight), 2.2 * scale, Qt::DotLine);
    }
    if (onPath)
        border = QPen(pal.color(QPalette::Highlight), 2.6 * scale);
    if (box.end)
        border.setStyle(Qt::DashLine);
    painter.setPen(border);
    painter.setBrush(fill);
    const double radius = 4.0 * scale;
    painter.drawRoundedRect(box.rect, radius, radius);

    const QFontMetricsF nameMetrics(m_layout.nameFont());
    const QFontMetricsF countMetrics(m_layout.countFont());
    const double textHeight = nameMetrics.height() + countMetrics.height();
    const double top = box.rect.center().y() - textHeight / 2;
    const QRectF nameRect(box.rect.left(), top, box.rect.width(), nameMetrics.height());
    const QRectF countRect(box.rect.left(), nameRect.bottom(), box.rect.width(), countMetrics.height());
    painter.setFont(m_layout.nameFont());
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(nameRect, Qt::AlignCenter, Formatting::stateLabel(box.state));
    painter.setFont(m_layout.countFont());
    if (box.end) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(countRect, Qt::AlignCenter, tr("end"));
        return;
    }
    painter.setPen(count > 0 ? pal.color(QPalette::Text) : pal.color(QPalette::PlaceholderText));
    painter.drawText(countRect, Qt::AlignCenter, QLocale().toString(count));
}

void StateDiagramView::paintToken(
    QPainter &painter, QPointF centre, double radius, QColor colour, StepKnowledge knowledge) const
{
    const QPalette &pal = palette();
    const double scale = m_layout.scale();
    switch (knowledge) {
    case StepKnowledge::Exact:
        painter.setPen(QPen(mix(colour, pal.color(QPalette::Text), 0.35), 1.0 * scale));
        painter.setBrush(colour);
        break;
    case StepKnowledge::Polled:
        painter.setPen(QPen(colour, 2.2 * scale));
        painter.setBrush(pal.color(QPalette::Base));
        break;
    case StepKnowledge::Inferred: {
        QPen pen(colour, 1.4 * scale);
        pen.setDashPattern({2, 1.6});
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        break;
    }
    }
    painter.drawEllipse(centre, radius, radius);
}

void StateDiagramView::paintTokens(QPainter &painter) const
{
    if (!m_player)
        return;
    const QPalette &pal = palette();
    const double scale = m_layout.scale();
    const double radius = 5.5 * scale;
    const QFontMetricsF metrics(m_layout.smallFont());
    painter.setFont(m_layout.smallFont());
    const auto tokens = m_player->tokens();
    for (const auto &token : tokens) {
        const auto *edge = m_layout.edge(token.edge);
        if (!edge)
            continue;
        const QPointF at = StateDiagramLayout::pointAlong(edge->line, token.progress);
        paintToken(painter, at, radius, pathColour(token.edge->path), token.knowledge);
        if (token.count < 2)
            continue;
        const QString text = u"×"_s + QLocale().toString(token.count);
        const QSizeF textSize(metrics.horizontalAdvance(text) + 6 * scale, metrics.height());
        const QRectF label(at + QPointF(radius + 1, -radius - textSize.height() + 3 * scale), textSize);
        QColor background = pal.color(QPalette::Base);
        background.setAlphaF(0.85f);
        painter.setPen(Qt::NoPen);
        painter.setBrush(background);
        painter.drawRoundedRect(label, 3 * scale, 3 * scale);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(label, Qt::AlignCenter, text);
    }
}

void StateDiagramView::paintPathMarks(QPainter &painter) const
{
    const auto marks = pathMarks();
    if (marks.isEmpty())
        return;
    const QPalette &pal = palette();
    const double scale = m_layout.scale();
    const QFontMetricsF metrics(m_layout.smallFont());
    painter.setFont(m_layout.smallFont());
    for (const auto &mark : marks) {
        const QRectF box = boxRect(mark.state, mark.end);
        const double marker = metrics.height() * 0.55;
        const QSizeF size(metrics.horizontalAdvance(mark.label) + marker + 9 * scale, metrics.height() + 2 * scale);
        // A badge on the box's top right corner, kept inside the widget.
        QRectF label(QPointF(box.right() - size.width() * 0.55, box.top() - size.height() * 0.7), size);
        label.moveLeft(std::clamp(label.left(), 1.0, width() - label.width() - 1));
        label.moveTop(std::max(label.top(), 1.0));
        painter.setPen(QPen(pal.color(QPalette::Highlight), 1.2 * scale));
        painter.setBrush(pal.color(QPalette::ToolTipBase));
        painter.drawRoundedRect(label, size.height() / 2, size.height() / 2);
        const QPointF markerCentre(label.left() + 3 * scale + marker / 2, label.center().y());
        paintToken(painter, markerCentre, marker / 2, pal.color(QPalette::ToolTipText), mark.knowledge);
        painter.setPen(pal.color(QPalette::ToolTipText));
        painter.drawText(label.adjusted(marker + 5 * scale, 0, -3 * scale, 0), Qt::AlignCenter, mark.label);
    }
}

void StateDiagramView::paintLegends(QPainter &painter) const
{
    const QPalette &pal = palette();
    const double scale = m_layout.scale();
    const QFontMetricsF metrics(m_layout.smallFont());
    const double line = metrics.height();
    const double sample = 26 * scale;
    const double pad = 5 * scale;
    QColor background = pal.color(QPalette::Base);
    background.setAlphaF(0.85f);
    painter.setFont(m_layout.smallFont());

    // The legends fill the corners beside the top CLOSED box and wrap their lines to fit there: in a
    // narrow dock they must neither run under the box nor lose their ends.
    const QRectF closed = m_layout.stateRect(TcpState::Close);
    const auto wrapped = [&](const QString &text, double width) {
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap | Qt::AlignLeft, text);
    };
    const auto drawLegend = [&](double left, double right, bool flushRight, double markWidth, const QStringList &texts,
                                const std::function<void(int, QPointF)> &paintMark) {
        const double textWidth = std::max(40.0, right - left - markWidth - 3 * pad);
        QList<QRectF> bounds;
        double widest = 0;
        double height = pad;
        for (const QString &text : texts) {
            bounds.append(wrapped(text, textWidth));
            widest = std::max(widest, bounds.constLast().width());
            height += std::max(line * 1.1, bounds.constLast().height() + line * 0.1);
        }
        QRectF area(left, pad, markWidth + 3 * pad + widest, height);
        if (flushRight)
            area.moveRight(right);
        painter.setPen(Qt::NoPen);
        painter.setBrush(background);
        painter.drawRect(area);
        double y = area.top() + pad / 2;
        for (int i = 0; i < texts.size(); ++i) {
            const double rowHeight = std::max(line * 1.1, bounds.at(i).height() + line * 0.1);
            paintMark(i, QPointF(area.left() + pad, y + line * 0.55));
            painter.setPen(pal.color(QPalette::Text));
            painter.drawText(QRectF(area.left() + 2 * pad + markWidth, y, widest + pad, rowHeight),
                Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, texts.at(i));
            y += rowHeight;
        }
    };

    const TransitionPath paths[] = {TransitionPath::ActiveOpen, TransitionPath::PassiveOpen,
        TransitionPath::SimultaneousOpen, TransitionPath::Abort};
    drawLegend(pad, closed.left() - pad, false, sample,
        {tr("client: active open / close"), tr("server: passive open / close"), tr("simultaneous open / close"),
            tr("abort to CLOSED (drawn while used)")},
        [&](int i, QPointF start) {
            painter.setPen(edgePen(paths[i], 1.6 * scale));
            painter.drawLine(start, start + QPointF(sample, 0));
        });

    const StepKnowledge kinds[] = {StepKnowledge::Exact, StepKnowledge::Polled, StepKnowledge::Inferred};
    const double radius = 5.0 * scale;
    drawLegend(closed.right() + pad, width() - pad, true, 2 * radius,
        {tr("exact (kernel tracepoint)"), tr("polled (a dump saw it)"), tr("inferred (only legal path)")},
        [&](int i, QPointF start) {
            paintToken(painter, start + QPointF(radius, 0), radius, pal.color(QPalette::Text), kinds[i]);
        });

    // NEW-SYN-RECV is not a state a socket passes through but a SYN queue entry: say so beside it,
    // wrapped into the room left before SYN-SENT.
    const QRectF request = m_layout.stateRect(TcpState::NewSynRecv);
    const double room = m_layout.stateRect(TcpState::SynSent).left() - request.right() - 2 * pad;
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(
        QRectF(request.right() + pad, request.top() - line, std::max(room, 20.0), request.height() + 2 * line),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, tr("request sockets (SYN queue)"));

    const QString hint = m_highlightCaption.isEmpty()
        ? tr("Hover a state or an edge for what causes it and what governs it; click a state to filter.")
        : m_highlightCaption;
    painter.setPen(m_highlightCaption.isEmpty() ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Text));
    const double row = line * 1.1;
    const QRectF hintRect(pad, height() - row - pad / 2, width() - 2 * pad, row);
    painter.drawText(hintRect, Qt::AlignCenter, metrics.elidedText(hint, Qt::ElideRight, hintRect.width()));
}

void StateDiagramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    QList<const TcpTransition *> pathEdges;
    for (qsizetype i = 1; i < m_path.size(); ++i) {
        if (const auto *edge = TcpStateMachine::transition(m_path[i - 1].state, m_path[i].state))
            pathEdges.append(edge);
    }
    // The selected connection's path first, as a wide band under its edges.
    QColor band = palette().color(QPalette::Highlight);
    band.setAlphaF(0.35f);
    for (const auto *transition : std::as_const(pathEdges)) {
        if (const auto *edge = m_layout.edge(transition)) {
            QPen pen(band, 7 * m_layout.scale());
            pen.setCapStyle(Qt::RoundCap);
            pen.setJoinStyle(Qt::RoundJoin);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            painter.drawPolyline(edge->line);
        }
    }

    paintLegends(painter);
    for (const auto &edge : m_layout.edges()) {
        if (isEdgeShown(edge.transition))
            paintEdge(painter, edge, edge.transition->path == TransitionPath::Abort);
    }

    const auto marks = pathMarks();
    for (const auto &box : m_layout.boxes()) {
        const bool onPath = std::any_of(marks.cbegin(), marks.cend(),
            [&](const PathMark &mark) { return mark.state == box.state && mark.end == box.end; });
        const bool highlighted = !box.end && m_highlightedStates.contains(box.state);
        paintBox(painter, box, onPath, highlighted);
    }
    paintPathMarks(painter);
    paintTokens(painter);
}

} // namespace TcpLens
