// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingplayer.h"

#include "record/observationcodec.h"
#include "record/recordingreader.h"
#include "record/snapshotcodec.h"

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// Rows read per query: a few minutes of a busy recording, a handful of key frames at most.
constexpr qint64 PageSpan = 1024;
// The timer never sleeps longer, so pause, speed and seek take effect at once.
constexpr int MaximumSleepMs = 100;

// The sockets and their states, the part of a snapshot a transition changes.
bool sameSocketsAndStates(const SocketSnapshot &a, const SocketSnapshot &b)
{
    if (a.isNull() || a.sockets().size() != b.sockets().size())
        return false;
    QHash<quint64, TcpState> states;
    states.reserve(qsizetype(a.sockets().size()));
    for (const SocketRecord &socket : a.sockets())
        states.insert(socket.cookie, socket.state);
    for (const SocketRecord &socket : b.sockets()) {
        const auto found = states.constFind(socket.cookie);
        if (found == states.cend() || *found != socket.state)
            return false;
    }
    return true;
}

} // namespace

RecordingPlayer::RecordingPlayer(QString path, Options options)
    : m_path(std::move(path))
    , m_options(options)
    , m_timer(this) // a child moves to the worker's thread with it (moveToThread())
{
    m_options.speed = std::clamp(m_options.speed, MinimumSpeed, MaximumSpeed);
    m_paused = m_options.startPaused;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RecordingPlayer::play);
}

RecordingPlayer::~RecordingPlayer() = default;

void RecordingPlayer::start()
{
    // The reader's SQL connection belongs to this thread.
    auto reader = RecordingReader::open(m_path);
    if (!reader) {
        fail(reader.error());
        return;
    }
    m_reader = std::move(*reader);
    m_nextSequence = m_reader->info().firstSequence;
    Q_EMIT opened(m_reader->info());
    if (m_options.startNs != 0) {
        seek(m_options.startNs);
        return;
    }
    anchor(m_reader->info().firstNs);
    m_timer.start(0);
}

void RecordingPlayer::fail(const QString &message)
{
    m_failed = true;
    m_timer.stop();
    Q_EMIT failed(message);
}

qint64 RecordingPlayer::position() const
{
    if (m_paused || m_stepping || !m_anchorClock.isValid())
        return m_anchorPositionNs;
    return m_anchorPositionNs + qint64(double(m_anchorClock.nsecsElapsed()) * m_options.speed);
}

void RecordingPlayer::anchor(qint64 positionNs)
{
    m_anchorPositionNs = positionNs;
    m_anchorClock.start();
}

void RecordingPlayer::setPaused(bool paused)
{
    if (!m_reader) {
        // Before start(): start there.
        m_paused = paused;
        return;
    }
    if (paused == m_paused)
        return;
    // The position stays where it was: resuming goes on from there, not from where the clock is.
    anchor(position());
    m_paused = paused;
    Q_EMIT positionChanged(m_anchorPositionNs, m_paused);
    if (!m_paused)
        m_timer.start(0);
}

void RecordingPlayer::setSpeed(double speed)
{
    anchor(position());
    m_options.speed = std::clamp(speed, MinimumSpeed, MaximumSpeed);
    if (m_reader && !m_paused)
        m_timer.start(0);
}

const RecordedRow *RecordingPlayer::peek()
{
    while (m_pageIndex >= m_page.size()) {
        if (m_nextSequence > m_reader->info().lastSequence)
            return nullptr;
        auto rows = m_reader->rows(m_nextSequence, PageSpan);
        if (!rows) {
            fail(rows.error());
            return nullptr;
        }
        m_page = std::move(*rows);
        m_pageIndex = 0;
        m_nextSequence += PageSpan;
    }
    return &m_page[m_pageIndex];
}

void RecordingPlayer::play()
{
    if (!m_reader || m_failed)
        return;
    // Paused, the rows up to the position still go out: those a seek passed over.
    for (;;) {
        const RecordedRow *row = peek();
        if (!row) {
            if (m_failed)
                return;
            m_stepping = false;
            if (!m_finished) {
                m_finished = true;
                anchor(position());
                m_paused = true;
                Q_EMIT positionChanged(m_anchorPositionNs, true);
                Q_EMIT finished();
            }
            return;
        }
        const qint64 now = position();
        if (!m_stepping && row->timeNs > now) {
            if (m_paused)
                return;
            const double waitMs = double(row->timeNs - now) / 1e6 / m_options.speed;
            m_timer.start(std::clamp(int(waitMs), 1, MaximumSleepMs));
            return;
        }
        const RecordedRow current = *row;
        ++m_pageIndex;
        const Emitted emitted = emitRow(current);
        if (m_failed)
            return;
        if (m_stepping) {
            m_anchorPositionNs = std::max(m_anchorPositionNs, current.timeNs);
            if (emitted == Emitted::Transition) {
                m_stepping = false;
                m_paused = true;
                anchor(m_anchorPositionNs);
                Q_EMIT positionChanged(m_anchorPositionNs, true);
                return;
            }
        } else if (current.kind == RecordKind::Snapshot) {
            Q_EMIT positionChanged(current.timeNs, false);
        }
    }
}

void RecordingPlayer::emitSnapshot(SocketSnapshot::Data &&data, bool transitionCheck, Emitted *emitted)
{
    SocketSnapshot recorded(std::move(data));
    if (transitionCheck && emitted)
        *emitted = sameSocketsAndStates(m_current, recorded) ? Emitted::Row : Emitted::Transition;
    m_current = recorded;
    // The pipeline drops a snapshot whose generation is not newer than the last (the stale rule): a
    // seek back, or a recording of two sources one after the other, is renumbered on from the last.
    if (recorded.generation() > m_lastGeneration) {
        m_lastGeneration = recorded.generation();
        Q_EMIT snapshotReady(recorded);
        return;
    }
    SocketSnapshot::Data renumbered = recorded.data();
    renumbered.generation = ++m_lastGeneration;
    Q_EMIT snapshotReady(SocketSnapshot(std::move(renumbered)));
}

RecordingPlayer::Emitted RecordingPlayer::emitRow(const RecordedRow &row)
{
    auto damaged = [&](const QString &error) {
        fail(u"%1 is damaged at row %2 (%3): replay stopped there"_s.arg(m_path).arg(row.sequence).arg(error));
        return Emitted::Nothing;
    };
    switch (row.kind) {
    case RecordKind::Snapshot: {
        auto decoded = decodeSnapshot(row.data, &m_current);
        if (!decoded)
            return damaged(decoded.error());
        Emitted emitted = Emitted::Row;
        emitSnapshot(std::move(*decoded), true, &emitted);
        return emitted;
    }
    case RecordKind::Destroyed: {
        auto destroyed = decodeDestroyed(row.data);
        if (!destroyed)
            return damaged(destroyed.error());
        Q_EMIT socketsDestroyed(*destroyed);
        return destroyed->sockets.isEmpty() ? Emitted::Row : Emitted::Transition;
    }
    case RecordKind::StateChanges: {
        auto changes = decodeStateChanges(row.data);
        if (!changes)
            return damaged(changes.error());
        Q_EMIT stateChanges(*changes);
        return changes->isEmpty() ? Emitted::Row : Emitted::Transition;
    }
    case RecordKind::ConnectionEventBatch:
        // What the pipeline made of the inputs live: the replay's pipeline makes them again.
        return Emitted::Nothing;
    case RecordKind::ListenerSamples: {
        auto batch = decodeListenerBatch(row.data);
        if (!batch)
            return damaged(batch.error());
        for (const ListenerReading &reading : batch->listeners) {
            QList<ListenerSample> &history = m_listenerHistory[reading.cookie];
            history.append(reading.sample);
            const qint64 oldest = batch->monotonicNs - m_listenerWindowNs;
            const auto kept = std::find_if(history.begin(), history.end(),
                [oldest](const ListenerSample &sample) { return sample.timeNs >= oldest; });
            history.erase(history.begin(), kept);
        }
        Q_EMIT listenersSampled(*batch);
        return Emitted::Row;
    }
    case RecordKind::Counters: {
        auto sample = decodeCounterSample(row.data);
        if (!sample)
            return damaged(sample.error());
        Q_EMIT countersSampled(sample->monotonicNs, sample->changes);
        return Emitted::Row;
    }
    case RecordKind::SysctlChange: {
        auto sample = decodeSysctlChange(row.data);
        if (!sample)
            return damaged(sample.error());
        Q_EMIT sysctlChanged(sample->change, sample->monotonicNs);
        return Emitted::Row;
    }
    case RecordKind::SysctlReading: {
        auto sample = decodeSysctlReading(row.data);
        if (!sample)
            return damaged(sample.error());
        Q_EMIT sysctlsRead(sample->monotonicNs, sample->values);
        return Emitted::Row;
    }
    case RecordKind::Marker: {
        auto marker = decodeMarker(row.data);
        if (!marker)
            return damaged(marker.error());
        Q_EMIT markerAdded(*marker);
        return Emitted::Row;
    }
    case RecordKind::ExactMode: {
        auto sample = decodeExactMode(row.data);
        if (!sample)
            return damaged(sample.error());
        if (sample->lostEvents > 0)
            Q_EMIT exactEventsLost(sample->lostEvents);
        else
            Q_EMIT exactModeChanged(sample->active, sample->status);
        return Emitted::Row;
    }
    }
    return Emitted::Nothing;
}

void RecordingPlayer::seek(qint64 timeNs)
{
    if (!m_reader)
        return;
    auto placed = m_reader->snapshotAt(timeNs);
    if (!placed) {
        fail(placed.error());
        return;
    }
    m_page.clear();
    m_pageIndex = 0;
    m_finished = false;
    m_listenerHistory.clear();
    if (placed->snapshot.isNull()) {
        m_nextSequence = m_reader->info().firstSequence;
    } else {
        m_current = {};
        emitSnapshot(SocketSnapshot::Data(placed->snapshot.data()), false, nullptr);
        m_current = placed->snapshot;
        m_nextSequence = placed->sequence + 1;
    }
    // Rows after that snapshot up to `timeNs` follow at once; the rest at their pace.
    anchor(std::max(timeNs, placed->snapshot.isNull() ? timeNs : placed->snapshot.monotonicNs()));
    Q_EMIT positionChanged(m_anchorPositionNs, m_paused);
    m_timer.start(0);
}

void RecordingPlayer::stepToNextTransition()
{
    if (!m_reader)
        return;
    anchor(position());
    m_paused = true;
    m_stepping = true;
    m_timer.start(0);
}

void RecordingPlayer::jumpToNextMarker()
{
    if (!m_reader)
        return;
    // The next marker after the rows emitted so far.
    const qint64 emittedUpTo = m_pageIndex < m_page.size() ? m_page[m_pageIndex].sequence - 1 : m_nextSequence - 1;
    const auto marker = m_reader->nextOfKind(RecordKind::Marker, emittedUpTo);
    if (!marker)
        return;
    seek(marker->timeNs);
}

void RecordingPlayer::requestListenerHistory(quint64 cookie)
{
    Q_EMIT listenerHistoryReady(cookie, m_listenerHistory.value(cookie));
}

} // namespace TcpLens
