// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labscenario.h"
#include "netlink/uniquefd.h"

#include <QObject>
#include <QSocketNotifier>

#include <expected>
#include <memory>
#include <vector>

namespace TcpLens {

// A lab server: one listening socket on 127.0.0.1 (or ::1) and the connections it accepted, all
// non-blocking, driven by the event loop. It accepts, reads and closes as its `listen` action says,
// and can be told to stop accepting (the accept queue then fills), to stop reading (the receive
// queue fills), to send or to close.
class LabListener : public QObject
{
    Q_OBJECT
public:
    static std::expected<std::unique_ptr<LabListener>, QString> open(const LabAction &listen);
    ~LabListener() override;

    void setAccepting(bool accepting);
    void setReading(bool reading);
    int send(qint64 bytes, bool fill);
    void close(LabAction::CloseHow how);

private:
    struct Accepted
    {
        UniqueFd fd;
        std::unique_ptr<QSocketNotifier> readable;
        bool peerClosed = false;
    };

    LabListener(const LabAction &listen, UniqueFd fd);
    void acceptPending();
    void onReadable(Accepted &connection);
    void updateReading(Accepted &connection);

    LabAction m_settings;
    UniqueFd m_fd;
    QSocketNotifier m_acceptable;
    bool m_reading = true;
    std::vector<std::unique_ptr<Accepted>> m_accepted;
};

} // namespace TcpLens
