// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "lab/labscenario.h"

#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// The lab's packet loss: nftables rules in the table `inet tcplens_lab` of the lab's namespace,
// written by `nft -f -`. Each `drop` action is a rule (two for "from": "any") on the input hook,
// which every loopback packet passes once, after the sender's TCP has sent it: the sender sees real
// loss. (On the output hook the drop is an error to the sender, -EPERM from ip_local_out(): a FIN or
// data segment then stays unsent in the write queue, without RTO, RetransSegs or TCPTimeouts.)
// `undrop` takes it away. The whole table is rewritten in
// one nft transaction each time, so it never holds half a change.
class LabPacketFilter
{
public:
    // The nft program, or empty when it is not installed.
    static QString nftProgram();
    // The ruleset text for these drops (pure; the tests read it).
    static QByteArray ruleset(const QList<LabAction> &drops);

    std::expected<void, QString> add(const LabAction &drop);
    std::expected<void, QString> remove(const QString &id);
    // Removes the table (reset); nothing to do when no rule was ever written.
    std::expected<void, QString> clear();

private:
    std::expected<void, QString> apply(const QByteArray &text);

    QList<LabAction> m_drops;
    bool m_written = false;
};

} // namespace TcpLens
