// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "apppreferences.h"
#include "commandline.h"
#include "headlesscommands.h"
#include "mainwindow.h"

#include <QApplication>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

QtMessageHandler previousHandler = nullptr;

// The offscreen platform warns about every window feature it lacks (raise(), size hints of floating
// docks); for a screenshot that is noise, not news.
void quietOffscreenMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(u"This plugin does not support"_s))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

int main(int argc, char **argv)
{
    TcpLens::exitOnUnknownArguments(argc, argv);
    if (TcpLens::isHeadlessCommand(argc, argv))
        return TcpLens::runHeadlessCommand(argc, argv);
    // A screenshot, --help and --version need no display: render offscreen unless the caller chose.
    if (TcpLens::needsNoDisplay(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen")
        previousHandler = qInstallMessageHandler(quietOffscreenMessages);

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"tcplens"_s);
    QApplication::setApplicationDisplayName(u"TCP Lens"_s);
    QApplication::setOrganizationDomain(u"tcplens.org"_s);
    QApplication::setApplicationVersion(QStringLiteral(TCPLENS_VERSION_STRING));
    QApplication::setDesktopFileName(u"org.tcplens.TcpLens"_s);
    TcpLens::GuiOptions options = TcpLens::parseGuiOptions(QApplication::arguments());
    const auto preferences = TcpLens::AppPreferences::load();
    if (!options.intervalGiven)
        options.collector.intervalMs = preferences.pollIntervalMs;
    options.collector.exact = options.exactGiven || preferences.exactWhenPermitted;

    TcpLens::MainWindow window(options.collector, options.screenshotPath.isEmpty());
    if (options.theme == u"light"_s)
        window.setTheme(TcpLens::AppPreferences::Theme::Light);
    else if (options.theme == u"dark"_s)
        window.setTheme(TcpLens::AppPreferences::Theme::Dark);
    else if (options.theme == u"system"_s)
        window.setTheme(TcpLens::AppPreferences::Theme::System);
    const auto view = TcpLens::MainWindow::viewFromName(options.view).value_or(TcpLens::MainWindow::View::Table);
    if (!options.screenshotPath.isEmpty()) {
        window.resize(1400, 860);
        window.showView(view);
        if (view != TcpLens::MainWindow::View::Table)
            window.detachView(view, QSize(1200, 760));
        QObject::connect(&window, &TcpLens::MainWindow::snapshotShown, &app, [&] {
            static bool scheduled = false;
            if (std::exchange(scheduled, true))
                return;
            // The listener chart shows what was sampled after its listener was chosen: choose now.
            window.selectFullestListener();
            // A second before the picture, follow the connection with the richest history, so
            // the timeline and the diagram's path have something to show and have laid it out.
            const int afterMs = int(options.screenshotAfterSeconds * 1000);
            QTimer::singleShot(std::max(0, afterMs - 1000), &app, [&] { window.followMostInterestingConnection(); });
            QTimer::singleShot(afterMs, &app, [&] {
                QString error;
                // The picture's table starts at its top, with the listeners, wherever the followed
                // connection's row has moved the view since.
                window.connectionView()->scrollToTop();
                if (!window.saveScreenshot(options.screenshotPath, &error, view)) {
                    std::fprintf(stderr, "tcplens: %s\n", qPrintable(error));
                    QApplication::exit(1);
                    return;
                }
                // What the picture shows, as text: for scripts, tests and screen readers.
                const QStringList rows = window.visibleRowsText();
                for (const QString &row : rows)
                    std::printf("%s\n", qPrintable(row));
                QApplication::quit();
            });
        });
        // No data after 30 s means the collector cannot read the kernel: say so instead of hanging.
        QTimer::singleShot(30'000 + int(options.screenshotAfterSeconds * 1000), &app, [] {
            std::fputs("tcplens: no snapshot within 30 s; nothing to render\n", stderr);
            QApplication::exit(1);
        });
    }
    window.show();
    return app.exec();
}
