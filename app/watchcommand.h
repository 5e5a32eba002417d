// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"
#include "pipeline/liveconnections.h"

#include <QObject>

#include <cstdio>

namespace TcpLens {

// `tcplens watch --json`: one JSON line per connection event until interrupted, what bcc's
// tcpstates prints, without root, with the steps a poll could not see marked as inferred. A printer
// on the same pipeline the window uses.
class WatchCommand : public QObject
{
    Q_OBJECT
public:
    WatchCommand(const CollectorSettings &settings, std::FILE *out, QObject *parent = nullptr);
    ~WatchCommand() override;

    void start();

Q_SIGNALS:
    void failed(const QString &message);

private:
    void print(const ConnectionEvents &events);

    CollectorSettings m_settings;
    LiveConnections m_connections;
    std::FILE *m_out;
};

} // namespace TcpLens
