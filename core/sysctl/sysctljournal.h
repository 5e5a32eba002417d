// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "sysctlchange.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>

namespace TcpLens {

// Every sysctl change TCP Lens made, kept on disk so that it can be reverted after a restart: time,
// namespace, key, old and new value, who, and whether it was reverted. One JSON file, replaced
// atomically on every change (QSaveFile), under the XDG state directory
// ($XDG_STATE_HOME/tcplens/sysctl-journal.json). A file that cannot be read is moved aside, never
// overwritten, and the reason is kept for the window to show.
class SysctlJournal
{
    Q_DECLARE_TR_FUNCTIONS(TcpLens::SysctlJournal)
public:
    static constexpr int FormatVersion = 1;

    // `path` empty: defaultPath().
    explicit SysctlJournal(QString path = {});
    static QString defaultPath();

    // Reads the file. On a file that is not a journal of a version this build reads, the file is
    // renamed to PATH.unreadable-TIME and the error says so; the journal then starts empty.
    std::expected<void, QString> load();
    std::expected<void, QString> append(const SysctlChange &change);
    std::expected<void, QString> markReverted(qsizetype index);

    const QList<SysctlChange> &changes() const { return m_changes; }
    const QString &path() const { return m_path; }
    // Changes still in force (not reverted), in the host's namespace (netns empty).
    QList<qsizetype> hostChangesInForce() const;

    // Pure: the file's bytes and back.
    static QByteArray serialize(const QList<SysctlChange> &changes);
    static std::expected<QList<SysctlChange>, QString> parse(const QByteArray &bytes);

private:
    std::expected<void, QString> save();

    QString m_path;
    QList<SysctlChange> m_changes;
};

} // namespace TcpLens
