// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "tracking/connectionevent.h"
#include "tracking/tcpstatemachine.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace TcpLens {

// The playback queue of the state diagram: turns the tracker's transitions into tokens that travel
// along the diagram's edges, without painting anything.
//
// A loopback handshake takes 100 µs, so real time gaps are useless for animation: every step of a
// connection plays for the same visible travel time (BaseTravelMs at rate 1, scaled by 1/rate), and
// the steps of one connection play one after another. Steps of different connections that start in
// the same frame on the same edge with the same knowledge travel as one token with a count, and at
// most MaxTokens tokens are in flight, so 10,000 transitions at once stay one smooth frame.
//
// Time comes from an injectable clock (milliseconds, monotonic), so tests drive it by hand. The
// frame timer runs only while a token moves: an idle or paused diagram costs no CPU.
class TransitionPlayer : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    static constexpr int BaseTravelMs = 400; // one step's travel at rate 1
    static constexpr int MaxTokens = 48; // tokens in flight at once
    static constexpr int MaxWaiting = 100000; // queued steps while playing; more are dropped (counted)
    // Queued steps while paused: what a person can step through. Newer steps are dropped (counted)
    // rather than the older ones, so stepping goes on from where the pause began.
    static constexpr int MaxWaitingWhilePaused = 1000;
    static constexpr int HistoryLimit = 256; // played tokens that stepBackward() can take back
    static constexpr int FrameIntervalMs = 16;

    // One queued or playing step of one connection.
    struct Step
    {
        quint64 connectionId = 0;
        const TcpTransition *edge = nullptr;
        StepKnowledge knowledge = StepKnowledge::Polled;
        qint64 timeNs = 0;
    };

    // What the view draws: a token on an edge.
    struct Token
    {
        const TcpTransition *edge = nullptr;
        StepKnowledge knowledge = StepKnowledge::Polled;
        int count = 0; // connections the token stands for
        double progress = 0; // 0 at the edge's start, 1 at its end
        bool reverse = false; // moving back (stepBackward())
    };

    // What the last press of step forward or back played.
    struct StepInfo
    {
        const TcpTransition *edge = nullptr; // nullptr: no step since the pause
        StepKnowledge knowledge = StepKnowledge::Polled;
        int connections = 0; // the connections the token stands for
        qint64 timeNs = 0; // when the (first) connection made the step, CLOCK_MONOTONIC
        bool backward = false;
        int number = 0; // steps played forward since the pause, this one included
    };

    explicit TransitionPlayer(QObject *parent = nullptr);

    // Replaces the clock (default: a QElapsedTimer); resets the player's notion of "now".
    void setClock(Clock clock);

    // Queues the Transition events along legal edges; others are ignored.
    void addEvents(const ConnectionEvents &events);
    // Drops everything queued, in flight and in the history.
    void clear();

    QList<Token> tokens() const;
    int tokensInFlight() const { return int(m_flights.size()); }
    int waitingCount() const { return int(m_waiting.size()); }
    int droppedCount() const { return m_dropped; }
    // The bound that applies now: MaxWaiting, or MaxWaitingWhilePaused.
    int waitingLimit() const { return m_paused ? MaxWaitingWhilePaused : MaxWaiting; }
    const StepInfo &lastStep() const { return m_lastStep; }
    int historySize() const { return int(m_history.size()); }
    bool isPaused() const { return m_paused; }
    double rate() const { return m_rate; }
    // The frame timer runs (a token is moving).
    bool isAnimating() const { return m_frameTimer.isActive(); }
    // How long one step travels at the current rate, in clock milliseconds.
    double travelMs() const { return BaseTravelMs / m_rate; }

public Q_SLOTS:
    void setPaused(bool paused);
    void togglePaused() { setPaused(!m_paused); }
    // 1 is live; 0.5, 0.2, 0.1, 0.05 slow motion. Clamped to [0.01, 4].
    void setRate(double rate);
    // Pauses, finishes what is in flight, and plays the next queued step (one token).
    bool stepForward();
    // Pauses and takes back one step: the one in flight, or else the last one played. Its token
    // travels back, and the step waits at the front of the queue again.
    bool stepBackward();
    // Reads the clock, moves the tokens, lands the ones that arrive and starts the next steps.
    void advance();

Q_SIGNALS:
    void changed(); // tokens moved, started or landed
    void waitingChanged(int waiting);
    void pausedChanged(bool paused);
    void rateChanged(double rate);
    void stepped(); // stepForward() or stepBackward() played a step: see lastStep()

private:
    struct Flight
    {
        const TcpTransition *edge = nullptr;
        StepKnowledge knowledge = StepKnowledge::Polled;
        double startMs = 0; // play time
        double startProgress = 0; // a reverse flight starts where its token was
        bool reverse = false;
        QList<Step> steps;
    };

    double progressOf(const Flight &flight, double playMs) const;
    double endOf(const Flight &flight) const;
    // Starts queued steps whose connection is free. `limitOneToken` is the step button: only the
    // first ready step's token (with the steps that share it).
    void startReady(double atMs, bool limitOneToken);
    void land(double atMs);
    void requeueFront(const QList<Step> &steps);
    void syncTimer();
    void markBusy(const Flight &flight, int delta);

    Clock m_clock;
    QTimer m_frameTimer;
    qint64 m_lastClockMs = 0;
    double m_playMs = 0; // advances with the clock times the rate, only while playing or stepping
    double m_rate = 1.0;
    bool m_paused = false;
    bool m_stepping = false; // paused, but a stepped token is moving
    std::deque<Step> m_waiting;
    std::vector<Flight> m_flights;
    std::deque<Flight> m_history;
    QHash<quint64, int> m_busy; // connections with a token in flight
    int m_dropped = 0;
    StepInfo m_lastStep;
};

} // namespace TcpLens
