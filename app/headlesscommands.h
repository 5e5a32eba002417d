// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <span>
#include <string_view>

class QCoreApplication;
class QObject;

namespace TcpLens {

// A command that needs no display: `tcplens snapshot ...`. The list of them is the one place that
// knows which first arguments are commands; tcplens --help lists them from it.
struct HeadlessCommand
{
    std::string_view name;
    const char *synopsis; // its options, as --help shows them
    const char *summary; // QT_TRANSLATE_NOOP("main", ...)
    // arguments[0] is "tcplens NAME", the rest what followed NAME.
    int (*run)(QCoreApplication &app, const QStringList &arguments);
};

std::span<const HeadlessCommand> headlessCommands();
const HeadlessCommand *findHeadlessCommand(std::string_view name);

// Runs the command argv[1] names in a QCoreApplication of its own (no QGuiApplication, no display),
// speaking `language` (--lang; empty: the preferences', else the system's); returns the process's exit code.
int runHeadlessCommand(int argc, char **argv, const QString &language = QString());

// SIGINT and SIGTERM end app.exec() with status 0 through the event loop (the handler only writes to
// a pipe) while the returned object lives; null if the pipe could not be made.
std::unique_ptr<QObject> exitOnInterrupt(QCoreApplication &app);

// The collector settings of a command that polls (`watch`, `record`): the namespace and the interval
// it was given (milliseconds, at least 10), or nothing once stderr says what was wrong, the message
// starting with `command` ("tcplens watch").
std::optional<CollectorSettings> pollingSettings(const QString &netns, const QString &intervalMs, const char *command);

} // namespace TcpLens
