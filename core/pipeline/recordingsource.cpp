// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordingsource.h"

#include "record/recordingreader.h"

#include <QFileInfo>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

std::expected<std::unique_ptr<RecordingSource>, QString> RecordingSource::open(
    const QString &path, Options options, QObject *parent)
{
    RecordingInfo info;
    {
        auto reader = RecordingReader::open(path);
        if (!reader)
            return std::unexpected(reader.error());
        info = (*reader)->info();
    }
    return std::unique_ptr<RecordingSource>(new RecordingSource(path, info, options, parent));
}

RecordingSource::RecordingSource(const QString &path, const RecordingInfo &info, Options options, QObject *parent)
    : ConnectionSource(parent)
    , m_info(info)
    , m_player(u"tcplens-replay"_s, path, options)
{
    qRegisterMetaType<TcpLens::RecordingInfo>();
    // As LocalKernelSource does: queued into this object's thread, and gone with it.
    RecordingPlayer *player = m_player.worker();
    connect(player, &RecordingPlayer::snapshotReady, this, &ConnectionSource::snapshotReady);
    connect(player, &RecordingPlayer::socketsDestroyed, this, &ConnectionSource::socketsDestroyed);
    connect(player, &RecordingPlayer::stateChanges, this, &ConnectionSource::stateChanges);
    connect(player, &RecordingPlayer::exactModeChanged, this, &ConnectionSource::exactModeChanged);
    connect(player, &RecordingPlayer::exactEventsLost, this, &ConnectionSource::exactEventsLost);
    connect(player, &RecordingPlayer::listenersSampled, this, &ConnectionSource::listenersSampled);
    connect(player, &RecordingPlayer::listenerHistoryReady, this, &ConnectionSource::listenerHistoryReady);
    connect(player, &RecordingPlayer::countersSampled, this, &ConnectionSource::countersSampled);
    connect(player, &RecordingPlayer::sysctlChanged, this, &ConnectionSource::sysctlChanged);
    connect(player, &RecordingPlayer::sysctlsRead, this, &ConnectionSource::sysctlsRead);
    connect(player, &RecordingPlayer::markerAdded, this, &ConnectionSource::markerAdded);
    connect(player, &RecordingPlayer::failed, this, &ConnectionSource::failed);
    m_positionNs = options.startNs != 0 ? options.startNs : info.firstNs;
    connect(player, &RecordingPlayer::positionChanged, this, [this](qint64 timeNs, bool paused) {
        m_positionNs = std::min(timeNs, m_info.lastNs); // its clock runs on after the last row
        Q_EMIT positionChanged(timeNs, paused);
    });
    connect(player, &RecordingPlayer::finished, this, &RecordingSource::finished);
}

RecordingSource::~RecordingSource() = default;

SourceDescription RecordingSource::description() const
{
    SourceDescription description = m_info.description;
    description.kind = SourceDescription::Kind::Recording;
    description.title = QFileInfo(m_info.path).fileName();
    return description;
}

SourceCapabilities RecordingSource::capabilities() const
{
    // Nothing to poll, no process to look up, no sysctl to write: what was recorded is all there is.
    return {.exactTransitions = false, .owners = false, .sysctlWrites = false, .live = false, .sysctlReads = false};
}

void RecordingSource::start()
{
    m_player.start();
}

void RecordingSource::setPaused(bool paused)
{
    m_player.post(&RecordingPlayer::setPaused, paused);
}

void RecordingSource::setListenerWindowNs(qint64 windowNs)
{
    m_player.post(&RecordingPlayer::setListenerWindowNs, windowNs);
}

void RecordingSource::requestListenerHistory(quint64 cookie)
{
    m_player.post(&RecordingPlayer::requestListenerHistory, cookie);
}

void RecordingSource::setSpeed(double speed)
{
    m_player.post(&RecordingPlayer::setSpeed, speed);
}

void RecordingSource::seek(qint64 timeNs)
{
    m_player.post(&RecordingPlayer::seek, timeNs);
}

void RecordingSource::stepToNextTransition()
{
    m_player.post(&RecordingPlayer::stepToNextTransition);
}

void RecordingSource::jumpToNextMarker()
{
    m_player.post(&RecordingPlayer::jumpToNextMarker);
}

} // namespace TcpLens
