// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "diagram/statediagramlayout.h"
#include "tracking/connectionstep.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

namespace TcpLens {

class TransitionPlayer;

// Paints the TCP state diagram: the states with their live counts, the edges by path (client,
// server, simultaneous), the player's tokens travelling along them, and one connection's path with
// the times it entered each state. Hovering shows what causes an edge and what governs a state;
// clicking a state emits stateClicked().
class StateDiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit StateDiagramView(QWidget *parent = nullptr);

    // The player whose tokens the view draws (not owned).
    void setPlayer(TransitionPlayer *player);
    TransitionPlayer *player() const { return m_player; }

    void setStateCounts(const QHash<TcpState, int> &counts);
    int stateCount(TcpState state) const { return m_counts.value(state); }
    // One connection's path (ConnectionStep::enteredNs on CLOCK_MONOTONIC); empty for none.
    void setHighlightedPath(const QList<ConnectionStep> &path);
    QList<ConnectionStep> highlightedPath() const { return m_path; }
    // States to point at apart from any path (those a selected sysctl governs), with a caption that
    // says why they are marked; empty for none.
    void setHighlightedStates(const QList<TcpState> &states, const QString &caption = {});
    QList<TcpState> highlightedStates() const { return m_highlightedStates; }
    QString highlightCaption() const { return m_highlightCaption; }

    // Geometry in widget coordinates, for hit tests and for tests.
    QRectF stateRect(TcpState state) const;
    TcpState stateAt(QPointF point) const; // Unknown outside the boxes
    const TcpTransition *edgeAt(QPointF point) const; // nullptr away from the drawn edges
    // The point at fraction `t` along an edge as drawn; a null point for an edge not in the layout.
    QPointF edgePoint(const TcpTransition *edge, double t) const;
    int tokensInFlight() const;
    // The labels drawn next to the highlighted path, by state ("+0.412 ms", or the wall-clock time
    // of the first step).
    QStringList pathTimeLabels() const;

    static QString edgeToolTip(const TcpTransition &edge);
    QString stateToolTip(TcpState state) const;

    QSize sizeHint() const override { return {640, 440}; }
    // Small enough for the right third of a 1024x700 screen; the layout scales and the legends wrap.
    QSize minimumSizeHint() const override { return {300, 300}; }

Q_SIGNALS:
    void stateClicked(TcpLens::TcpState state);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct PathMark
    {
        TcpState state;
        bool end; // at the bottom CLOSED box
        QString label;
        StepKnowledge knowledge;
    };

    void relayout();
    bool isEdgeShown(const TcpTransition *edge) const;
    QRectF boxRect(TcpState state, bool end) const;
    QList<PathMark> pathMarks() const;
    QColor pathColour(TransitionPath path) const;
    QPen edgePen(TransitionPath path, double width) const;
    void paintEdge(QPainter &painter, const StateDiagramLayout::Edge &edge, bool faint) const;
    void paintBox(QPainter &painter, const StateDiagramLayout::Box &box, bool onPath, bool highlighted) const;
    void paintToken(QPainter &painter, QPointF centre, double radius, QColor colour, StepKnowledge knowledge) const;
    void paintTokens(QPainter &painter) const;
    void paintPathMarks(QPainter &painter) const;
    void paintLegends(QPainter &painter) const;

    StateDiagramLayout m_layout;
    QPointer<TransitionPlayer> m_player;
    QHash<TcpState, int> m_counts;
    QList<ConnectionStep> m_path;
    QList<TcpState> m_highlightedStates;
    QString m_highlightCaption;
    TcpState m_hovered = TcpState::Unknown;
    TcpState m_pressed = TcpState::Unknown;
};

} // namespace TcpLens
