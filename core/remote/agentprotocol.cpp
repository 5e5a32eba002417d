// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "agentprotocol.h"

#include "record/bytereader.h"
#include "record/bytewriter.h"
#include "record/observationcodec.h"

#include <QCoreApplication>

#include <limits>

namespace TcpLens::AgentProtocol {

namespace {

using namespace Qt::StringLiterals;

// The poll and listener intervals a command may set: as `watch --interval` takes them, up to a day.
constexpr qint64 MinimumIntervalMs = 10;
constexpr qint64 MaximumIntervalMs = 24 * 3600 * 1000;

// Capability flags of the header, one bit each; bits this version does not know are ignored.
enum CapabilityBit : quint64 {
    ExactTransitionsBit = 1,
    OwnersBit = 2,
    LiveBit = 4,
};

quint32 littleEndian32(QByteArrayView bytes, qsizetype offset)
{
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value |= quint32(quint8(bytes[offset + i])) << (8 * i);
    return value;
}

void appendLittleEndian32(QByteArray &out, quint32 value)
{
    for (int i = 0; i < 4; ++i)
        out.append(char(quint8(value >> (8 * i))));
}

// What the first bytes were, for a person: a shell's message reads as text, the rest as hex.
QString shownBytes(QByteArrayView bytes)
{
    const QByteArrayView head = bytes.first(qMin<qsizetype>(bytes.size(), 40));
    bool printable = !head.isEmpty();
    for (const char c : head)
        printable = printable && ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t');
    if (printable)
        return u"\""_s + QString::fromLatin1(head).simplified() + u"\""_s;
    return QString::fromLatin1(head.toByteArray().toHex(' '));
}

} // namespace

QByteArray encodeHeader(const Header &header)
{
    ByteWriter blob;
    blob.text(header.host);
    blob.text(header.kernel);
    blob.text(header.netns);
    quint64 flags = 0;
    if (header.capabilities.exactTransitions)
        flags |= ExactTransitionsBit;
    if (header.capabilities.owners)
        flags |= OwnersBit;
    if (header.capabilities.live)
        flags |= LiveBit;
    blob.unsignedNumber(flags);
    blob.unsignedNumber(quint64(qMax(header.intervalMs, 0)));
    blob.signedNumber(header.monotonicNs);
    QByteArray out(Magic, MagicSize);
    out.append(char(quint8(header.version)));
    out.append(char(quint8(header.version >> 8)));
    appendLittleEndian32(out, quint32(blob.data().size()));
    out.append(blob.data());
    return out;
}

std::expected<qsizetype, QString> headerSize(QByteArrayView bytes)
{
    const qsizetype compared = qMin(bytes.size(), MagicSize);
    if (bytes.first(compared) != QByteArrayView(Magic, compared))
        return std::unexpected(
            QCoreApplication::translate("AgentProtocol", "this is not a TCP Lens agent stream (it begins with %1)")
                .arg(shownBytes(bytes)));
    if (bytes.size() < MagicSize + 2)
        return 0;
    // The version comes before anything whose layout it could change: any peer can read this far.
    const quint16 version = quint16(quint8(bytes[MagicSize]) | (quint8(bytes[MagicSize + 1]) << 8));
    if (version != Version)
        return std::unexpected(QCoreApplication::translate("AgentProtocol",
            "the agent speaks stream version %1, this TCP Lens reads version %2: install the same TCP Lens "
            "version on both machines")
                .arg(version)
                .arg(Version));
    if (bytes.size() < PreambleSize)
        return 0;
    const quint32 length = littleEndian32(bytes, MagicSize + 2);
    if (length > MaximumHeaderBytes)
        return std::unexpected(
            QCoreApplication::translate("AgentProtocol", "the agent's header claims %1 bytes, more than the %2 allowed")
                .arg(length)
                .arg(MaximumHeaderBytes));
    if (bytes.size() < PreambleSize + qsizetype(length))
        return 0;
    return PreambleSize + qsizetype(length);
}

std::expected<Header, QString> decodeHeader(QByteArrayView bytes)
{
    const auto size = headerSize(bytes);
    if (!size)
        return std::unexpected(size.error());
    if (*size == 0)
        return std::unexpected(u"damaged agent header: it ends after %1 bytes"_s.arg(bytes.size()));
    ByteReader in(bytes.sliced(PreambleSize, *size - PreambleSize));
    Header header;
    header.host = in.text("host");
    header.kernel = in.text("kernel");
    header.netns = in.text("netns");
    const quint64 flags = in.unsignedNumber("capabilities");
    header.capabilities.exactTransitions = flags & ExactTransitionsBit;
    header.capabilities.owners = flags & OwnersBit;
    header.capabilities.live = flags & LiveBit;
    // Never through a stream: a remote sysctl is written on that machine, by someone allowed to.
    header.capabilities.sysctlWrites = false;
    header.intervalMs = int(in.bounded(MaximumIntervalMs, "intervalMs"));
    header.monotonicNs = in.signedNumber("monotonicNs");
    // A newer agent of the same version may add fields at the end: they are skipped, not an error.
    if (in.failed())
        return std::unexpected(u"damaged agent header "_s + in.error());
    return header;
}

QByteArray encodeFrame(FrameType type, QByteArrayView blob)
{
    QByteArray out;
    out.reserve(FramePrefixSize + 1 + blob.size());
    appendLittleEndian32(out, quint32(blob.size() + 1));
    out.append(char(type));
    out.append(blob);
    return out;
}

QByteArray encodePacing(const Pacing &pacing)
{
    ByteWriter out;
    out.unsignedNumber(quint64(qMax(pacing.effectiveMs, 0)));
    out.boolean(pacing.backedOff);
    out.signedNumber(pacing.lastDumpNs);
    return out.take();
}

std::expected<Pacing, QString> decodePacing(QByteArrayView blob)
{
    ByteReader in(blob);
    Pacing pacing;
    pacing.effectiveMs = int(in.bounded(quint64(std::numeric_limits<int>::max()), "effectiveMs"));
    pacing.backedOff = in.boolean("backedOff");
    pacing.lastDumpNs = in.signedNumber("lastDumpNs");
    return in.finish(std::move(pacing), "pacing");
}

QByteArray encodeListenerHistory(const ListenerHistory &history)
{
    ByteWriter out;
    out.unsignedNumber(history.cookie);
    out.unsignedNumber(quint64(history.samples.size()));
    for (const ListenerSample &sample : history.samples)
        writeListenerSample(out, sample, 0);
    return out.take();
}

std::expected<ListenerHistory, QString> decodeListenerHistory(QByteArrayView blob)
{
    ByteReader in(blob);
    ListenerHistory history;
    history.cookie = in.unsignedNumber("cookie");
    const qsizetype count = in.count(ListenerSampleMinimumBytes, "samples");
    history.samples.reserve(count);
    for (qsizetype i = 0; i < count && !in.failed(); ++i)
        history.samples.append(readListenerSample(in, 0));
    return in.finish(std::move(history), "listener history");
}

QByteArray encodeText(const QString &text)
{
    ByteWriter out;
    out.text(text);
    return out.take();
}

std::expected<QString, QString> decodeText(QByteArrayView blob)
{
    ByteReader in(blob);
    QString text = in.text("text");
    return in.finish(std::move(text), "message");
}

QByteArray encodeCommand(const Command &command)
{
    ByteWriter out;
    switch (command.type) {
    case FrameType::PollNow:
        break;
    case FrameType::SetPaused:
        out.boolean(command.value != 0);
        break;
    case FrameType::RequestListenerHistory:
        out.unsignedNumber(quint64(command.value));
        break;
    default:
        out.signedNumber(command.value);
        break;
    }
    return encodeFrame(command.type, out.data());
}

std::expected<Command, QString> decodeCommand(FrameType type, QByteArrayView blob)
{
    ByteReader in(blob);
    Command command;
    command.type = type;
    switch (type) {
    case FrameType::PollNow:
        break;
    case FrameType::SetPaused:
        command.value = in.boolean("paused") ? 1 : 0;
        break;
    case FrameType::RequestListenerHistory:
        command.value = qint64(in.unsignedNumber("cookie"));
        break;
    case FrameType::SetPollInterval:
    case FrameType::SetListenerInterval:
        command.value = in.signedNumber("intervalMs");
        if (!in.failed() && (command.value < MinimumIntervalMs || command.value > MaximumIntervalMs))
            in.invalid("intervalMs", "out of range");
        break;
    case FrameType::SetListenerWindow:
        command.value = in.signedNumber("windowNs");
        if (!in.failed() && command.value <= 0)
            in.invalid("windowNs", "out of range");
        break;
    default:
        return std::unexpected(u"frame type %1 is no command"_s.arg(int(type)));
    }
    return in.finish(std::move(command), "command");
}

} // namespace TcpLens::AgentProtocol
