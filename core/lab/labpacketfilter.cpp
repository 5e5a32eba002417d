// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "labpacketfilter.h"

#include "lab/lablogging.h"

#include <QProcess>
#include <QStandardPaths>

#include <cmath>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

// Which segments a `packets` name means, as an nft match on the TCP flags.
QByteArray flagsMatch(const QString &packets)
{
    if (packets == u"syn"_s)
        return "tcp flags & (syn | ack) == syn ";
    if (packets == u"synack"_s)
        return "tcp flags & (syn | ack) == syn | ack ";
    // The handshake's final ACK, and any other bare ACK: no SYN, FIN, RST or PSH.
    if (packets == u"ack"_s)
        return "tcp flags & (fin | syn | rst | psh | ack) == ack ";
    if (packets == u"fin"_s)
        return "tcp flags & fin == fin ";
    if (packets == u"rst"_s)
        return "tcp flags & rst == rst ";
    // Linux sets PSH on the last segment of each write: close enough to "segments with data".
    if (packets == u"data"_s)
        return "tcp flags & psh == psh ";
    return {};
}

} // namespace

QString LabPacketFilter::nftProgram()
{
    return QStandardPaths::findExecutable(u"nft"_s, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
}

QByteArray LabPacketFilter::ruleset(const QList<LabAction> &drops)
{
    // "table" first makes the delete succeed when the table does not exist yet.
    QByteArray text = "table inet tcplens_lab\ndelete table inet tcplens_lab\n"
                      "table inet tcplens_lab {\n"
                      "  chain input {\n"
                      "    type filter hook input priority 0; policy accept;\n";
    for (const LabAction &drop : drops) {
        QList<QByteArray> ports;
        if (drop.from != u"server"_s)
            ports.append("tcp dport " + QByteArray::number(drop.port) + ' ');
        if (drop.from != u"client"_s)
            ports.append("tcp sport " + QByteArray::number(drop.port) + ' ');
        for (const QByteArray &port : ports) {
            QByteArray rule = "    meta l4proto tcp " + port + flagsMatch(drop.packets);
            if (drop.probability < 1)
                rule += "numgen random mod 100 < " + QByteArray::number(qRound(drop.probability * 100)) + ' ';
            rule += "counter drop comment \"" + drop.id.toUtf8().replace('"', '\'').replace('\\', '/') + "\"\n";
            text += rule;
        }
    }
    text += "  }\n}\n";
    return text;
}

std::expected<void, QString> LabPacketFilter::add(const LabAction &drop)
{
    m_drops.removeIf([&](const LabAction &d) { return d.id == drop.id; });
    m_drops.append(drop);
    return apply(ruleset(m_drops));
}

std::expected<void, QString> LabPacketFilter::remove(const QString &id)
{
    m_drops.removeIf([&](const LabAction &d) { return d.id == id; });
    return apply(ruleset(m_drops));
}

std::expected<void, QString> LabPacketFilter::clear()
{
    m_drops.clear();
    if (!m_written)
        return {};
    m_written = false;
    return apply("table inet tcplens_lab\ndelete table inet tcplens_lab\n");
}

std::expected<void, QString> LabPacketFilter::apply(const QByteArray &text)
{
    const QString nft = nftProgram();
    if (nft.isEmpty())
        return std::unexpected(u"nft is not installed (Debian: apt install nftables)"_s);
    qCDebug(lcLab).noquote() << "nft -f -:\n" << text;
    QProcess process;
    process.start(nft, {u"-f"_s, u"-"_s});
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return std::unexpected(
            u"nft refused the lab's rules: %1"_s.arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
    }
    m_written = true;
    return {};
}

} // namespace TcpLens
