// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "mainwindow.h"

#include "collect/snapshotcollector.h"
#include "models/connectiontablemodel.h"
#include "uilogging.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace TcpLens {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const CollectorSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_collector(new SnapshotCollector(settings, this))
    , m_model(new ConnectionTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_netnsLabel(settings.netns.isEmpty() ? tr("own network namespace") : settings.netns)
    , m_effectiveIntervalMs(settings.intervalMs)
{
    setWindowTitle(tr("TCP Lens"));
    setWindowIcon(QIcon(u":/icons/tcplens.svg"_s));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ConnectionTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_filter = new QLineEdit(central);
    m_filter->setObjectName(u"connectionFilter"_s);
    m_filter->setPlaceholderText(tr("Filter: any text in a row, e.g. LISTEN, :443, nginx, 10.0.0.1  (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);

    m_view = new QTableView(central);
    m_view->setObjectName(u"connectionTable"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    layout->addWidget(m_view);
    setCentralWidget(central);

    createActions();
    createStatusBar();

    connect(m_collector, &SnapshotCollector::snapshotReady, this, &MainWindow::showSnapshot);
    connect(m_collector, &SnapshotCollector::failed, this, &MainWindow::showFailure);
    connect(m_collector, &SnapshotCollector::pacingChanged, this, &MainWindow::showPacing);

    restoreState();
    m_collector->start();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *screenshot = fileMenu->addAction(QIcon::fromTheme(u"camera-photo"_s), tr("Save &Screenshot…"));
    screenshot->setShortcut(QKeySequence(u"Ctrl+Shift+S"_s));
    connect(screenshot, &QAction::triggered, this, &MainWindow::saveScreenshotInteractively);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    m_pauseAction = viewMenu->addAction(QIcon::fromTheme(u"media-playback-pause"_s), tr("&Pause Updates"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_Pause));
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        m_collector->setPaused(paused);
        updateStatus();
    });
    QAction *refresh = viewMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh Now"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_collector, &SnapshotCollector::pollNow);
    QAction *find = viewMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Filter…"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About TCP Lens"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = helpMenu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    m_sourceLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_dumpLabel = new QLabel(this);
    m_sourceLabel->setObjectName(u"sourceLabel"_s);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_dumpLabel->setObjectName(u"dumpLabel"_s);
    statusBar()->addWidget(m_sourceLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_dumpLabel);
    m_countLabel->setText(tr("Waiting for the first dump…"));
    updateStatus();
}

void MainWindow::showSnapshot(const SocketSnapshot &snapshot)
{
    m_model->applySnapshot(snapshot);
    if (m_firstSnapshot) {
        m_firstSnapshot = false;
        m_view->resizeColumnsToContents();
    }
    updateStatus();
    Q_EMIT snapshotShown(snapshot.generation());
}

void MainWindow::showFailure(const QString &message)
{
    qCWarning(lcUi) << "collection failed:" << message;
    statusBar()->showMessage(tr("Cannot read the kernel's sockets: %1").arg(message));
}

void MainWindow::showPacing(int effectiveMs, bool backedOff, qint64 lastDumpNs)
{
    Q_UNUSED(lastDumpNs)
    m_effectiveIntervalMs = effectiveMs;
    m_backedOff = backedOff;
    updateStatus();
}

void MainWindow::updateStatus()
{
    QString source;
    if (m_pauseAction && m_pauseAction->isChecked())
        source = tr("Paused");
    else if (m_backedOff)
        source = tr("Polling every %1 s (slowed down: dumps are slow on this machine)")
                     .arg(double(m_effectiveIntervalMs) / 1000.0, 0, 'f', 1);
    else
        source = tr("Polling at %1 Hz").arg(1000.0 / double(std::max(m_effectiveIntervalMs, 1)), 0, 'g', 3);
    m_sourceLabel->setText(source + u" · "_s + m_netnsLabel);

    const SocketSnapshot &snapshot = m_model->snapshot();
    if (snapshot.isNull())
        return;
    m_countLabel->setText(
        tr("%n socket(s), %1 listening", nullptr, int(snapshot.sockets().size())).arg(snapshot.listeners().size()));
    m_dumpLabel->setText(tr("Last dump %1 at %2")
            .arg(u"%1 ms"_s.arg(double(snapshot.statistics().durationNs) / 1e6, 0, 'f', 1),
                snapshot.takenAt().toLocalTime().toString(u"HH:mm:ss"_s)));
}

bool MainWindow::saveScreenshot(const QString &path, QString *error)
{
    const QPixmap pixmap = grab();
    QImageWriter writer(path);
    if (!writer.write(pixmap.toImage())) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, writer.errorString());
        return false;
    }
    return true;
}

QStringList MainWindow::visibleRowsText() const
{
    QStringList lines;
    const QAbstractItemModel *model = m_view->model();
    const int first = std::max(0, m_view->rowAt(0));
    const int last = m_view->rowAt(m_view->viewport()->height() - 1);
    const int end = last < 0 ? model->rowCount() : last + 1;
    for (int row = first; row < end; ++row) {
        const auto cell = [&](int column) {
            return model->index(row, column).data();
        };
        const auto state = TcpState(model->index(row, 0).data(ConnectionTableModel::StateRole).toInt());
        lines.append(u"%1 %2 %3 %4 %5"_s.arg(QString(stateName(state)),
            cell(ConnectionTableModel::LocalColumn).toString(), cell(ConnectionTableModel::RemoteColumn).toString(),
            cell(ConnectionTableModel::ReceiveQueueColumn).toString(),
            cell(ConnectionTableModel::SendQueueColumn).toString()));
    }
    return lines;
}

void MainWindow::saveScreenshotInteractively()
{
    const QString defaultPath = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) + u"/tcplens-"_s +
        QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u".png"_s;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Screenshot"), defaultPath, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveScreenshot(path, &error))
        QMessageBox::warning(this, tr("Screenshot not saved"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About TCP Lens"),
        tr("<h3>TCP Lens %1</h3>"
           "<p>The kernel's TCP connections as they live and die, read live from sock_diag.</p>"
           "<p>Licensed under the GNU General Public License, version 2 or later.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1200, 720);
    QMainWindow::restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    const QByteArray header = settings.value(u"connectionTable/header"_s).toByteArray();
    if (!header.isEmpty() && m_view->horizontalHeader()->restoreState(header))
        m_firstSnapshot = false; // the user's column widths win over the automatic ones
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"connectionTable/header"_s, m_view->horizontalHeader()->saveState());
    event->accept();
}

} // namespace TcpLens
