// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "mainwindow.h"

#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

namespace TcpLens {

// `tcplens --screenshot FILE`: waits for live data, collects a while longer, chooses what makes a
// telling picture (the fullest listener, the connection with the richest history), renders the
// window or one view to FILE, prints the table rows it shows and quits. Exits with 1 and one line on
// stderr when no data came or the file cannot be written.
class ScreenshotRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString path;
        MainWindow::View view = MainWindow::View::Table;
        double afterSeconds = 0; // collect this long after the first snapshot
        QSize size; // the window's, or the one view's, size; invalid: 1400x860 (a view alone 1200x760)
        QString filter; // typed into the filter bar before the picture
        // The diagnosis's problem chosen before the picture ("top": the most urgent); with the Problems
        // or the Reading view, the most urgent unless another is named.
        QString problem;
    };

    ScreenshotRun(MainWindow &window, Options options, QObject *parent = nullptr);

    // Lays the window out for the picture and waits for the first snapshot.
    void start();

    // The table rows the window shows right now, one line each ("LISTEN 127.0.0.1:80 *:* 0 128"):
    // what a screenshot shows, as text, for scripts, tests and screen readers.
    static QStringList visibleRowsText(const MainWindow &window);
    // Shows the listener whose queues are fullest, unless the user chose one.
    static void selectFullestListener(MainWindow &window);
    // Follows the connection with the longest known history, unless one is followed; a connection
    // seen from its start, with many steps and samples, tells the most, a listener the least.
    static void followMostInterestingConnection(MainWindow &window);
    // Selects the sysctl whose explanation, listeners and counters tell the most about the scene
    // (net.core.somaxconn: listen queues overflow there), unless one is selected; once its value is
    // read, puts an edit into the editor (twice the limit), so the picture shows how changing works.
    static void chooseSysctl(MainWindow &window);
    // Chooses the problem of `ruleId` ("top": the first) in the Problems view, which shows its rows
    // in the table and reads one of them; brings both views forward. False when there is none.
    static bool chooseProblem(MainWindow &window, const QString &ruleId);

private:
    void firstSnapshotShown();
    void save();

    MainWindow &m_window;
    Options m_options;
    bool m_scheduled = false;
};

} // namespace TcpLens
