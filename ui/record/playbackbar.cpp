// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "playbackbar.h"

#include "pipeline/liveconnections.h"
#include "pipeline/recordingsource.h"

#include <QAction>
#include <QComboBox>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTimer>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultSpeedIndex = 4; // 1x
constexpr int SeekDelayMs = 200;

QString speedText(double speed)
{
    return speed >= 1 ? PlaybackBar::tr("%1×").arg(speed) : PlaybackBar::tr("1/%1×").arg(qRound(1 / speed));
}

} // namespace

PlaybackBar::PlaybackBar(LiveConnections *connections, QWidget *parent)
    : QToolBar(tr("Playback"), parent)
    , m_connections(connections)
    , m_seekDelay(new QTimer(this))
{
    setObjectName(u"playbackBar"_s);
    setMovable(false);
    setFloatable(false);

    m_playAction = addAction(QIcon::fromTheme(u"media-playback-pause"_s), tr("Pause Recording"));
    m_playAction->setObjectName(u"playRecording"_s);
    m_playAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    connect(m_playAction, &QAction::triggered, this, &PlaybackBar::togglePaused);

    m_stepAction = addAction(QIcon::fromTheme(u"media-skip-forward"_s), tr("Next Transition"));
    m_stepAction->setObjectName(u"nextTransition"_s);
    m_stepAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Right));
    m_stepAction->setToolTip(tr("Play until a socket changes state, then pause (Ctrl+Right)"));
    connect(m_stepAction, &QAction::triggered, this, &PlaybackBar::stepToNextTransition);

    m_markerAction = addAction(QIcon::fromTheme(u"go-next"_s), tr("Next Marker"));
    m_markerAction->setObjectName(u"nextMarker"_s);
    m_markerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Right));
    m_markerAction->setToolTip(tr("Jump to the next marker: a lab step, a sysctl change, a note (Ctrl+Shift+Right)"));
    connect(m_markerAction, &QAction::triggered, this, &PlaybackBar::jumpToNextMarker);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(u"timeSlider"_s);
    m_slider->setMinimumWidth(240);
    m_slider->setToolTip(tr("Drag to show the recording at another moment"));
    m_slider->setAccessibleName(tr("Recording position"));
    addWidget(m_slider);
    m_timeLabel = new QLabel(this);
    m_timeLabel->setObjectName(u"recordingTime"_s);
    m_timeLabel->setContentsMargins(6, 0, 6, 0);
    addWidget(m_timeLabel);

    m_speed = new QComboBox(this);
    m_speed->setObjectName(u"playbackSpeed"_s);
    m_speed->setToolTip(tr("Playback speed, against the pace it was recorded at"));
    m_speed->setAccessibleName(tr("Playback speed"));
    for (const double speed : speeds())
        m_speed->addItem(speedText(speed), speed);
    m_speed->setCurrentIndex(DefaultSpeedIndex);
    addWidget(m_speed);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (RecordingSource *playing = source())
            playing->setSpeed(speed());
    });
    QAction *faster = new QAction(this);
    faster->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    connect(faster, &QAction::triggered, this, [this] { setSpeedIndex(m_speed->currentIndex() + 1); });
    QAction *slower = new QAction(this);
    slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    connect(slower, &QAction::triggered, this, [this] { setSpeedIndex(m_speed->currentIndex() - 1); });
    addActions({faster, slower}); // shortcuts of the window while the bar shows (Qt::WindowShortcut)

    addSeparator();
    m_leaveAction = addAction(QIcon::fromTheme(u"network-connect"_s), tr("Back to Live"));
    m_leaveAction->setObjectName(u"leaveRecording"_s);
    m_leaveAction->setToolTip(tr("Close the recording and watch this machine's kernel again"));
    connect(m_leaveAction, &QAction::triggered, this, &PlaybackBar::leaveRequested);

    // While the user drags, the slider only shows where it would go: one seek when it is let go.
    connect(m_slider, &QSlider::sliderMoved, this, &PlaybackBar::sliderMoved);
    connect(m_slider, &QSlider::sliderReleased, this, &PlaybackBar::seekToSlider);
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            m_seekDelay->start();
    });
    m_seekDelay->setSingleShot(true);
    m_seekDelay->setInterval(SeekDelayMs);
    connect(m_seekDelay, &QTimer::timeout, this, &PlaybackBar::seekToSlider);

    connect(m_connections, &LiveConnections::sourceAttached, this, [this] {
        if (m_connections->source() != m_source) {
            m_source = nullptr;
            m_seekDelay->stop();
            hide();
        }
    });
    hide();
}

PlaybackBar::~PlaybackBar() = default;

const QList<double> &PlaybackBar::speeds()
{
    static const QList<double> all{1.0 / 20, 1.0 / 10, 1.0 / 5, 1.0 / 2, 1, 2, 5, 10, 20};
    return all;
}

std::expected<void, QString> PlaybackBar::open(const QString &path)
{
    auto opened = RecordingSource::open(path);
    if (!opened)
        return std::unexpected(opened.error());
    if ((*opened)->info().lastNs == 0)
        return std::unexpected(
            tr("%1 holds nothing to play yet: it was made, and nothing was recorded into it").arg(path));
    m_info = (*opened)->info();
    m_paused = false;
    m_speed->setCurrentIndex(DefaultSpeedIndex);
    m_slider->setRange(0, int(std::min<qint64>((m_info.lastNs - m_info.firstNs) / 1'000'000, INT_MAX)));
    m_slider->setPageStep(std::max(1000, m_slider->maximum() / 20));
    m_slider->setSingleStep(std::max(100, m_slider->maximum() / 200));
    showPosition(m_info.firstNs, false);
    return startSource(0);
}

std::expected<void, QString> PlaybackBar::startSource(qint64 startNs)
{
    RecordingSource::Options options;
    options.speed = speed();
    options.startPaused = m_paused;
    options.startNs = startNs;
    auto opened = RecordingSource::open(m_info.path, options);
    if (!opened)
        return std::unexpected(opened.error());
    m_source = opened->get();
    m_finished = false;
    connect(m_source, &RecordingSource::positionChanged, this, &PlaybackBar::showPosition);
    connect(m_source, &RecordingSource::finished, this, [this] {
        m_finished = true;
        updatePlayAction();
    });
    m_connections->setSource(std::move(*opened), LiveConnections::SourceChange::Fresh);
    show();
    updatePlayAction();
    return {};
}

bool PlaybackBar::isActive() const
{
    return m_source && m_connections->source() == m_source;
}

RecordingSource *PlaybackBar::source() const
{
    return isActive() ? m_source : nullptr;
}

double PlaybackBar::speed() const
{
    return m_speed->currentData().toDouble();
}

void PlaybackBar::seek(qint64 timeNs)
{
    if (!isActive())
        return;
    timeNs = std::clamp(timeNs, m_info.firstNs, m_info.lastNs);
    showPosition(timeNs, m_paused);
    if (auto started = startSource(timeNs); !started)
        Q_EMIT failed(started.error());
}

void PlaybackBar::setPaused(bool paused)
{
    if (!isActive())
        return;
    if (!paused && m_finished) {
        // At the end: play it again from the start.
        m_paused = false;
        showPosition(m_info.firstNs, false);
        if (auto started = startSource(0); !started)
            Q_EMIT failed(started.error());
        return;
    }
    m_paused = paused;
    m_source->setPaused(paused);
    updatePlayAction();
}

void PlaybackBar::togglePaused()
{
    setPaused(!(m_paused || m_finished));
}

void PlaybackBar::setSpeedIndex(int index)
{
    m_speed->setCurrentIndex(std::clamp(index, 0, int(speeds().size()) - 1));
}

void PlaybackBar::stepToNextTransition()
{
    if (!isActive() || m_finished)
        return;
    m_paused = true; // the player pauses after the step
    m_source->stepToNextTransition();
    updatePlayAction();
}

void PlaybackBar::jumpToNextMarker()
{
    if (isActive() && !m_finished)
        m_source->jumpToNextMarker();
}

void PlaybackBar::showPosition(qint64 timeNs, bool paused)
{
    // The player's clock runs on between its rows: past the last one, the recording has ended.
    timeNs = std::clamp(timeNs, m_info.firstNs, m_info.lastNs);
    m_positionNs = timeNs;
    m_paused = paused;
    if (!m_slider->isSliderDown() && !m_seekDelay->isActive()) {
        const QSignalBlocker quiet(m_slider);
        m_slider->setValue(int((timeNs - m_info.firstNs) / 1'000'000));
    }
    m_timeLabel->setText(timeText(timeNs));
    m_timeLabel->setToolTip(tr("Recorded on %1 at %2")
            .arg(m_info.description.host, QLocale().toString(m_info.wallTime(timeNs), QLocale::LongFormat)));
    updatePlayAction();
    Q_EMIT positionChanged(timeNs);
}

void PlaybackBar::sliderMoved(int valueMs)
{
    m_timeLabel->setText(timeText(m_info.firstNs + qint64(valueMs) * 1'000'000));
}

void PlaybackBar::seekToSlider()
{
    m_seekDelay->stop();
    seek(m_info.firstNs + qint64(m_slider->value()) * 1'000'000);
}

void PlaybackBar::updatePlayAction()
{
    const bool playing = !m_paused && !m_finished;
    m_playAction->setIcon(QIcon::fromTheme(playing ? u"media-playback-pause"_s : u"media-playback-start"_s));
    m_playAction->setText(playing ? tr("Pause Recording")
            : m_finished          ? tr("Play Again from the Start")
                                  : tr("Play Recording"));
    m_playAction->setToolTip(m_playAction->text() + u" (Ctrl+Space)"_s);
    m_stepAction->setEnabled(!m_finished);
    m_markerAction->setEnabled(!m_finished);
}

QString PlaybackBar::timeText(qint64 timeNs) const
{
    const auto clock = [](qint64 ns) {
        const qint64 tenths = std::max<qint64>(0, ns) / 100'000'000;
        return u"%1:%2.%3"_s.arg(tenths / 600).arg((tenths / 10) % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
    };
    //: the position in a recording and its length, then the wall-clock time it was recorded at
    return tr("%1 / %2 · %3")
        .arg(clock(timeNs - m_info.firstNs), clock(m_info.lastNs - m_info.firstNs),
            QLocale().toString(m_info.wallTime(timeNs).time(), u"HH:mm:ss"_s));
}

} // namespace TcpLens
