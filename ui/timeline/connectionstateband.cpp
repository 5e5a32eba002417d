// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "connectionstateband.h"

#include "connectiontimelinemodel.h"
#include "statecolors.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr qreal Gap = 2; // between segments, so equal neighbours stay apart
constexpr qreal Padding = 8; // around a segment's label

QFont labelFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

QColor outlineOf(const QColor &fill, const QPalette &palette)
{
    return StateColors::isDark(palette) ? fill.lighter(150) : fill.darker(150);
}

} // namespace

ConnectionStateBand::ConnectionStateBand(ConnectionTimelineModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const auto repaint = [this] {
        update();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, repaint);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, repaint);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, repaint);
    connect(m_model, &QAbstractItemModel::dataChanged, this, repaint);
}

int ConnectionStateBand::stripHeight() const
{
    return QFontMetrics(labelFont(font())).height() + 10;
}

QSize ConnectionStateBand::sizeHint() const
{
    return {600, stripHeight() + QFontMetrics(smallFont(font())).height() + 8};
}

QSize ConnectionStateBand::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

QRectF ConnectionStateBand::stripRect() const
{
    return QRectF(1, 1, width() - 2, stripHeight());
}

QList<ConnectionStateBand::Segment> ConnectionStateBand::segments() const
{
    const int count = m_model->rowCount();
    if (count == 0)
        return {};
    const QRectF strip = stripRect();
    const qreal available = strip.width() - Gap * (count - 1);
    const QFontMetricsF metrics(labelFont(font()));
    QList<qreal> durations(count);
    QList<qreal> minimums(count);
    qreal minimumTotal = 0;
    for (int row = 0; row < count; ++row) {
        const QModelIndex index = m_model->index(row, ConnectionTimelineModel::StateColumn);
        durations[row] = qMax<qreal>(0, index.data(ConnectionTimelineModel::DurationNsRole).toLongLong());
        minimums[row] = metrics.horizontalAdvance(index.data().toString()) + 2 * Padding;
        minimumTotal += minimums[row];
    }
    // Too narrow for every label: the minimums shrink together and labels elide.
    if (minimumTotal > available) {
        for (qreal &minimum : minimums)
            minimum *= available / minimumTotal;
    }
    // Proportional widths; a segment below its minimum gets the minimum and leaves the rest of the
    // width to the others, until every segment fits.
    QList<qreal> widths(count, 0);
    QList<bool> fixed(count, false);
    for (bool settled = false; !settled;) {
        settled = true;
        qreal free = available;
        qreal duration = 0;
        int open = 0;
        for (int row = 0; row < count; ++row) {
            if (fixed[row]) {
                free -= minimums[row];
            } else {
                duration += durations[row];
                ++open;
            }
        }
        for (int row = 0; row < count; ++row) {
            if (fixed[row]) {
                widths[row] = minimums[row];
                continue;
            }
            widths[row] = duration > 0 ? durations[row] / duration * free : free / open;
            if (widths[row] < minimums[row]) {
                fixed[row] = true;
                settled = false;
            }
        }
    }
    QList<Segment> result;
    qreal x = strip.left();
    for (int row = 0; row < count; ++row) {
        result.append({QRectF(x, strip.top(), widths[row], strip.height()), row});
        x += widths[row] + Gap;
    }
    return result;
}

void ConnectionStateBand::paintSegment(QPainter &painter, const Segment &segment) const
{
    const QModelIndex index = m_model->index(segment.row, ConnectionTimelineModel::StateColumn);
    const auto state = TcpState(index.data(ConnectionTimelineModel::StateRole).toInt());
    const auto knowledge = StepKnowledge(index.data(ConnectionTimelineModel::KnowledgeRole).toInt());
    const QColor fill = StateColors::color(state, palette());
    const QColor outline = outlineOf(fill, palette());
    const QRectF rect = segment.rect.adjusted(0.5, 0.5, -0.5, -0.5);
    QColor text = palette().color(QPalette::WindowText);
    // Under the step's own brush (solid, hatched or none) a pale fill keeps every state's colour in view.
    if (knowledge != StepKnowledge::Exact) {
        QColor pale = fill;
        pale.setAlphaF(knowledge == StepKnowledge::Polled ? 0.45 : 0.15);
        painter.fillRect(rect, pale);
    }
    painter.fillRect(rect, StateColors::brush(state, knowledge, palette()));
    if (knowledge == StepKnowledge::Exact)
        text = StateColors::textOn(fill, palette());
    QPen pen(outline, 1, StateColors::penStyle(knowledge));
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect);

    const QString label = index.data().toString();
    painter.setFont(labelFont(font()));
    const QRectF textRect = rect.adjusted(Padding / 2, 0, -Padding / 2, 0);
    const QString elided = painter.fontMetrics().elidedText(label, Qt::ElideRight, int(textRect.width()));
    if (knowledge == StepKnowledge::Polled) {
        // The hatch runs under the label: give the text a backing so it stays readable.
        const QRectF backing = painter.fontMetrics()
                                   .boundingRect(textRect.toRect(), Qt::AlignCenter, elided)
                                   .toRectF()
                                   .adjusted(-2, 0, 2, 0)
                                   .intersected(rect.adjusted(1, 1, -1, -1));
        QColor back = palette().color(QPalette::Window);
        back.setAlphaF(0.8);
        painter.fillRect(backing, back);
    }
    painter.setPen(text);
    painter.drawText(textRect, Qt::AlignCenter, elided);
}

qreal ConnectionStateBand::paintLegend(QPainter &painter, const QRectF &area) const
{
    painter.setFont(smallFont(font()));
    const QFontMetricsF metrics(painter.font());
    const qreal swatch = metrics.height() * 0.8;
    const QColor sample = StateColors::color(TcpState::Established, palette());
    const QColor outline = outlineOf(sample, palette());
    struct Entry
    {
        StepKnowledge knowledge;
        QString text;
    };
    const Entry entries[] = {
        {StepKnowledge::Exact, tr("exact")},
        {StepKnowledge::Polled, tr("polled")},
        {StepKnowledge::Inferred, tr("inferred")},
    };
    qreal x = area.right();
    for (auto it = std::rbegin(entries); it != std::rend(entries); ++it) {
        const qreal textWidth = metrics.horizontalAdvance(it->text);
        x -= textWidth;
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(x, area.top(), textWidth, area.height()), Qt::AlignVCenter | Qt::AlignLeft, it->text);
        x -= swatch + 4;
        const QRectF box(x, area.center().y() - swatch / 2, swatch, swatch);
        if (it->knowledge == StepKnowledge::Polled) {
            QColor pale = sample;
            pale.setAlphaF(0.45);
            painter.fillRect(box, pale);
        }
        painter.fillRect(box, StateColors::brush(TcpState::Established, it->knowledge, palette()));
        painter.setPen(QPen(outline, 1, StateColors::penStyle(it->knowledge)));
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5));
        x -= 12;
    }
    return x;
}

void ConnectionStateBand::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const auto all = segments();
    for (const Segment &segment : all)
        paintSegment(painter, segment);
    const QRectF below(1, stripRect().bottom() + 3, width() - 2, height() - stripRect().bottom() - 4);
    // The legend on the right; the caption takes what is left of the line, shorter when it must.
    const qreal legendLeft = paintLegend(painter, below);
    if (!all.isEmpty()) {
        const auto &connection = m_model->connection();
        painter.setFont(smallFont(font()));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const qint64 endNs = connection.isClosed() ? connection.closedNs : m_model->nowNs();
        const QString span =
            tr("%1 → %2").arg(m_model->timeOfDay(connection.path.constFirst().enteredNs), m_model->timeOfDay(endNs));
        const QRectF room(below.left(), below.top(), std::max<qreal>(0, legendLeft - below.left()), below.height());
        const QFontMetricsF metrics(painter.font());
        QString caption = tr("%1 · widths show durations; short states are widened to stay readable").arg(span);
        if (metrics.horizontalAdvance(caption) > room.width())
            caption = metrics.elidedText(span, Qt::ElideRight, room.width());
        painter.drawText(room, Qt::AlignLeft | Qt::AlignVCenter, caption);
    }
}

bool ConnectionStateBand::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Segment &segment : segments()) {
            if (segment.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), m_model->index(segment.row, 0).data(Qt::ToolTipRole).toString(),
                    this, segment.rect.toRect());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace TcpLens
