// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "charttoolbar.h"

#include "elidedlabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MinuteNs = 60LL * 1'000'000'000;
}

ChartToolBar::ChartToolBar(QWidget *parent)
    : QWidget(parent)
    , m_window(new QComboBox(this))
    , m_pause(new QToolButton(this))
    , m_follow(new QToolButton(this))
    , m_status(new ElidedLabel(this))
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
    // Not "Follow": the window's "Follow This Connection" means something else.
    m_follow->setText(tr("Back to Now"));
    m_follow->setEnabled(false);
    m_follow->setToolTip(tr("Leave zoom and pan and show the newest samples again (double-click a chart)"));
    // One button with a menu: two would cost a small screen the room of the charts.
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    QAction *png = exportMenu->addAction(tr("Chart as PNG…"));
    png->setToolTip(tr("Save the charts as shown to a PNG image"));
    QAction *csv = exportMenu->addAction(tr("Samples as CSV…"));
    csv->setToolTip(tr("Save the samples in the shown time range to a CSV file"));
    exportButton->setMenu(exportMenu);
    // The status gives way (its tooltip keeps it whole) rather than widen the dock past the screen.
    layout->addWidget(windowLabel);
    layout->addWidget(m_window);
    layout->addWidget(m_pause);
    layout->addWidget(m_follow);
    layout->addWidget(exportButton);
    layout->addWidget(m_status, 1);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT windowChosen(windowNs()); });
    connect(m_pause, &QToolButton::toggled, this, &ChartToolBar::pausedChanged);
    connect(m_follow, &QToolButton::clicked, this, &ChartToolBar::followRequested);
    connect(png, &QAction::triggered, this, &ChartToolBar::exportPngRequested);
    connect(csv, &QAction::triggered, this, &ChartToolBar::exportCsvRequested);
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
    m_status->setToolTip(
        tooltip.isEmpty() ? text : u"<p>%1</p><p>%2</p>"_s.arg(text.toHtmlEscaped(), tooltip.toHtmlEscaped()));
}

} // namespace TcpLens
