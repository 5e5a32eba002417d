// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "transitionplayer.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <limits>
#include <memory>

namespace TcpLens {

namespace {

// Played steps kept for stepBackward(), counted in connections: a history of 10,000-connection
// tokens would otherwise hold millions of steps.
constexpr qsizetype HistoryStepLimit = 100000;

int tokenKey(const TcpTransition *edge, StepKnowledge knowledge)
{
    return int(edge - TcpStateMachine::transitions().data()) * 4 + int(knowledge);
}

} // namespace

TransitionPlayer::TransitionPlayer(QObject *parent)
    : QObject(parent)
{
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    m_clock = [elapsed] {
        return elapsed->elapsed();
    };
    m_lastClockMs = m_clock();
    m_frameTimer.setInterval(FrameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &TransitionPlayer::advance);
}

void TransitionPlayer::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_lastClockMs = m_clock();
}

void TransitionPlayer::addEvents(const ConnectionEvents &events)
{
    advance();
    const qsizetype before = m_waiting.size();
    const int droppedBefore = m_dropped;
    for (const ConnectionEvent &event : events) {
        if (event.kind != ConnectionEvent::Kind::Transition)
            continue;
        const TcpTransition *edge = TcpStateMachine::transition(event.from, event.to);
        if (!edge)
            continue; // a port reused under the tracker's eyes: no edge to travel
        if (m_waiting.size() >= std::size_t(waitingLimit())) {
            ++m_dropped;
            continue;
        }
        m_waiting.push_back({event.connectionId, edge, event.knowledge, event.timeNs});
    }
    if (qsizetype(m_waiting.size()) == before && m_dropped == droppedBefore)
        return;
    if (!m_paused) {
        startReady(m_playMs, false);
        Q_EMIT changed();
    }
    Q_EMIT waitingChanged(waitingCount());
    syncTimer();
}

void TransitionPlayer::clear()
{
    m_waiting.clear();
    m_flights.clear();
    m_history.clear();
    m_busy.clear();
    m_dropped = 0;
    m_stepping = false;
    m_lastStep = {};
    syncTimer();
    Q_EMIT changed();
    Q_EMIT waitingChanged(0);
}

QList<TransitionPlayer::Token> TransitionPlayer::tokens() const
{
    QList<Token> tokens;
    tokens.reserve(qsizetype(m_flights.size()));
    for (const Flight &flight : m_flights)
        tokens.append(
            {flight.edge, flight.knowledge, int(flight.steps.size()), progressOf(flight, m_playMs), flight.reverse});
    return tokens;
}

void TransitionPlayer::setPaused(bool paused)
{
    advance();
    m_stepping = false;
    if (m_paused == paused) {
        syncTimer();
        return;
    }
    m_paused = paused;
    m_lastStep = {};
    if (!paused) {
        startReady(m_playMs, false);
        Q_EMIT changed();
        Q_EMIT waitingChanged(waitingCount());
    }
    syncTimer();
    Q_EMIT pausedChanged(paused);
}

void TransitionPlayer::setRate(double rate)
{
    advance(); // the time played so far counts at the old rate
    rate = std::clamp(rate, 0.01, 4.0);
    if (qFuzzyCompare(rate, m_rate))
        return;
    m_rate = rate;
    Q_EMIT rateChanged(rate);
}

bool TransitionPlayer::stepForward()
{
    advance();
    const bool wasPaused = m_paused;
    m_paused = true;
    // What is in flight lands at once, so that one press shows exactly one new step.
    land(std::numeric_limits<double>::infinity());
    if (!wasPaused)
        m_lastStep = {};
    startReady(m_playMs, true);
    m_stepping = !m_flights.empty();
    if (m_stepping) {
        // After land(), what flies is the token this press started.
        const Flight &flight = m_flights.back();
        m_lastStep = {flight.edge, flight.knowledge, int(flight.steps.size()), flight.steps.constFirst().timeNs, false,
            m_lastStep.number + 1};
    }
    syncTimer();
    if (!wasPaused)
        Q_EMIT pausedChanged(true);
    Q_EMIT changed();
    Q_EMIT waitingChanged(waitingCount());
    if (m_stepping)
        Q_EMIT stepped();
    return m_stepping;
}

bool TransitionPlayer::stepBackward()
{
    advance();
    const bool wasPaused = m_paused;
    m_paused = true;
    if (!wasPaused)
        m_lastStep = {};
    bool reverted = false;
    const Flight *taken = nullptr;
    // Taken back in reverse order, so that the queue's front is in the order the steps came.
    for (auto it = m_flights.rbegin(); it != m_flights.rend(); ++it) {
        if (it->reverse)
            continue;
        it->startProgress = progressOf(*it, m_playMs);
        it->startMs = m_playMs;
        it->reverse = true;
        requeueFront(it->steps);
        reverted = true;
        taken = &*it;
    }
    if (!reverted && !m_history.empty()) {
        Flight flight = std::move(m_history.back());
        m_history.pop_back();
        flight.reverse = true;
        flight.startProgress = 1;
        flight.startMs = m_playMs;
        markBusy(flight, +1); // its steps must not start again before the token is back
        requeueFront(flight.steps);
        m_flights.push_back(std::move(flight));
        reverted = true;
        taken = &m_flights.back();
    }
    if (taken)
        m_lastStep = {taken->edge, taken->knowledge, int(taken->steps.size()), taken->steps.constFirst().timeNs, true,
            std::max(0, m_lastStep.number - 1)};
    m_stepping = reverted || m_stepping;
    syncTimer();
    if (!wasPaused)
        Q_EMIT pausedChanged(true);
    if (reverted) {
        Q_EMIT changed();
        Q_EMIT waitingChanged(waitingCount());
        Q_EMIT stepped();
    }
    return reverted;
}

void TransitionPlayer::advance()
{
    const qint64 now = m_clock();
    const qint64 delta = std::max<qint64>(0, now - m_lastClockMs);
    m_lastClockMs = now;
    const bool moving = !m_paused || m_stepping;
    if (!moving || m_flights.empty()) {
        if (moving)
            m_playMs += double(delta) * m_rate;
        return;
    }
    const double target = m_playMs + double(delta) * m_rate;
    const qsizetype waitingBefore = m_waiting.size();
    // Land the tokens in the order they arrive, and start each connection's next step exactly when
    // its previous one arrived, so that slow frames do not stretch a sequence.
    while (!m_flights.empty()) {
        double earliest = std::numeric_limits<double>::infinity();
        for (const Flight &flight : m_flights)
            earliest = std::min(earliest, endOf(flight));
        if (earliest > target)
            break;
        earliest = std::max(earliest, m_playMs);
        m_playMs = earliest;
        land(earliest);
        if (!m_paused)
            startReady(earliest, false);
    }
    m_playMs = target;
    if (m_paused && m_flights.empty())
        m_stepping = false;
    syncTimer();
    Q_EMIT changed();
    if (qsizetype(m_waiting.size()) != waitingBefore)
        Q_EMIT waitingChanged(waitingCount());
}

double TransitionPlayer::progressOf(const Flight &flight, double playMs) const
{
    const double travelled = (playMs - flight.startMs) / BaseTravelMs;
    if (flight.reverse)
        return std::clamp(flight.startProgress - travelled, 0.0, 1.0);
    return std::clamp(flight.startProgress + travelled, 0.0, 1.0);
}

double TransitionPlayer::endOf(const Flight &flight) const
{
    if (flight.reverse)
        return flight.startMs + flight.startProgress * BaseTravelMs;
    return flight.startMs + (1.0 - flight.startProgress) * BaseTravelMs;
}

void TransitionPlayer::startReady(double atMs, bool limitOneToken)
{
    if (m_waiting.empty())
        return;
    // Connections whose earlier step could not start: their later steps must wait behind it.
    QSet<quint64> blocked;
    QHash<int, std::size_t> startedNow; // token key -> index in m_flights
    int onlyKey = -1;
    std::deque<Step> rest;
    for (Step &step : m_waiting) {
        if (m_busy.contains(step.connectionId) || blocked.contains(step.connectionId)) {
            rest.push_back(step);
            continue;
        }
        const int key = tokenKey(step.edge, step.knowledge);
        if (limitOneToken) {
            if (onlyKey < 0)
                onlyKey = key;
            if (key != onlyKey) {
                blocked.insert(step.connectionId);
                rest.push_back(step);
                continue;
            }
        }
        auto found = startedNow.constFind(key);
        std::size_t index = 0;
        if (found != startedNow.cend()) {
            index = *found;
        } else if (m_flights.size() < std::size_t(MaxTokens)) {
            index = m_flights.size();
            m_flights.push_back({step.edge, step.knowledge, atMs, 0, false, {}});
            startedNow.insert(key, index);
        } else {
            blocked.insert(step.connectionId);
            rest.push_back(step);
            continue;
        }
        m_flights[index].steps.append(step);
        ++m_busy[step.connectionId];
    }
    m_waiting.swap(rest);
}

void TransitionPlayer::land(double atMs)
{
    std::vector<Flight> flying;
    flying.reserve(m_flights.size());
    for (Flight &flight : m_flights) {
        if (endOf(flight) > atMs) {
            flying.push_back(std::move(flight));
            continue;
        }
        markBusy(flight, -1);
        if (flight.reverse)
            continue;
        m_history.push_back(std::move(flight));
    }
    m_flights.swap(flying);
    qsizetype steps = 0;
    for (const Flight &flight : m_history)
        steps += flight.steps.size();
    while (!m_history.empty() && (m_history.size() > std::size_t(HistoryLimit) || steps > HistoryStepLimit)) {
        steps -= m_history.front().steps.size();
        m_history.pop_front();
    }
}

void TransitionPlayer::requeueFront(const QList<Step> &steps)
{
    for (auto it = steps.crbegin(); it != steps.crend(); ++it)
        m_waiting.push_front(*it);
}

void TransitionPlayer::markBusy(const Flight &flight, int delta)
{
    for (const Step &step : flight.steps) {
        auto it = m_busy.find(step.connectionId);
        if (it == m_busy.end()) {
            if (delta > 0)
                m_busy.insert(step.connectionId, delta);
            continue;
        }
        *it += delta;
        if (*it <= 0)
            m_busy.erase(it);
    }
}

void TransitionPlayer::syncTimer()
{
    const bool needed = !m_flights.empty() && (!m_paused || m_stepping);
    if (needed && !m_frameTimer.isActive())
        m_frameTimer.start();
    else if (!needed && m_frameTimer.isActive())
        m_frameTimer.stop();
}

} // namespace TcpLens
