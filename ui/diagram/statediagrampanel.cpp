// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "statediagrampanel.h"

#include "diagram/statediagramview.h"
#include "diagram/transitionplayer.h"
#include "formatting.h"
#include "pipeline/liveconnections.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace TcpLens {

using namespace Qt::StringLiterals;

StateDiagramPanel::StateDiagramPanel(QWidget *parent)
    : QWidget(parent)
    , m_player(new TransitionPlayer(this))
    , m_view(new StateDiagramView(this))
{
    m_view->setPlayer(m_player);

    m_pauseButton = new QToolButton(this);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_backButton = new QToolButton(this);
    m_backButton->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_backButton->setToolTip(tr("Step back: take back the last step played"));
    m_forwardButton = new QToolButton(this);
    m_forwardButton->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_forwardButton->setToolTip(tr("Step forward: play the next waiting step"));
    m_speedBox = new QComboBox(this);
    m_speedBox->setToolTip(tr("Playback speed. Every step travels for the same time, so that a handshake of "
                              "100 µs can be followed; slow motion makes steps wait their turn."));
    m_speedBox->addItem(tr("Live"), 1.0);
    m_speedBox->addItem(tr("1/2 speed"), 0.5);
    m_speedBox->addItem(tr("1/5 speed"), 0.2);
    m_speedBox->addItem(tr("1/10 speed"), 0.1);
    m_speedBox->addItem(tr("1/20 speed"), 0.05);
    m_waitingLabel = new QLabel(this);
    m_waitingLabel->setObjectName(u"waitingLabel"_s);
    m_caption = new QLabel(this);
    m_caption->setObjectName(u"stepCaption"_s);
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 0, 6, 2);
    m_caption->setVisible(false);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_pauseButton);
    bar->addWidget(m_backButton);
    bar->addWidget(m_forwardButton);
    bar->addWidget(m_speedBox);
    bar->addStretch(1);
    bar->addWidget(m_waitingLabel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_caption);
    layout->addWidget(m_view, 1);

    connect(m_pauseButton, &QToolButton::clicked, this, &StateDiagramPanel::togglePaused);
    connect(m_backButton, &QToolButton::clicked, this, &StateDiagramPanel::stepBackward);
    connect(m_forwardButton, &QToolButton::clicked, this, &StateDiagramPanel::stepForward);
    connect(m_speedBox, &QComboBox::activated, this,
        [this](int index) { m_player->setRate(m_speedBox->itemData(index).toDouble()); });
    connect(m_player, &TransitionPlayer::pausedChanged, this, &StateDiagramPanel::updateControls);
    connect(m_player, &TransitionPlayer::rateChanged, this, &StateDiagramPanel::updateControls);
    connect(m_player, &TransitionPlayer::waitingChanged, this, &StateDiagramPanel::updateControls);
    connect(m_player, &TransitionPlayer::stepped, this, &StateDiagramPanel::updateCaption);
    connect(m_player, &TransitionPlayer::pausedChanged, this, [this](bool paused) {
        if (!paused && std::exchange(m_countsHeld, false))
            m_view->setStateCounts(m_heldCounts);
    });
    connect(m_view, &StateDiagramView::stateClicked, this, &StateDiagramPanel::stateClicked);
    updateControls();
}

QList<double> StateDiagramPanel::playbackRates()
{
    return {1.0, 0.5, 0.2, 0.1, 0.05};
}

void StateDiagramPanel::setConnections(LiveConnections *connections)
{
    connect(connections, &LiveConnections::eventsReady, this, &StateDiagramPanel::addEvents);
    connect(connections, &LiveConnections::stateCountsChanged, this,
        [this](qint64, const QHash<TcpState, int> &counts) { setStateCounts(counts); });
    connect(connections, &LiveConnections::sourceChanged, this, [this] {
        m_countsHeld = false;
        m_view->setStateCounts({});
        setHighlightedPath({});
    });
}

void StateDiagramPanel::setStateCounts(const QHash<TcpState, int> &counts)
{
    if (m_player->isPaused()) {
        m_heldCounts = counts;
        m_countsHeld = true;
        return;
    }
    m_view->setStateCounts(counts);
}

void StateDiagramPanel::addEvents(const ConnectionEvents &events)
{
    m_player->addEvents(events);
}

void StateDiagramPanel::setHighlightedPath(const QList<ConnectionStep> &path)
{
    m_view->setHighlightedPath(path);
}

void StateDiagramPanel::setHighlightedStates(const QList<TcpState> &states, const QString &caption)
{
    m_view->setHighlightedStates(states, caption);
}

void StateDiagramPanel::togglePaused()
{
    m_player->togglePaused();
}

void StateDiagramPanel::stepForward()
{
    m_player->stepForward();
}

void StateDiagramPanel::stepBackward()
{
    m_player->stepBackward();
}

void StateDiagramPanel::setPlaybackRate(double rate)
{
    m_player->setRate(rate);
}

void StateDiagramPanel::updateControls()
{
    const bool paused = m_player->isPaused();
    m_pauseButton->setChecked(paused);
    m_pauseButton->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setToolTip(
        paused ? tr("Resume playback; waiting steps play in order") : tr("Pause: new steps wait in a queue"));
    const int index = m_speedBox->findData(m_player->rate());
    if (index >= 0) {
        m_speedBox->setCurrentIndex(index);
    } else {
        if (m_speedBox->count() == int(playbackRates().size()))
            m_speedBox->addItem(QString());
        m_speedBox->setItemText(m_speedBox->count() - 1, tr("×%1").arg(QLocale().toString(m_player->rate())));
        m_speedBox->setItemData(m_speedBox->count() - 1, m_player->rate());
        m_speedBox->setCurrentIndex(m_speedBox->count() - 1);
    }
    const int waiting = m_player->waitingCount();
    QString text = tr("%n waiting", nullptr, waiting);
    if (m_player->droppedCount() > 0)
        text += u" · "_s + tr("%n dropped", nullptr, m_player->droppedCount());
    m_waitingLabel->setText(text);
    m_waitingLabel->setToolTip(tr("Steps queued behind the ones playing: at most %1 while playing, %2 while paused; "
                                  "more are dropped from the animation (the table and the timeline keep them)")
            .arg(QLocale().toString(TransitionPlayer::MaxWaiting),
                QLocale().toString(TransitionPlayer::MaxWaitingWhilePaused)));
    updateCaption();
}

QString StateDiagramPanel::captionText() const
{
    if (!m_player->isPaused())
        return {};
    const QLocale locale;
    const int waiting = m_player->waitingCount();
    const TransitionPlayer::StepInfo &step = m_player->lastStep();
    QString text;
    if (!step.edge) {
        text = tr("Paused: the counts and tokens hold still and new steps wait in order. → plays the next, ← takes "
                  "one back, Space resumes.");
    } else {
        const QString edge =
            tr("%1 → %2").arg(Formatting::stateLabel(step.edge->from), Formatting::stateLabel(step.edge->to));
        const QString when = Formatting::timeOfDay(step.timeNs);
        const QString who = step.connections > 1
            ? tr("%n connections, the first at %1", nullptr, step.connections).arg(when)
            : tr("at %1").arg(when);
        const QString how = QString(knowledgeName(step.knowledge));
        text = step.backward ? tr("Took back %1 (%2, %3): it waits first in the queue again.").arg(edge, how, who)
                             : tr("Step %1: %2 (%3, %4).").arg(step.number).arg(edge, how, who);
    }
    text += u' ' + tr("%n step(s) wait.", nullptr, waiting);
    if (m_player->droppedCount() > 0)
        text += u' ' +
            tr("The queue is full at %1: %n newer step(s) were left out of the animation; the table and the timeline "
               "have them.",
                nullptr, m_player->droppedCount())
                .arg(locale.toString(m_player->waitingLimit()));
    return text;
}

void StateDiagramPanel::updateCaption()
{
    const QString text = captionText();
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

} // namespace TcpLens
