// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "screenshotrun.h"

#include "charts/listenerpanel.h"
#include "diagnosis/problemsmodel.h"
#include "diagnosis/problemspanel.h"
#include "models/connectiontablemodel.h"
#include "pipeline/liveconnections.h"
#include "sysctl/sysctlpanel.h"
#include "sysctl/sysctlvalueeditor.h"

#include <QApplication>
#include <QDockWidget>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace TcpLens {

namespace {
// No data this long after the start means the collector cannot read the kernel.
constexpr int NoDataTimeoutMs = 30'000;
} // namespace

ScreenshotRun::ScreenshotRun(MainWindow &window, Options options, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_options(std::move(options))
{
}

void ScreenshotRun::start()
{
    m_window.resize(m_options.size.isValid() ? m_options.size : QSize(1400, 860));
    if (!m_options.filter.isEmpty())
        m_window.setFilterText(m_options.filter);
    m_window.showView(m_options.view);
    if (QDockWidget *dock = m_window.dock(m_options.view)) {
        // One view alone, floating at a size where the picture is not cramped.
        dock->setFloating(true);
        dock->resize(m_options.size.isValid() ? m_options.size : QSize(1200, 760));
        dock->show();
        dock->raise();
    }
    connect(&m_window, &MainWindow::snapshotShown, this, &ScreenshotRun::firstSnapshotShown);
    QTimer::singleShot(NoDataTimeoutMs + int(m_options.afterSeconds * 1000), this, [] {
        std::fputs("tcplens: no snapshot within 30 s; nothing to render\n", stderr);
        QApplication::exit(1);
    });
}

void ScreenshotRun::firstSnapshotShown()
{
    if (std::exchange(m_scheduled, true))
        return;
    // The listener chart shows what was sampled after its listener was chosen: choose now.
    selectFullestListener(m_window);
    chooseSysctl(m_window);
    // A second before the picture, follow the connection with the richest history, so the timeline
    // and the diagram's path have something to show and have laid it out.
    const int afterMs = int(m_options.afterSeconds * 1000);
    QTimer::singleShot(std::max(0, afterMs - 1000), this, [this] {
        // A problem chosen follows one of its rows, which then is the connection shown.
        QString problem = m_options.problem;
        if (problem.isEmpty() &&
            (m_options.view == MainWindow::View::Problems || m_options.view == MainWindow::View::Reading))
            problem = u"top"_s;
        if (!problem.isEmpty() && !chooseProblem(m_window, problem))
            std::fprintf(stderr, "tcplens: no problem '%s' in the diagnosis to choose\n", qPrintable(problem));
        followMostInterestingConnection(m_window);
        chooseSysctl(m_window);
    });
    QTimer::singleShot(afterMs, this, &ScreenshotRun::save);
}

void ScreenshotRun::save()
{
    // The picture's table starts at its top, with the listeners, wherever the followed connection's
    // row has moved the view since.
    m_window.connectionView()->scrollToTop();
    QString error;
    if (!m_window.saveScreenshot(m_options.path, &error, m_options.view)) {
        std::fprintf(stderr, "tcplens: %s\n", qPrintable(error));
        QApplication::exit(1);
        return;
    }
    for (const QString &row : visibleRowsText(m_window))
        std::printf("%s\n", qPrintable(row));
    QApplication::quit();
}

QStringList ScreenshotRun::visibleRowsText(const MainWindow &window)
{
    QStringList lines;
    const QTableView *view = window.connectionView();
    const QAbstractItemModel *model = view->model();
    const int first = std::max(0, view->rowAt(0));
    const int last = view->rowAt(view->viewport()->height() - 1);
    const int end = last < 0 ? model->rowCount() : last + 1;
    for (int row = first; row < end; ++row) {
        const auto cell = [&](int column) {
            return model->index(row, column).data().toString();
        };
        const auto state = TcpState(model->index(row, 0).data(ConnectionTableModel::StateRole).toInt());
        lines.append(u"%1 %2 %3 %4 %5"_s.arg(QString(stateName(state)), cell(ConnectionTableModel::LocalColumn),
            cell(ConnectionTableModel::RemoteColumn), cell(ConnectionTableModel::ReceiveQueueColumn),
            cell(ConnectionTableModel::SendQueueColumn)));
    }
    return lines;
}

void ScreenshotRun::selectFullestListener(MainWindow &window)
{
    // The panel chose one at its first sample; what is fullest now makes the telling picture.
    if (!window.listenerPanel()->isChosenByUser())
        window.listenerPanel()->selectBusiestListener();
}

void ScreenshotRun::followMostInterestingConnection(MainWindow &window)
{
    selectFullestListener(window);
    if (window.followedConnection() != 0)
        return;
    const auto score = [](const TrackedConnection &c) {
        return (c.last->state == TcpState::Listen ? 0 : 1'000'000) + (c.seenFromStart ? 100'000 : 0) +
            c.path.size() * 1000 + c.samples().size();
    };
    const quint64 chosen = window.connections()->inspect([&](const TrackingWorker &worker) {
        const TrackedConnection *best = nullptr;
        const auto consider = [&](const TrackedConnection &connection) {
            if (!best || score(connection) > score(*best))
                best = &connection;
        };
        worker.tracker().forEachOpen(consider);
        for (const auto &connection : worker.tracker().closed())
            consider(connection);
        return best ? best->id : quint64(0);
    });
    if (chosen != 0)
        window.followConnection(chosen);
    // A picture of the table starts at its top, with the listeners, wherever the connection is.
    window.connectionView()->scrollToTop();
}

bool ScreenshotRun::chooseProblem(MainWindow &window, const QString &ruleId)
{
    ProblemsPanel *panel = window.problemsPanel();
    const QString rule =
        ruleId == u"top"_s ? panel->model()->index(0, 0).data(ProblemsModel::RuleIdRole).toString() : ruleId;
    if (rule.isEmpty() || !panel->chooseProblem(rule))
        return false;
    window.showView(MainWindow::View::Problems);
    window.showView(MainWindow::View::Reading);
    // The picture is about the problem: the table needs the width for its rows' states and queues
    // more than a lab needs its narration (the status bar and the Problems view still name the lab).
    if (QDockWidget *lab = window.dock(MainWindow::View::Lab))
        lab->hide();
    return true;
}

void ScreenshotRun::chooseSysctl(MainWindow &window)
{
    SysctlPanel *panel = window.sysctlPanel();
    if (panel->selectedKey().isEmpty())
        panel->selectKey(u"net.core.somaxconn"_s);
    SysctlValueEditor *editor = panel->editor();
    if (!panel->hasValues() || editor->isEdited() || editor->form() != SysctlValueEditor::Form::Number)
        return;
    bool ok = false;
    const qint64 current = editor->current().toLongLong(&ok);
    if (ok)
        panel->editValue(QString::number(std::max<qint64>(current * 2, 1)));
}

} // namespace TcpLens
