// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "pipeline/sourcedescription.h"
#include "tracking/listenerseries.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// The stream `tcplens agent` writes on stdout and the commands it reads on stdin (docs/agent-protocol.md).
// Pure code over bytes: the agent and RemoteSource do the I/O, the fuzzer and the tests feed bytes.
namespace AgentProtocol {

// The first 8 bytes of every stream. The 0x89 first makes a text answer (a shell's "command not
// found", a login banner) wrong at byte 0 instead of at some length far away.
inline constexpr char Magic[] = "\x89TCPLNS\n";
inline constexpr qsizetype MagicSize = 8;
// One more whenever a frame an older reader knows changes its meaning; frames of new types do not
// count (readers skip the types they do not know). 2: snapshot deltas may hold AgedRun operations,
// as recordings of format 2 (core/record/snapshotcodec.cpp).
inline constexpr quint16 Version = 2;
// No frame is longer (its type byte and its blob): a key frame of 120,000 sockets is about 12 MB.
// A longer length is a damaged or hostile stream, never a reason to allocate.
inline constexpr quint32 MaximumFrameBytes = 64 * 1024 * 1024;
// The header's own blob is small: names and flags.
inline constexpr quint32 MaximumHeaderBytes = 64 * 1024;
// magic, u16 version, u32 length of the header blob
inline constexpr qsizetype PreambleSize = MagicSize + 2 + 4;
// u32 length, then the type byte
inline constexpr qsizetype FramePrefixSize = 4;

// What the agent says about itself before any frame.
struct Header
{
    quint16 version = Version;
    QString host; // the agent's host name
    QString kernel; // uname -r there
    QString netns; // the namespace it watches, as it was named; empty: its own
    SourceCapabilities capabilities; // of the agent's source (sysctlWrites: never through the stream)
    int intervalMs = 0; // the poll interval it starts with
    // The agent's CLOCK_MONOTONIC as it wrote the header: every time in the stream is on that clock,
    // which started at that machine's boot. 0: unknown.
    qint64 monotonicNs = 0;
};

// Frames from the agent (1..63) and commands to it (64..127).
enum class FrameType : quint8 {
    Snapshot = 1, // snapshotcodec.h: a key frame or a delta against the snapshot before it in the stream
    Destroyed = 2, // observationcodec.h encodeDestroyed()
    StateChanges = 3,
    ExactMode = 4, // exactModeChanged() or exactEventsLost()
    Pacing = 5, // pacingChanged()
    ListenerBatch = 6,
    ListenerHistory = 7, // listenerHistoryReady()
    Counters = 8,
    SysctlChange = 9,
    SysctlReading = 10,
    Marker = 11,
    Failure = 12, // failed(): one line

    SetPollInterval = 64,
    SetPaused = 65,
    PollNow = 66,
    SetListenerInterval = 67,
    SetListenerWindow = 68,
    RequestListenerHistory = 69,
};

// The preamble and the header; the stream's first bytes.
QByteArray encodeHeader(const Header &header);
// How many bytes the header takes at the start of `bytes`, once enough of them have arrived (0: not
// yet), or why these bytes cannot start an agent stream: not the magic, another version (the error
// names both), a header longer than MaximumHeaderBytes.
std::expected<qsizetype, QString> headerSize(QByteArrayView bytes);
// Decodes the header headerSize() found complete at the start of `bytes`.
std::expected<Header, QString> decodeHeader(QByteArrayView bytes);

// A frame: its length, its type and the blob.
QByteArray encodeFrame(FrameType type, QByteArrayView blob);

// pacingChanged(effectiveMs, backedOff, lastDumpNs)
struct Pacing
{
    int effectiveMs = 0;
    bool backedOff = false;
    qint64 lastDumpNs = 0;
};
QByteArray encodePacing(const Pacing &pacing);
std::expected<Pacing, QString> decodePacing(QByteArrayView blob);

// listenerHistoryReady(cookie, samples)
struct ListenerHistory
{
    quint64 cookie = 0;
    QList<ListenerSample> samples;
};
QByteArray encodeListenerHistory(const ListenerHistory &history);
std::expected<ListenerHistory, QString> decodeListenerHistory(QByteArrayView blob);

QByteArray encodeText(const QString &text);
std::expected<QString, QString> decodeText(QByteArrayView blob);

// A command's one argument (none for PollNow): a number, or 0/1 for SetPaused.
struct Command
{
    FrameType type = FrameType::PollNow;
    qint64 value = 0;
};
QByteArray encodeCommand(const Command &command);
// An error for a type that is no command or a value out of its range (an interval below 10 ms).
std::expected<Command, QString> decodeCommand(FrameType type, QByteArrayView blob);

} // namespace AgentProtocol

} // namespace TcpLens
