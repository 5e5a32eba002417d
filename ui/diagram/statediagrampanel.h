// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionevent.h"
#include "tracking/connectionstep.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace TcpLens {

class LiveConnections;
class StateDiagramView;
class TransitionPlayer;

// The state diagram with its playback bar (pause, speed, step back and forward, what waits), as the
// main window docks it.
class StateDiagramPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StateDiagramPanel(QWidget *parent = nullptr);

    StateDiagramView *view() const { return m_view; }
    TransitionPlayer *player() const { return m_player; }
    // Animates the transitions of `connections` (not owned) and shows its state counts.
    void setConnections(LiveConnections *connections);
    // The playback rates the speed box offers, live first.
    static QList<double> playbackRates();
    // What the caption under the bar says: while paused, what waits and what the last step played.
    QString captionText() const;

public Q_SLOTS:
    void setStateCounts(const QHash<TcpLens::TcpState, int> &counts);
    // Transition events animate; the others are ignored.
    void addEvents(const TcpLens::ConnectionEvents &events);
    // One connection's path, highlighted with its entry times; empty for none.
    void setHighlightedPath(const QList<TcpLens::ConnectionStep> &path);
    // The states a selected sysctl governs, marked apart from the path; `caption` says which key.
    void setHighlightedStates(const QList<TcpLens::TcpState> &states, const QString &caption = {});
    void togglePaused();
    void stepForward();
    void stepBackward();
    // 1, 0.5, 0.2, 0.1 or 0.05 (other values are accepted by the player and shown as "custom").
    void setPlaybackRate(double rate);

Q_SIGNALS:
    void stateClicked(TcpLens::TcpState state);

private:
    void updateControls();
    void updateCaption();

    TransitionPlayer *m_player = nullptr;
    StateDiagramView *m_view = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QToolButton *m_backButton = nullptr;
    QToolButton *m_forwardButton = nullptr;
    QComboBox *m_speedBox = nullptr;
    QLabel *m_waitingLabel = nullptr;
    QLabel *m_caption = nullptr;
    // Counts that came while paused: the boxes hold still with the tokens and take them on resume.
    QHash<TcpState, int> m_heldCounts;
    bool m_countsHeld = false;
};

} // namespace TcpLens
