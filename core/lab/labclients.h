// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labscenario.h"
#include "netlink/uniquefd.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>
#include <vector>

namespace TcpLens {

// A group of lab clients: `count` non-blocking connect()s to one port, all at once or at a rate.
// Each connection's outcome is recorded with the seconds it took: "pending" while the kernel still
// tries, "connected" when the handshake completed (SO_ERROR 0 once writable), or the error that
// ended it, at connect() or later (ECONNREFUSED, ETIMEDOUT, ECONNRESET, EADDRNOTAVAIL).
class LabClients : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        QString outcome = QStringLiteral("pending");
        double seconds = 0;
    };

    explicit LabClients(const LabAction &connect, QObject *parent = nullptr);
    ~LabClients() override;

    void start();
    void setReading(bool reading);
    int send(qint64 bytes, bool fill);
    void close(LabAction::CloseHow how);
    // Looks for errors on connections nobody reads (an RST is only seen by a read or a write).
    void refresh();
    std::vector<Outcome> outcomes() const;

private:
    struct Connection
    {
        UniqueFd fd;
        std::unique_ptr<QSocketNotifier> writable;
        std::unique_ptr<QSocketNotifier> readable;
        Outcome outcome;
        QElapsedTimer started;
        bool closedByUs = false;
        bool peerClosed = false;
        QByteArray unsent; // `data` still to send once connected
    };

    void connectOne();
    void onWritable(Connection &connection);
    void onReadable(Connection &connection);
    void settle(Connection &connection, const QString &outcome);
    void updateReading(Connection &connection);

    LabAction m_settings;
    QTimer m_pace;
    int m_started = 0;
    bool m_reading = true;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace TcpLens
