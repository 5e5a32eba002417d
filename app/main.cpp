// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "commandline.h"
#include "headlesscommands.h"
#include "mainwindow.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    if (TcpLens::isHeadlessCommand(argc, argv))
        return TcpLens::runHeadlessCommand(argc, argv);
    // A screenshot, --help and --version need no display: render offscreen unless the caller chose.
    if (TcpLens::needsNoDisplay(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"tcplens"_s);
    QApplication::setApplicationDisplayName(u"TCP Lens"_s);
    QApplication::setOrganizationDomain(u"tcplens.org"_s);
    QApplication::setApplicationVersion(QStringLiteral(TCPLENS_VERSION_STRING));
    QApplication::setDesktopFileName(u"org.tcplens.TcpLens"_s);
    const TcpLens::GuiOptions options = TcpLens::parseGuiOptions(QApplication::arguments());

    TcpLens::MainWindow window(options.collector);
    if (!options.screenshotPath.isEmpty()) {
        window.resize(1280, 760);
        QObject::connect(&window, &TcpLens::MainWindow::snapshotShown, &app, [&] {
            static bool scheduled = false;
            if (std::exchange(scheduled, true))
                return;
            QTimer::singleShot(int(options.screenshotAfterSeconds * 1000), &app, [&] {
                QString error;
                if (!window.saveScreenshot(options.screenshotPath, &error)) {
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
