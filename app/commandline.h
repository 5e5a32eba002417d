// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"

#include <QSize>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace TcpLens {

// What the GUI was asked to do on the command line.
struct GuiOptions
{
    CollectorSettings collector;
    QString screenshotPath; // non-empty: render the window to this PNG and exit
    double screenshotAfterSeconds = 0; // collect this long before the screenshot
    QString view = QStringLiteral("table"); // what --screenshot renders: table, diagram, timeline, listeners, counters
    QSize screenshotSize; // --size WxH: the window's size for the screenshot; empty: the default
    QString screenshotFilter; // --filter TEXT: typed into the filter bar before the screenshot
    QString screenshotProblem; // --problem RULE: the diagnosis's problem chosen before the screenshot
    bool intervalGiven = false; // --interval overrides the preferences for this run
    QString theme; // --theme light|dark|system for this run; empty: the preferences' choice
    bool exactGiven = false; // --exact asks for exact transitions whatever the preferences say
    QString lab; // --lab SCENARIO: open the lab with it
    bool playLab = false; // --play: and run its steps
    QString recording; // FILE.tcplens: replay it instead of watching this machine
    QString recordTo; // --record FILE: record what the window shows from the start
    QString remote; // --remote [user@]host[:port]: watch that machine through its agent
};

// Called first in main(): takes "--lang LANG" or "--lang=LANG" out of argv, wherever it is (the window and
// every command take it), and returns LANG ("zh_CN", "en", "system"); empty when not given. A missing or
// unknown language ends the program with one line on stderr and exit status 2.
QString takeLanguageOption(int &argc, char **argv);

// Called first in main(), before any QGuiApplication exists (it would need a display): a first
// argument that is neither an option nor a command, an option the GUI does not know or a stray
// argument ends the program here, with one line on stderr and exit status 2.
void exitOnUnknownArguments(int argc, char **argv);

// Headless commands run without a display and before any QGuiApplication exists.
bool isHeadlessCommand(int argc, char **argv);
// True when the arguments ask for no window on a screen: a screenshot (rendered offscreen), --help
// or --version. These must work without a display.
bool needsNoDisplay(int argc, char **argv);

// Parses the GUI's options from QCoreApplication::arguments(); exits on --help, --version or an error.
GuiOptions parseGuiOptions(const QStringList &arguments);
// "1024x700" (or "1024X700") -> 1024 by 700; an invalid size for anything else or below 320x240.
QSize parseWindowSize(const QString &text);

// QCommandLineParser::process() for the GUI and each command: --help and --version as process()
// does them, but a wrong argument ends the program with one line and exit status 2 (process() exits
// with 1): "tcplens snapshot: unknown option '--x' (see tcplens snapshot --help)". arguments[0]
// names the program or command.
void processArguments(QCommandLineParser &parser, const QStringList &arguments);

} // namespace TcpLens
