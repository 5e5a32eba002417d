// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "remotesource.h"

#include <QRegularExpression>

namespace TcpLens {

using namespace Qt::StringLiterals;

std::optional<RemoteSource::Options> RemoteSource::parseDestination(const QString &text)
{
    // user@ (optional), a host name or [IPv6 address], :port (optional)
    static const QRegularExpression pattern(u"^(?:([^@\\s:]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[^@\\s:\\[\\]]+)(?::(\\d+))?$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    Options options;
    QString host = match.captured(2);
    if (host.startsWith(u'['))
        host = host.mid(1, host.size() - 2);
    // ssh would read a host starting with '-' as an option; "--" stops that too, but it is never a host.
    if (host.isEmpty() || host.startsWith(u'-'))
        return std::nullopt;
    options.destination = match.captured(1).isEmpty() ? host : match.captured(1) + u'@' + host;
    if (match.hasCaptured(3)) {
        bool ok = false;
        options.port = match.captured(3).toInt(&ok);
        if (!ok || options.port < 1 || options.port > 65535)
            return std::nullopt;
    }
    return options;
}

RemoteSource::RemoteSource(Options options, QObject *parent)
    : ConnectionSource(parent)
    , m_options(options)
    , m_session(u"tcplens-remote"_s, std::move(options), this)
{
    AgentConnection *session = m_session.worker();
    connect(session, &AgentConnection::connected, this, [this](const AgentProtocol::Header &header) {
        m_header = header;
        m_connected = true;
        Q_EMIT connected();
    });
    connect(session, &AgentConnection::disconnected, this, [this] {
        m_connected = false;
        Q_EMIT disconnected();
    });
}

RemoteSource::~RemoteSource() = default;

SourceDescription RemoteSource::description() const
{
    SourceDescription description;
    description.kind = SourceDescription::Kind::Remote;
    const qsizetype at = m_options.destination.lastIndexOf(u'@');
    const QString typed = at < 0 ? m_options.destination : m_options.destination.mid(at + 1);
    // The name the machine gives itself once it answered; what was typed until then.
    description.host = m_header && !m_header->host.isEmpty() ? m_header->host : typed;
    description.netns = m_header ? m_header->netns : m_options.netns;
    description.kernel = m_header ? m_header->kernel : QString();
    description.title = m_options.destination;
    return description;
}

SourceCapabilities RemoteSource::capabilities() const
{
    SourceCapabilities capabilities;
    if (m_header) {
        capabilities = m_header->capabilities;
    } else {
        capabilities.exactTransitions = m_options.exact;
        capabilities.owners = true;
    }
    // The agent polls there; nobody here may write that machine's sysctls.
    capabilities.live = true;
    capabilities.sysctlWrites = false;
    capabilities.sysctlReads = false; // its /proc/sys is that machine's: the agent reports them
    return capabilities;
}

void RemoteSource::start()
{
    m_session.start();
}

void RemoteSource::setPollIntervalMs(int intervalMs)
{
    m_options.intervalMs = intervalMs;
    m_session.post(&AgentConnection::setPollIntervalMs, intervalMs);
}

void RemoteSource::setPaused(bool paused)
{
    m_session.post(&AgentConnection::setPaused, paused);
}

void RemoteSource::pollNow()
{
    m_session.post(&AgentConnection::pollNow);
}

void RemoteSource::setListenerWindowNs(qint64 windowNs)
{
    m_session.post(&AgentConnection::setListenerWindowNs, windowNs);
}

void RemoteSource::setListenerIntervalMs(int intervalMs)
{
    m_session.post(&AgentConnection::setListenerIntervalMs, intervalMs);
}

void RemoteSource::requestListenerHistory(quint64 cookie)
{
    m_session.post(&AgentConnection::requestListenerHistory, cookie);
}

} // namespace TcpLens
