// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "charttoolbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace TcpLens {

namespace {
constexpr qint64 MinuteNs = 60LL * 1'000'000'000;
}

ChartToolBar::ChartToolBar(QWidget *parent)
    : QWidget(parent)
    , m_window(new QComboBox(this))
    , m_pause(new QToolButton(this))
    , m_follow(new QToolButton(this))
    , m_status(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    m_window->addItem(tr("1 minute"), MinuteNs);
    m_window->addItem(tr("5 minutes"), 5 * MinuteNs);
    m_window->addItem(tr("30 minutes"), 30 * MinuteNs);
    // One minute: a tune-and-observe session looks at what just happened; longer windows are a click away.
    m_window->setCurrentIndex(0);
    m_window->setToolTip(tr("How much history the charts keep and show; older samples are dropped"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause")));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause->setToolTip(tr("Hold the charts still; samples keep being collected"));
    m_follow->setText(tr("Follow"));
    m_follow->setEnabled(false);
    m_follow->setToolTip(tr("Leave zoom and pan and follow the newest samples (double-click a chart)"));
    auto *png = new QToolButton(this);
    png->setText(tr("Export PNG…"));
    png->setToolTip(tr("Save the charts as shown to a PNG image"));
    auto *csv = new QToolButton(this);
    csv->setText(tr("Export CSV…"));
    csv->setToolTip(tr("Save the samples in the shown time range to a CSV file"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addWidget(m_pause);
    layout->addWidget(m_follow);
    layout->addWidget(png);
    layout->addWidget(csv);
    layout->addWidget(m_status, 1);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT windowChosen(windowNs()); });
    connect(m_pause, &QToolButton::toggled, this, &ChartToolBar::pausedChanged);
    connect(m_follow, &QToolButton::clicked, this, &ChartToolBar::followRequested);
    connect(png, &QToolButton::clicked, this, &ChartToolBar::exportPngRequested);
    connect(csv, &QToolButton::clicked, this, &ChartToolBar::exportCsvRequested);
}

qint64 ChartToolBar::windowNs() const
{
    return m_window->currentData().toLongLong();
}

void ChartToolBar::setWindowNs(qint64 windowNs)
{
    const int index = m_window->findData(windowNs);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

bool ChartToolBar::isPaused() const
{
    return m_pause->isChecked();
}

void ChartToolBar::setPaused(bool paused)
{
    m_pause->setChecked(paused);
}

void ChartToolBar::setFollowing(bool following)
{
    m_follow->setEnabled(!following);
}

void ChartToolBar::setStatus(const QString &text, const QString &tooltip)
{
    m_status->setText(text);
    m_status->setToolTip(tooltip);
}

} // namespace TcpLens
