// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "apppreferences.h"
#include "commandline.h"
#include "headlesscommands.h"
#include "i18n/displaylanguage.h"
#include "mainwindow.h"
#include "model/allocatorpolicy.h"
#include "record/recordcontroller.h"
#include "screenshotrun.h"

#include <QApplication>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

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
    TcpLens::applyAllocatorPolicy();
    const QString language = TcpLens::takeLanguageOption(argc, argv);
    TcpLens::exitOnUnknownArguments(argc, argv);
    if (TcpLens::isHeadlessCommand(argc, argv))
        return TcpLens::runHeadlessCommand(argc, argv, language);
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
    const auto preferences = TcpLens::AppPreferences::load();
    // Before the first text is made: --help too speaks the language. Takes effect at start only.
    TcpLens::DisplayLanguage::apply(
        TcpLens::DisplayLanguage::fromSystem(language.isEmpty() ? preferences.language : language));
    // The lab's helper, started later, reads its scenarios in the same language.
    qputenv("LANGUAGE", TcpLens::DisplayLanguage::current().toLocal8Bit());
    TcpLens::GuiOptions options = TcpLens::parseGuiOptions(QApplication::arguments());
    if (!options.intervalGiven)
        options.collector.intervalMs = preferences.pollIntervalMs;
    options.collector.exact = options.exactGiven || preferences.exactWhenPermitted;

    TcpLens::MainWindow window(options.collector, options.screenshotPath.isEmpty());
    if (const auto theme = TcpLens::AppPreferences::themeFromName(options.theme))
        window.setTheme(*theme);
    if (!options.lab.isEmpty())
        window.startLab(options.lab, QString(), options.playLab);
    if (!options.recordTo.isEmpty()) {
        if (auto started = window.recorder()->start(options.recordTo); !started) {
            std::fprintf(stderr, "tcplens: %s\n", qPrintable(started.error()));
            return 1;
        }
    }
    if (!options.recording.isEmpty()) {
        if (auto opened = window.openRecording(options.recording); !opened) {
            std::fprintf(stderr, "tcplens: %s\n", qPrintable(opened.error()));
            if (!options.screenshotPath.isEmpty())
                return 1;
            // Started from a file manager, nobody reads stderr: the window says it and watches this machine.
            QTimer::singleShot(0, &window, [&window, error = opened.error()] {
                QMessageBox::warning(&window, QCoreApplication::translate("main", "Cannot Open the Recording"), error);
            });
        }
    }
    if (!options.remote.isEmpty())
        window.connectToHost(options.remote);
    TcpLens::ScreenshotRun::Options screenshotOptions;
    screenshotOptions.path = options.screenshotPath;
    screenshotOptions.view = TcpLens::MainWindow::viewFromName(options.view).value_or(TcpLens::MainWindow::View::Table);
    screenshotOptions.afterSeconds = options.screenshotAfterSeconds;
    screenshotOptions.size = options.screenshotSize;
    screenshotOptions.filter = options.screenshotFilter;
    screenshotOptions.problem = options.screenshotProblem;
    TcpLens::ScreenshotRun screenshot(window, screenshotOptions);
    if (!options.screenshotPath.isEmpty())
        screenshot.start();
    window.show();
    return app.exec();
}
