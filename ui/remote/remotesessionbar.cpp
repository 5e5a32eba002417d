// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "remotesessionbar.h"

#include "pipeline/liveconnections.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaximumMessageWidth = 560;

} // namespace

RemoteSessionBar::RemoteSessionBar(LiveConnections *connections, QWidget *parent)
    : QWidget(parent)
    , m_connections(connections)
{
    setObjectName(u"remoteSessionBar"_s);
    m_message = new QLabel(this);
    m_message->setObjectName(u"remoteMessage"_s);
    m_reconnect = new QPushButton(QIcon::fromTheme(u"view-refresh"_s), tr("Reconnect"), this);
    m_reconnect->setObjectName(u"reconnectButton"_s);
    connect(m_reconnect, &QPushButton::clicked, this, &RemoteSessionBar::reconnect);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_reconnect);
    hide();
    // Another source (the machine again, a lab): this bar has nothing to say about it.
    connect(m_connections, &LiveConnections::sourceAttached, this, [this] {
        if (!qobject_cast<RemoteSource *>(m_connections->source()))
            hide();
    });
}

void RemoteSessionBar::connectTo(const RemoteSource::Options &options)
{
    m_options = options;
    attach(std::make_unique<RemoteSource>(options), false);
}

void RemoteSessionBar::reconnect()
{
    if (!m_options)
        return;
    attach(std::make_unique<RemoteSource>(*m_options), true);
}

void RemoteSessionBar::restart(bool exact)
{
    if (!m_options)
        return;
    m_options->exact = exact;
    reconnect();
}

void RemoteSessionBar::attach(std::unique_ptr<RemoteSource> source, bool sameKernel)
{
    hide();
    m_lastFailure.clear();
    RemoteSource *remote = source.get();
    // Kept until the session ends: the one that says why (ssh's reason, the agent's last line).
    connect(remote, &ConnectionSource::failed, this, [this](const QString &message) { m_lastFailure = message; });
    connect(remote, &RemoteSource::disconnected, this, [this] { sessionEnded(m_lastFailure); });
    connect(remote, &RemoteSource::connected, this, &RemoteSessionBar::connected);
    m_connections->setSource(std::move(source),
        sameKernel ? LiveConnections::SourceChange::SameKernel : LiveConnections::SourceChange::Fresh);
}

void RemoteSessionBar::sessionEnded(const QString &message)
{
    // The sentence says what to do; elided, it leaves the status bar's other parts room.
    const QString text = tr("Disconnected: %1").arg(message);
    m_message->setText(m_message->fontMetrics().elidedText(text, Qt::ElideRight, MaximumMessageWidth));
    m_message->setToolTip(message);
    m_reconnect->setToolTip(message);
    show();
}

} // namespace TcpLens
