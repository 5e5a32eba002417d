// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "mainwindow.h"

#include "charts/counterpanel.h"
#include "charts/listenerpanel.h"
#include "charts/timechartview.h"
#include "diagnosis/problemfilterbar.h"
#include "diagnosis/problemspanel.h"
#include "diagnosis/problemsstatusbutton.h"
#include "diagnosis/readingview.h"
#include "diagram/statediagrampanel.h"
#include "diagram/transitionplayer.h"
#include "elidedlabel.h"
#include "lab/labpanel.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "pipeline/labsource.h"
#include "pipeline/liveconnections.h"
#include "pipeline/localkernelsource.h"
#include "pipeline/remotesource.h"
#include "preferencesdialog.h"
#include "record/playbackbar.h"
#include "record/recordcontroller.h"
#include "remote/connecttohostdialog.h"
#include "remote/remotesessionbar.h"
#include "sysctl/sysctlpanel.h"
#include "themecontroller.h"
#include "timeline/connectiontimelineview.h"
#include "uilogging.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageWriter>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaEnum>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace TcpLens {

using namespace Qt::StringLiterals;

namespace {

ConnectionTracker::Settings trackerSettings(const AppPreferences &preferences)
{
    ConnectionTracker::Settings settings;
    settings.closedRetentionNs = qint64(preferences.closedRetentionSeconds) * 1'000'000'000;
    settings.maxClosed = preferences.maxClosedConnections;
    return settings;
}

} // namespace

std::optional<MainWindow::View> MainWindow::viewFromName(const QString &name)
{
    const QMetaEnum views = QMetaEnum::fromType<View>();
    for (int i = 0; i < views.keyCount(); ++i) {
        if (name.compare(QLatin1StringView(views.key(i)), Qt::CaseInsensitive) == 0)
            return View(views.value(i));
    }
    return std::nullopt;
}

MainWindow::MainWindow(const CollectorSettings &settings, bool rememberState, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_preferences(AppPreferences::load())
    , m_connections(new LiveConnections(this))
    , m_theme(new ThemeController(this))
    , m_model(new ConnectionTableModel(this))
    , m_proxy(new ConnectionFilterProxy(this))
    , m_hostSysctlsOnClose(rememberState ? HostSysctlsOnClose::Ask : HostSysctlsOnClose::Keep)
    , m_rememberState(rememberState)
{
    setWindowTitle(tr("TCP Lens"));
    // The installed icon theme's (PNG sizes too, for a Qt without its SVG plugins), else the built-in SVG.
    setWindowIcon(QIcon::fromTheme(u"org.tcplens.TcpLens"_s, QIcon(u":/icons/tcplens.svg"_s)));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    // The diagram is tall: it keeps the whole right side; timeline and charts go under the table.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    // What the command line chose wins over the saved preferences for this run.
    m_preferences.pollIntervalMs = settings.intervalMs;
    m_connections->setTrackerSettings(trackerSettings(m_preferences));
    // No view shows a socket's details (memory, most of tcp_info): 120 of a record's 240 bytes at
    // 120,000 sockets (docs/benchmarks.md). File -> Record asks for them while it records.
    m_settings.snapshot.keepDetails = false;
    m_connections->setSocketDetailsWanted(false);
    // The table takes each snapshot's tracking from showSnapshot(); kept here while it stands still.
    m_connections->setKeepsTracking(false);
    m_theme->setTheme(m_preferences.theme);

    createTable();
    createDocks();
    m_playback = new PlaybackBar(m_connections, this);
    addToolBar(Qt::BottomToolBarArea, m_playback);
    connect(m_playback, &PlaybackBar::leaveRequested, this, [this] { startSource(false); });
    connect(m_playback, &PlaybackBar::failed, this,
        [this](const QString &message) { statusBar()->showMessage(tr("Cannot play the recording: %1").arg(message)); });
    m_recorder = new RecordController(m_connections, this);
    connect(m_recorder, &RecordController::recordingChanged, this,
        [this](bool, const QString &message) { statusBar()->showMessage(message, 10'000); });
    createActions();
    createStatusBar();
    restoreWindowState();
    m_playback->hide(); // whatever the saved layout says: it shows with a recording
    // The charts follow the source's "now": a recording's position while one plays, for its samples
    // are of another time than this machine's clock.
    for (TimeChartView *chart : findChildren<TimeChartView *>())
        chart->setClock([this] { return m_connections->sourceNowNs(); });
    connect(m_connections, &LiveConnections::snapshotApplied, this, &MainWindow::showSnapshot);
    connect(m_model, &ConnectionTableModel::snapshotApplied, this, &MainWindow::tableUpdated);
    connect(m_connections, &LiveConnections::followedChanged, this, [this] {
        // Paused, the timeline and the path hold still with the table; they catch up on resume.
        if (!isDisplayPaused())
            showFollowedConnection();
    });
    connect(m_connections, &LiveConnections::statusChanged, this, &MainWindow::updateStatus);
    connect(m_connections, &LiveConnections::failed, this, [this](const QString &message) {
        qCWarning(lcUi) << "collection failed:" << message;
        statusBar()->showMessage(m_connections->description().kind == SourceDescription::Kind::Recording
                ? tr("Cannot play the recording: %1").arg(message)
                : tr("Cannot read the kernel's sockets: %1").arg(message));
    });
    connect(m_connections, &LiveConnections::sourceChanged, this, [this] {
        // A recording scrubbed to another moment is a fresh source whose tracker numbers the
        // connections anew: the followed one is found again by its socket, if that moment has it.
        const int followedRow = m_followed == 0 ? -1 : m_model->rowOfConnection(m_followed);
        m_refollowCookie =
            followedRow < 0 ? 0 : m_model->index(followedRow, 0).data(ConnectionTableModel::CookieRole).toULongLong();
        m_model->clear();
        m_followed = 0;
        m_timeline->clear();
        m_proxy->clearCookieFilter();
        m_firstSnapshot = true;
    });
    startSource(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::createTable()
{
    m_proxy->setConnectionModel(m_model);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_filter = new QLineEdit(central);
    m_filter->setObjectName(u"connectionFilter"_s);
    m_filter->setPlaceholderText(ConnectionFilter::syntaxHint());
    m_filter->setToolTip(ConnectionFilter::syntaxHelp());
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ConnectionFilterProxy::setFilterText);
    m_filterCount = new QLabel(central);
    m_filterCount->setObjectName(u"filterCount"_s);
    m_filterCount->setContentsMargins(6, 0, 6, 0);
    m_filterCount->setToolTip(tr("Rows the filter lets through, of the rows in the table"));
    m_filterCount->setVisible(false);
    auto *filterBar = new QHBoxLayout;
    filterBar->setContentsMargins(0, 0, 0, 0);
    filterBar->setSpacing(0);
    filterBar->addWidget(m_filter, 1);
    filterBar->addWidget(m_filterCount);
    layout->addLayout(filterBar);
    m_filterError = new QLabel(central);
    m_filterError->setObjectName(u"filterError"_s);
    m_filterError->setVisible(false);
    m_filterError->setWordWrap(true);
    m_filterError->setContentsMargins(6, 2, 6, 2);
    connect(m_proxy, &ConnectionFilterProxy::filterErrorsChanged, this, [this](const QStringList &errors) {
        m_filterError->setText(tr("Ignored: %1").arg(errors.join(u"; "_s)));
        m_filterError->setVisible(!errors.isEmpty());
    });
    layout->addWidget(m_filterError);
    layout->addWidget(new ProblemFilterBar(m_proxy, central));
    auto *clearProblemFilter = new QAction(central);
    clearProblemFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearProblemFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(clearProblemFilter, &QAction::triggered, m_proxy, &ConnectionFilterProxy::clearCookieFilter);
    central->addAction(clearProblemFilter);

    m_view = new QTableView(central);
    m_view->setObjectName(u"connectionTable"_s);
    // Connected before the view's own slots, which run next and move the selection to a neighbour of
    // a removed row (QAbstractItemView::rowsAboutToBeRemoved(), single selection): the followed
    // connection must not change with it.
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { ++m_rowsChanging; });
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { ++m_rowsChanging; });
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, [this] { ++m_rowsChanging; });
    m_view->setModel(m_proxy);
    // ... and these after the view's, once it has moved its selection.
    const auto changed = [this] {
        m_rowsChanging = std::max(0, m_rowsChanging - 1);
    };
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, changed);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, changed);
    // A new filter may hide the followed row or bring it back.
    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        syncSelectionToFollowed();
        updateFilterCount();
    });
    connect(m_proxy, &ConnectionFilterProxy::cookieFilterChanged, this, [this] {
        syncSelectionToFollowed();
        updateFilterCount();
    });
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConnectionTableModel::StateColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // 120,000 rows: the header must not measure every row to size itself.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setToolTip(tr("Right-click to choose the columns or size them to their contents"));
    connect(m_view->horizontalHeader(), &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showTableContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::selectionChanged);
    layout->addWidget(m_view);
    setCentralWidget(central);
}

void MainWindow::createDocks()
{
    const auto addDock = [this](View view, const QString &title, const QString &name, QWidget *content,
                             Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        content->setParent(dock);
        dock->setWidget(content);
        addDockWidget(area, dock);
        m_docks.insert(view, dock);
        m_views.insert(view, content);
        return dock;
    };
    m_diagram = new StateDiagramPanel(this);
    m_diagram->setObjectName(u"stateDiagram"_s);
    m_diagram->setConnections(m_connections);
    connect(m_diagram, &StateDiagramPanel::stateClicked, this, &MainWindow::filterByState);
    addDock(View::Diagram, tr("State Diagram"), u"diagramDock"_s, m_diagram, Qt::RightDockWidgetArea);
    m_timeline = new ConnectionTimelineView(this);
    m_timeline->setObjectName(u"connectionTimeline"_s);
    // Its charts and table would claim half the window; the user gives it room by dragging.
    m_timeline->setMinimumSize(240, 160);
    QDockWidget *timeline =
        addDock(View::Timeline, tr("Connection Timeline"), u"timelineDock"_s, m_timeline, Qt::BottomDockWidgetArea);
    m_listeners = new ListenerPanel(this);
    m_listeners->setObjectName(u"listenerPanel"_s);
    m_listeners->setConnections(m_connections);
    QDockWidget *listeners =
        addDock(View::Listeners, tr("Listeners"), u"listenersDock"_s, m_listeners, Qt::BottomDockWidgetArea);
    m_counters = new CounterPanel(this);
    m_counters->setObjectName(u"counterPanel"_s);
    m_counters->setConnections(m_connections);
    QDockWidget *counters =
        addDock(View::Counters, tr("Counters"), u"countersDock"_s, m_counters, Qt::BottomDockWidgetArea);
    m_sysctls = new SysctlPanel(this);
    m_sysctls->setObjectName(u"sysctlPanel"_s);
    m_sysctls->setConnections(m_connections);
    // The selected key's states light up in the diagram.
    connect(m_sysctls, &SysctlPanel::relatedStatesChanged, m_diagram, &StateDiagramPanel::setHighlightedStates);
    // Its tree, explanation, editor, chart and journal want more room than a 1024x700 screen gives a
    // bottom dock: it scrolls there instead of pushing the window taller.
    auto *sysctlsScroll = new QScrollArea(this);
    sysctlsScroll->setObjectName(u"sysctlScroll"_s);
    sysctlsScroll->setWidgetResizable(true);
    sysctlsScroll->setFrameShape(QFrame::NoFrame);
    sysctlsScroll->setWidget(m_sysctls);
    QDockWidget *sysctls =
        addDock(View::Sysctls, tr("Sysctls"), u"sysctlsDock"_s, sysctlsScroll, Qt::BottomDockWidgetArea);
    m_lab = new LabPanel(this);
    m_lab->setObjectName(u"labPanel"_s);
    m_lab->setConnections(m_connections);
    connect(m_lab, &LabPanel::startRequested, this,
        [this](const QString &scenario, const QString &title) { startLab(scenario, title); });
    connect(m_lab, &LabPanel::leaveRequested, this, [this] { startSource(false); });
    QDockWidget *lab = addDock(View::Lab, tr("Lab"), u"labDock"_s, m_lab, Qt::LeftDockWidgetArea);
    // Out of the way until a lesson is wanted (Alt+6, the Lab menu, --lab).
    lab->hide();
    m_problems = new ProblemsPanel(this);
    m_problems->setObjectName(u"problemsPanel"_s);
    m_problems->setConnections(m_connections);
    connect(m_problems, &ProblemsPanel::filterRequested, this,
        [this](const QString &, const QString &title, const QList<quint64> &cookies) {
            m_proxy->setCookieFilter(QSet<quint64>(cookies.cbegin(), cookies.cend()), title);
        });
    connect(m_problems, &ProblemsPanel::problemChosen, this, &MainWindow::readProblemRow);
    connect(m_problems, &ProblemsPanel::filterCleared, m_proxy, &ConnectionFilterProxy::clearCookieFilter);
    connect(m_problems, &ProblemsPanel::sysctlRequested, this, &MainWindow::showSysctl);
    connect(m_proxy, &ConnectionFilterProxy::cookieFilterChanged, m_problems, [this] {
        if (!m_proxy->hasCookieFilter())
            m_problems->clearChoice();
    });
    QDockWidget *problems =
        addDock(View::Problems, tr("Problems"), u"problemsDock"_s, m_problems, Qt::BottomDockWidgetArea);
    m_reading = new ReadingView(this);
    m_reading->setObjectName(u"readingView"_s);
    m_reading->setConnections(m_connections);
    connect(m_reading, &ReadingView::sysctlRequested, this, &MainWindow::showSysctl);
    QDockWidget *reading =
        addDock(View::Reading, tr("Why Is It Here?"), u"readingDock"_s, m_reading, Qt::RightDockWidgetArea);
    splitDockWidget(m_docks.value(View::Diagram), reading, Qt::Vertical);
    // Under the diagram, which it would shorten: shown when asked (Alt+8, a problem chosen, the table's
    // context menu).
    reading->hide();
    tabifyDockWidget(timeline, listeners);
    tabifyDockWidget(listeners, counters);
    tabifyDockWidget(counters, sysctls);
    tabifyDockWidget(sysctls, problems);
    timeline->raise();
    m_views.insert(View::Table, m_view);
}

QWidget *MainWindow::viewWidget(View view) const
{
    return m_views.value(view);
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(QIcon::fromTheme(u"document-open"_s), tr("&Open Recording…"));
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Replay a recording made with File → Record or tcplens record"));
    connect(open, &QAction::triggered, this, &MainWindow::openRecordingInteractively);
    fileMenu->addAction(m_recorder->action());
    fileMenu->addSeparator();
    QAction *connectToHostAction = fileMenu->addAction(QIcon::fromTheme(u"network-connect"_s), tr("&Connect to Host…"));
    connect(connectToHostAction, &QAction::triggered, this, [this] {
        ConnectToHostDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted)
            connectToHost(dialog.destination());
    });
    QAction *screenshot = fileMenu->addAction(QIcon::fromTheme(u"camera-photo"_s), tr("Save &Screenshot…"));
    screenshot->setShortcut(QKeySequence(u"Ctrl+Shift+S"_s));
    connect(screenshot, &QAction::triggered, this, &MainWindow::saveScreenshotInteractively);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *copy = editMenu->addAction(QIcon::fromTheme(u"edit-copy"_s), tr("&Copy Row"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            QGuiApplication::clipboard()->setText(m_model->rowText(m_proxy->mapToSource(current).row()));
    });
    QAction *find = editMenu->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Filter…"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    QAction *clearFilter = editMenu->addAction(tr("C&lear Filter"));
    clearFilter->setShortcut(QKeySequence(u"Ctrl+Shift+F"_s));
    connect(clearFilter, &QAction::triggered, m_filter, &QLineEdit::clear);
    editMenu->addSeparator();
    QAction *preferences = editMenu->addAction(QIcon::fromTheme(u"configure"_s), tr("&Preferences…"));
    // QKeySequence::Preferences is empty outside KDE, GNOME and macOS (a bare X server, Xvfb): the
    // Ctrl+, the README promises is bound here too.
    QList<QKeySequence> preferenceKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (const QKeySequence ctrlComma(Qt::CTRL | Qt::Key_Comma); !preferenceKeys.contains(ctrlComma))
        preferenceKeys.append(ctrlComma);
    preferences->setShortcuts(preferenceKeys);
    preferences->setObjectName(u"preferencesAction"_s);
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, &MainWindow::editPreferences);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    m_pauseAction = viewMenu->addAction(QIcon::fromTheme(u"media-playback-pause"_s), tr("&Pause Display"));
    m_pauseAction->setObjectName(u"pauseAction"_s);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcuts({QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Pause)});
    m_pauseAction->setToolTip(tr("Freeze the table and hold the diagram's animations; collection goes on, "
                                 "so nothing is missed (Space)"));
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setDisplayPaused);
    // The diagram's own pause button and Space are one switch.
    connect(m_diagram->player(), &TransitionPlayer::pausedChanged, m_pauseAction, &QAction::setChecked);
    connect(m_diagram->player(), &TransitionPlayer::pausedChanged, this, &MainWindow::updateStepActions);
    connect(m_diagram->player(), &TransitionPlayer::rateChanged, this, &MainWindow::updateStepActions);
    // Arrows step the diagram only while it is paused or slowed down; otherwise they move in the table.
    m_stepForwardAction = viewMenu->addAction(QIcon::fromTheme(u"media-skip-forward"_s), tr("Step &Forward"));
    m_stepForwardAction->setShortcut(QKeySequence(Qt::Key_Right));
    connect(m_stepForwardAction, &QAction::triggered, m_diagram, &StateDiagramPanel::stepForward);
    m_stepBackAction = viewMenu->addAction(QIcon::fromTheme(u"media-skip-backward"_s), tr("Step &Back"));
    m_stepBackAction->setShortcut(QKeySequence(Qt::Key_Left));
    connect(m_stepBackAction, &QAction::triggered, m_diagram, &StateDiagramPanel::stepBackward);
    QMenu *speedMenu = viewMenu->addMenu(tr("Playback &Speed"));
    for (const double rate : StateDiagramPanel::playbackRates()) {
        QAction *speed = speedMenu->addAction(rate >= 1 ? tr("Live") : tr("1/%1").arg(qRound(1.0 / rate)));
        connect(speed, &QAction::triggered, m_diagram, [this, rate] { m_diagram->setPlaybackRate(rate); });
    }
    updateStepActions();
    m_refreshAction = viewMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh Now"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, m_connections, &LiveConnections::pollNow);
    QAction *sizeColumns = viewMenu->addAction(tr("Size &Columns to Contents"));
    sizeColumns->setShortcut(QKeySequence(u"Ctrl+Shift+R"_s));
    connect(sizeColumns, &QAction::triggered, this, &MainWindow::sizeColumnsToContents);
    viewMenu->addSeparator();
    const auto addDockToggle = [this, viewMenu](View view, Qt::Key key) {
        QDockWidget *dock = m_docks.value(view);
        // Not the dock's own toggle action: that hides a dock tabbed behind another instead of
        // bringing it forward.
        QAction *toggle = viewMenu->addAction(dock->windowTitle());
        toggle->setObjectName(dock->objectName() + u"Toggle"_s);
        toggle->setCheckable(true);
        toggle->setChecked(dock->toggleViewAction()->isChecked());
        toggle->setShortcut(QKeySequence(Qt::ALT | key));
        toggle->setToolTip(tr("Bring %1 forward; hide it when it is already in front").arg(dock->windowTitle()));
        connect(dock->toggleViewAction(), &QAction::toggled, toggle, &QAction::setChecked);
        connect(toggle, &QAction::triggered, this, [this, view, dock, toggle] {
            toggleDock(view);
            toggle->setChecked(!dock->isHidden());
        });
    };
    int key = Qt::Key_1;
    for (const View view : {View::Diagram, View::Timeline, View::Listeners, View::Counters})
        addDockToggle(view, Qt::Key(key++));
    QAction *sysctls = m_docks.value(View::Sysctls)->toggleViewAction();
    sysctls->setShortcut(QKeySequence(Qt::ALT | Qt::Key_5));
    viewMenu->addAction(sysctls);
    addDockToggle(View::Lab, Qt::Key_6);
    addDockToggle(View::Problems, Qt::Key_7);
    addDockToggle(View::Reading, Qt::Key_8);

    QMenu *labMenu = menuBar()->addMenu(tr("&Lab"));
    QAction *startOrLeave = labMenu->addAction(QIcon::fromTheme(u"system-run"_s), tr("&Start or Leave the Lab"));
    startOrLeave->setShortcut(QKeySequence(u"Ctrl+L"_s));
    startOrLeave->setToolTip(tr("Run the scenario chosen in the Lab panel in a namespace of its own, or go back "
                                "to watching this machine"));
    connect(startOrLeave, &QAction::triggered, this, [this] {
        showView(View::Lab);
        if (m_connections->description().kind == SourceDescription::Kind::Lab)
            startSource(false);
        else if (!m_lab->selectedScenario().isEmpty())
            startLab(m_lab->selectedScenario(), QString());
    });
    labMenu->addSeparator();
    labMenu->addActions(m_lab->runActions());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About TCP Lens"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = helpMenu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    // The longest text gives way on a small screen instead of widening the window past it; its
    // tooltip says the same and more.
    m_collectionLabel = new ElidedLabel(this);
    m_sourceLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_dumpLabel = new QLabel(this);
    m_collectionLabel->setObjectName(u"collectionLabel"_s);
    m_sourceLabel->setObjectName(u"sourceLabel"_s);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_dumpLabel->setObjectName(u"dumpLabel"_s);
    statusBar()->addWidget(m_collectionLabel, 1);
    // First of the permanent widgets: what is wrong comes before where and how much.
    auto *problems = new ProblemsStatusButton(this);
    problems->setConnections(m_connections);
    connect(problems, &QToolButton::clicked, this, [this] { showView(View::Problems); });
    statusBar()->addPermanentWidget(m_recorder->indicator());
    statusBar()->addPermanentWidget(problems);
    statusBar()->addPermanentWidget(m_sourceLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_dumpLabel);
    m_countLabel->setText(tr("Waiting for the first dump…"));
}

void MainWindow::startSource(bool sameKernel)
{
    // Exact mode switched while a remote host is watched: a new session of that host, not this machine.
    if (sameKernel && m_remoteBar && qobject_cast<RemoteSource *>(m_connections->source())) {
        m_remoteBar->restart(m_settings.exact);
        return;
    }
    LocalKernelSource::Options options;
    options.collector = m_settings;
    // The same kernel read another way (exact mode switched): the connections followed so far go on.
    m_connections->setSource(std::make_unique<LocalKernelSource>(options),
        sameKernel ? LiveConnections::SourceChange::SameKernel : LiveConnections::SourceChange::Fresh);
    showSourceDescription();
}

void MainWindow::connectToHost(const QString &destination)
{
    std::optional<RemoteSource::Options> options = RemoteSource::parseDestination(destination);
    if (!options) {
        statusBar()->showMessage(tr("Not a host: %1 (write [user@]host[:port])").arg(destination));
        return;
    }
    options->intervalMs = m_settings.intervalMs;
    options->netns = m_settings.netns;
    options->exact = m_settings.exact;
    if (!m_remoteBar) {
        m_remoteBar = new RemoteSessionBar(m_connections, this);
        statusBar()->addPermanentWidget(m_remoteBar);
        connect(m_remoteBar, &RemoteSessionBar::connected, this, &MainWindow::showSourceDescription);
    }
    ConnectToHostDialog::rememberHost(destination.trimmed());
    m_remoteBar->connectTo(*options);
    showSourceDescription();
}

void MainWindow::startLab(const QString &scenario, const QString &title, bool play)
{
    LabSource::Options options;
    options.scenario = scenario;
    options.scenarioTitle = title;
    options.playWhenLoaded = play;
    options.watch.collector = m_settings;
    options.watch.collector.netns.clear(); // the lab's own, once its helper made it
    auto lab = std::make_unique<LabSource>(options);
    LabSource *source = lab.get();
    m_connections->setSource(std::move(lab), LiveConnections::SourceChange::Fresh);
    // The description names the namespace once the helper has made it.
    connect(source, &LabSource::scenarioLoaded, this, &MainWindow::showSourceDescription);
    showView(View::Lab);
    // The narration and the claims with what the kernel did want a third of the window, not the
    // width of a dock that was hidden until now.
    if (!std::exchange(m_labDockSized, true))
        resizeDocks({m_docks.value(View::Lab)}, {qMax(420, width() / 3)}, Qt::Horizontal);
    // A lesson is told in counters: their charts, with a marker at every step, come forward.
    showView(View::Counters);
    showSourceDescription();
}

std::expected<void, QString> MainWindow::openRecording(const QString &path)
{
    if (auto opened = m_playback->open(path); !opened)
        return opened;
    showSourceDescription();
    return {};
}

void MainWindow::openRecordingInteractively()
{
    QSettings settings;
    const QString folder =
        settings.value(u"recordings/folder"_s, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Recording"), folder, tr("TCP Lens recordings (*.tcplens);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(u"recordings/folder"_s, QFileInfo(path).absolutePath());
    if (auto opened = openRecording(path); !opened)
        QMessageBox::warning(this, tr("Cannot Open the Recording"), opened.error());
}

void MainWindow::showSourceDescription()
{
    const SourceDescription description = m_connections->description();
    const SourceCapabilities capabilities = m_connections->capabilities();
    const QString netns = description.netns.isEmpty() ? tr("TCP Lens's own") : description.netns;
    m_refreshAction->setEnabled(capabilities.live);
    if (description.kind == SourceDescription::Kind::Recording) {
        const RecordingInfo &info = m_playback->info();
        const QString when = QLocale().toString(info.startedAt, QLocale::ShortFormat);
        m_sourceLabel->setText(tr("Recording: %1 · %2, %3").arg(description.title, description.host, when));
        m_sourceLabel->setToolTip(
            tr("<p>A recording: <b>%1</b>, made on <b>%2</b> (Linux %3, network namespace: %4) on %5 by %6.</p>"
               "<p>Nothing here is live: what the table, the diagram and the charts show is what the kernel "
               "showed then. Back to Live (in the playback bar) watches this machine again.</p>")
                .arg(QDir::toNativeSeparators(info.path).toHtmlEscaped(), description.host.toHtmlEscaped(),
                    description.kernel.toHtmlEscaped(), netns.toHtmlEscaped(),
                    QLocale().toString(info.startedAt, QLocale::LongFormat).toHtmlEscaped(),
                    info.writtenBy.toHtmlEscaped()));
        setWindowTitle(tr("TCP Lens — Recording: %1 (%2, %3)").arg(description.title, description.host, when));
        updateStatus();
        return;
    }
    if (description.kind == SourceDescription::Kind::Lab) {
        m_sourceLabel->setText(tr("Lab: %1").arg(description.title));
        m_sourceLabel->setToolTip(
            tr("<p>A lab: the scenario <b>%1</b> runs in a network namespace TCP Lens made for it (%2), on "
               "this machine's kernel (Linux %3). Nothing of this machine's own network is touched.</p>"
               "<p>Leave the lab (Ctrl+L) to watch this machine again.</p>")
                .arg(description.title.toHtmlEscaped(), netns.toHtmlEscaped(), description.kernel.toHtmlEscaped()));
        setWindowTitle(tr("TCP Lens — Lab: %1").arg(description.title));
        updateStatus();
        return;
    }
    m_sourceLabel->setText(tr("%1 · network namespace: %2").arg(description.host, netns));
    QStringList can;
    QStringList cannot;
    (capabilities.exactTransitions ? can : cannot).append(tr("exact transitions (with CAP_PERFMON)"));
    (capabilities.owners ? can : cannot).append(tr("owning processes"));
    (capabilities.sysctlWrites ? can : cannot).append(tr("sysctl changes"));
    m_sourceLabel->setToolTip(
        tr("<p>Watching the kernel of <b>%1</b> (Linux %2), %3.</p><p>This source offers: %4.</p>%5")
            .arg(description.host.toHtmlEscaped(), description.kernel.toHtmlEscaped(), netns.toHtmlEscaped(),
                can.join(u", "_s),
                cannot.isEmpty() ? QString() : tr("<p>Not here: %1.</p>").arg(cannot.join(u", "_s))));
    setWindowTitle(description.netns.isEmpty() ? tr("TCP Lens — %1").arg(description.host)
                                               : tr("TCP Lens — %1, %2").arg(description.host, description.netns));
    if (description.kind == SourceDescription::Kind::Remote) {
        setWindowTitle(tr("TCP Lens — %1 (remote, ssh %2)").arg(description.host, description.title));
        m_sourceLabel->setText(tr("%1 over ssh · network namespace: %2")
                .arg(description.host, description.netns.isEmpty() ? tr("the agent's own") : description.netns));
    }
    updateStatus();
}

void MainWindow::showSnapshot()
{
    const SocketSnapshot &snapshot = m_connections->latest();
    if (!isDisplayPaused()) {
        // In slices: tableUpdated() follows once the rows show it.
        m_model->applySnapshot(snapshot, m_connections->latestTracked().tracking);
        updateStatus();
        return;
    }
    m_trackingWhilePaused = m_connections->latestTracked().tracking;
    updateStatus();
    Q_EMIT snapshotShown(snapshot.generation());
}

void MainWindow::tableUpdated(quint64 generation)
{
    m_view->viewport()->update(); // "In state for" moved on every row (the model does not signal it)
    if (std::exchange(m_firstSnapshot, false))
        sizeColumnsToContents();
    if (const quint64 cookie = std::exchange(m_refollowCookie, 0)) {
        if (const int row = m_model->rowOfCookie(cookie); row >= 0)
            followConnection(m_model->index(row, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong());
    }
    showFollowedConnection();
    updateFilterCount();
    updateStatus();
    Q_EMIT snapshotShown(generation);
}

void MainWindow::updateFilterCount()
{
    const bool filtering = !m_filter->text().trimmed().isEmpty() || m_proxy->hasCookieFilter();
    m_filterCount->setVisible(filtering);
    if (filtering)
        m_filterCount->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void MainWindow::sizeColumnsToContents()
{
    // The rows on screen only: QHeaderView's default looks at 1,000 rows per column, formatting
    // 15,000 cells at the first snapshot (40 ms of the GUI thread at 120,000 sockets).
    m_view->horizontalHeader()->setResizeContentsPrecision(0);
    m_view->resizeColumnsToContents();
    // The first rows seen rarely hold the widest texts a column gets: marks ("× TIME-WAIT") and
    // timers ("keepalive (1 h 59 min, 0)") come later. Keep room for them.
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = metrics.averageCharWidth() * 3;
    const auto atLeast = [&](int column, const QString &text) {
        m_view->setColumnWidth(
            column, std::max(m_view->columnWidth(column), metrics.horizontalAdvance(text) + padding));
    };
    atLeast(ConnectionTableModel::StateColumn, u"× CLOSE-WAIT"_s);
    atLeast(ConnectionTableModel::TimerColumn, u"keepalive (1 h 59 min, 0)"_s);
    atLeast(ConnectionTableModel::TimeInStateColumn, u"59 min 59 s"_s);
}

void MainWindow::updateStatus()
{
    const LiveConnections::Status &status = m_connections->status();
    const int intervalMs = status.effectiveIntervalMs > 0 ? status.effectiveIntervalMs : m_settings.intervalMs;
    QString polling;
    if (status.backedOff)
        polling =
            tr("polling every %1 s (slowed down: dumps take long here)").arg(double(intervalMs) / 1000.0, 0, 'f', 1);
    else
        polling = tr("polling at %1 Hz").arg(1000.0 / double(std::max(intervalMs, 1)), 0, 'g', 3);
    QString text = status.exactActive ? tr("Exact transitions from the kernel, %1").arg(polling)
                                      : tr("Inferred between polls, %1").arg(polling);
    // A replay polls nothing: what counts is how the recording was made.
    if (m_connections->description().kind == SourceDescription::Kind::Recording)
        text = status.exactActive ? tr("Replaying a recording made with exact transitions")
                                  : tr("Replaying a recording made by polling");
    if (status.exactActive && status.exactEventsLost > 0)
        text += tr(
            " (%n event(s) lost to full ring buffers; those steps are inferred)", nullptr, int(status.exactEventsLost));
    if (isDisplayPaused())
        text = tr("Display paused (Space resumes): every view holds still; collection goes on, nothing is missed");
    else if (m_settings.exact && !status.exactActive && !status.exactStatus.isEmpty())
        text += tr(" — no exact mode: %1").arg(status.exactStatus);
    m_collectionLabel->setText(text);
    const QString detail = status.exactStatus.isEmpty()
        ? tr("States between two polls are inferred from RFC 9293's diagram. Exact mode (Preferences) "
             "needs CAP_PERFMON.")
        : status.exactStatus;
    m_collectionLabel->setToolTip(u"<p>%1</p><p>%2</p>"_s.arg(text.toHtmlEscaped(), detail.toHtmlEscaped()));

    const SocketSnapshot &latest = m_connections->latest();
    if (latest.isNull())
        return;
    // The count is of what the table shows (held while paused); the last dump, beside it, shows that
    // collection goes on.
    const SocketSnapshot &shown = isDisplayPaused() && !m_model->snapshot().isNull() ? m_model->snapshot() : latest;
    m_countLabel->setText(
        tr("%n socket(s), %1 listening", nullptr, int(shown.sockets().size())).arg(shown.listeners().size()));
    m_dumpLabel->setText((isDisplayPaused() ? tr("Collecting: last dump %1 ms at %2") : tr("Last dump %1 ms at %2"))
            .arg(double(latest.statistics().durationNs) / 1e6, 0, 'f', 1)
            .arg(latest.takenAt().toLocalTime().toString(u"HH:mm:ss"_s)));
}

void MainWindow::selectionChanged()
{
    if (m_selecting || m_rowsChanging > 0)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // Only the user chooses another connection: a row that went away (its connection closed, or the
    // filter hides it) leaves its connection followed, its timeline and path on show.
    if (rows.isEmpty())
        return;
    const quint64 id = rows.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong();
    if (id == m_followed)
        return;
    m_followed = id;
    m_connections->setFollowedConnection(id);
    showFollowedConnection();
    Q_EMIT followedConnectionChanged(id);
}

void MainWindow::followConnection(quint64 connectionId)
{
    m_followed = connectionId;
    m_connections->setFollowedConnection(connectionId);
    selectConnectionRow(connectionId, true);
    showFollowedConnection();
    Q_EMIT followedConnectionChanged(connectionId);
}

void MainWindow::selectConnectionRow(quint64 connectionId, bool scroll)
{
    const int sourceRow = m_model->rowOfConnection(connectionId);
    const QModelIndex proxyIndex = sourceRow < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    m_selecting = true;
    if (proxyIndex.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (scroll)
            m_view->scrollTo(proxyIndex);
    } else {
        // No row (gone, or filtered out): no other row may look followed.
        m_view->selectionModel()->clearSelection();
    }
    m_selecting = false;
}

void MainWindow::syncSelectionToFollowed()
{
    if (m_followed == 0 || isDisplayPaused())
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selectedHere =
        !rows.isEmpty() && rows.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong() == m_followed;
    if (!selectedHere)
        selectConnectionRow(m_followed, false);
}

void MainWindow::showFollowedConnection()
{
    const TrackedConnection *connection = m_followed == 0 ? nullptr : m_connections->followedConnection();
    m_diagram->setHighlightedPath(connection ? connection->path : QList<ConnectionStep>());
    m_reading->setCookie(connection ? connection->cookie : 0);
    if (!connection) {
        m_timeline->clear();
        return;
    }
    const SocketSnapshot &latest = m_connections->latest();
    m_timeline->setConnection(*connection, latest.isNull() ? connection->openedNs : latest.monotonicNs());
    // The connection's socket may have changed (request to child, full socket to TIME-WAIT): keep
    // its new row selected, or none when it has no row.
    syncSelectionToFollowed();
}

void MainWindow::showTableContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const int sourceRow = m_proxy->mapToSource(index).row();
    const QModelIndex source = m_model->index(sourceRow, 0);
    const auto state = TcpState(source.data(ConnectionTableModel::StateRole).toInt());
    const quint16 localPort = quint16(source.data(ConnectionTableModel::LocalPortRole).toUInt());
    const quint16 remotePort = quint16(source.data(ConnectionTableModel::RemotePortRole).toUInt());
    const QString command = source.data(ConnectionTableModel::ProcessNameRole).toString();
    const quint64 connectionId = source.data(ConnectionTableModel::ConnectionIdRole).toULongLong();

    QMenu menu(this);
    menu.addAction(QIcon::fromTheme(u"edit-copy"_s), tr("Copy Row"), this,
        [this, sourceRow] { QGuiApplication::clipboard()->setText(m_model->rowText(sourceRow)); });
    menu.addSeparator();
    const auto addFilter = [&](const QString &label, const QString &term) {
        menu.addAction(QIcon::fromTheme(u"view-filter"_s), label, this, [this, term] {
            const QString current = m_filter->text().trimmed();
            m_filter->setText(current.isEmpty() ? term : current + u' ' + term);
        });
    };
    addFilter(tr("Filter by Local Port %1").arg(localPort), u"lport:%1"_s.arg(localPort));
    if (state != TcpState::Listen && remotePort != 0)
        addFilter(tr("Filter by Remote Port %1").arg(remotePort), u"rport:%1"_s.arg(remotePort));
    // The command is what a user means by "this process" (not its PID, which changes every run).
    if (!command.isEmpty())
        addFilter(tr("Filter by Process %1").arg(command), u"proc:%1"_s.arg(command));
    addFilter(tr("Filter by State %1").arg(QString(stateName(state))), ConnectionFilter::stateTerm(state));
    menu.addSeparator();
    QAction *follow =
        menu.addAction(QIcon::fromTheme(u"go-jump"_s), tr("Follow This Connection"), this, [this, connectionId] {
            followConnection(connectionId);
            showView(View::Timeline);
        });
    follow->setEnabled(connectionId != 0);
    QAction *why = menu.addAction(QIcon::fromTheme(u"help-hint"_s), tr("Why Is It Here?"), this, [this, connectionId] {
        followConnection(connectionId);
        showView(View::Reading);
    });
    why->setEnabled(connectionId != 0);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void MainWindow::setTheme(AppPreferences::Theme theme)
{
    m_theme->setTheme(theme);
}

void MainWindow::toggleDock(View view)
{
    QDockWidget *dock = m_docks.value(view);
    if (!dock)
        return;
    // A dock tabbed behind another is not hidden, only covered: its visible region is empty.
    const bool inFront = !dock->isHidden() && dock->isVisible() && !dock->visibleRegion().isEmpty();
    if (inFront)
        dock->hide();
    else
        showView(view);
}

void MainWindow::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_view->horizontalHeader();
    QMenu menu(this);
    menu.addAction(tr("Size Columns to Contents"), this, &MainWindow::sizeColumnsToContents);
    menu.addSeparator();
    int shown = 0;
    for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column)
        shown += header->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays: a table without columns cannot be right-clicked again.
        action->setEnabled(header->isSectionHidden(column) || shown > 1);
        connect(action, &QAction::toggled, this, [this, column](bool visible) {
            m_view->horizontalHeader()->setSectionHidden(column, !visible);
            if (visible && m_view->columnWidth(column) < 20)
                m_view->resizeColumnToContents(column);
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Show All Columns"), this, [this] {
        for (int column = 0; column < ConnectionTableModel::ColumnCount; ++column)
            m_view->horizontalHeader()->setSectionHidden(column, false);
    });
    menu.exec(header->mapToGlobal(position));
}

void MainWindow::showView(View view)
{
    QDockWidget *dock = m_docks.value(view);
    if (!dock)
        return;
    dock->show();
    dock->raise();
    // A reading is a few paragraphs: the first time it is shown under the diagram, they share the height.
    if (view == View::Reading && !dock->isFloating() && !std::exchange(m_readingDockSized, true))
        resizeDocks({m_docks.value(View::Diagram), dock}, {height() / 2, height() / 2}, Qt::Vertical);
}

bool MainWindow::isDisplayPaused() const
{
    return m_pauseAction && m_pauseAction->isChecked();
}

void MainWindow::updateStepActions()
{
    const TransitionPlayer *player = m_diagram->player();
    const bool stepping = player->isPaused() || player->rate() < 1.0;
    m_stepForwardAction->setEnabled(stepping);
    m_stepBackAction->setEnabled(stepping);
}

void MainWindow::filterByState(TcpState state)
{
    // A click replaces any state term and keeps the rest of what the user typed.
    m_filter->setText(ConnectionFilter::withStateTerm(m_filter->text(), state));
}

void MainWindow::readProblemRow(const QList<quint64> &cookies)
{
    // One of the chosen problem's rows is read in "Why is it here?", unless one already is.
    const TrackedConnection *followed = m_followed == 0 ? nullptr : m_connections->followedConnection();
    const bool followedAmong = followed && cookies.contains(followed->cookie);
    const int row = cookies.isEmpty() || followedAmong ? -1 : m_model->rowOfCookie(cookies.constFirst());
    if (row >= 0)
        followConnection(m_model->index(row, 0).data(ConnectionTableModel::ConnectionIdRole).toULongLong());
    showView(View::Reading);
}

void MainWindow::showSysctl(const QString &key)
{
    if (m_sysctls->selectKey(key))
        showView(View::Sysctls);
}

void MainWindow::setDisplayPaused(bool paused)
{
    if (m_diagram->player()->isPaused() != paused)
        m_diagram->player()->setPaused(paused);
    m_listeners->setPaused(paused);
    m_counters->setPaused(paused);
    m_problems->setPaused(paused);
    m_reading->setPaused(paused);
    if (!paused && !m_connections->latest().isNull()) {
        // Catch up: the tracker kept following while the table stood still (tableUpdated() follows).
        m_model->applySnapshot(m_connections->latest(), std::exchange(m_trackingWhilePaused, {}));
    }
    updateStatus();
}

void MainWindow::applyPreferences(const AppPreferences &preferences)
{
    const bool restart = preferences.exactWhenPermitted != m_preferences.exactWhenPermitted;
    m_preferences = preferences;
    m_preferences.save();
    m_connections->setTrackerSettings(trackerSettings(preferences));
    m_theme->setTheme(preferences.theme);
    m_settings.intervalMs = preferences.pollIntervalMs;
    m_settings.exact = preferences.exactWhenPermitted;
    if (restart)
        startSource(true); // the tracepoint is opened by the collector's thread when it starts
    else
        m_connections->setPollIntervalMs(preferences.pollIntervalMs);
    updateStatus();
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(m_preferences, this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences(dialog.preferences());
}

bool MainWindow::saveScreenshot(const QString &path, QString *error, View view)
{
    QWidget *widget = view == View::Table ? this : m_views.value(view);
    // Labels whose text just changed (the filter's count, the last dump) have asked for a new
    // layout that the event loop has not run yet: run it, or the picture shows them cut.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QPixmap pixmap = widget->grab();
    QImageWriter writer(path);
    if (!writer.write(pixmap.toImage())) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, writer.errorString());
        return false;
    }
    return true;
}

void MainWindow::saveScreenshotInteractively()
{
    // Not the current directory when there is no Pictures folder: that may be a source checkout.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString defaultPath =
        folder + u"/tcplens-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u".png"_s;
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
           "<p>The kernel's TCP connections as they live and die, read live from sock_diag, and why.</p>"
           "<p>Licensed under the GNU General Public License, version 2 or later.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!m_rememberState || !restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1400, 860);
    if (!m_rememberState || !restoreState(settings.value(u"mainWindow/state"_s).toByteArray())) {
        // First run: the table and the diagram side by side, the timeline and charts below; sized
        // once the window is laid out (showEvent), when the docks' sizes mean something.
        m_defaultDockSizes = true;
        return;
    }
    const QByteArray header = settings.value(u"connectionTable/header"_s).toByteArray();
    if (!header.isEmpty() && m_view->horizontalHeader()->restoreState(header))
        m_firstSnapshot = false; // the user's column widths win over the automatic ones
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (std::exchange(m_defaultDockSizes, false)) {
        // After the first layout pass, which sizes the docks by their contents' hints (the counter
        // charts would take most of the height).
        QTimer::singleShot(0, this, [this] {
            // Two fifths of the width, but no more than the diagram needs to read well: on a large
            // screen the rest goes to the table's columns.
            resizeDocks({m_docks.value(View::Diagram)}, {std::clamp(width() * 2 / 5, 340, 660)}, Qt::Horizontal);
            resizeDocks({m_docks.value(View::Timeline)}, {height() * 2 / 5}, Qt::Vertical);
        });
    }
}

bool MainWindow::mayCloseWithHostSysctls()
{
    const QList<qsizetype> inForce = m_sysctls->hostChangesInForce();
    if (inForce.isEmpty())
        return true;
    if (m_closingAfterReverts)
        return false; // the reverts run; close() comes again when they are done
    HostSysctlsOnClose answer = m_hostSysctlsOnClose;
    if (answer == HostSysctlsOnClose::Ask) {
        QMessageBox question(QMessageBox::Question, tr("Sysctl changes still in force"),
            tr("TCP Lens changed %n sysctl(s) of this machine, still in force.", nullptr, int(inForce.size())),
            QMessageBox::NoButton, this);
        question.setInformativeText(tr("They stay until the next reboot unless they are reverted. The journal keeps "
                                       "them either way, so they can be reverted later from the Sysctls panel."));
        QPushButton *revert = question.addButton(tr("Revert and Quit"), QMessageBox::DestructiveRole);
        QPushButton *keep = question.addButton(tr("Keep and Quit"), QMessageBox::AcceptRole);
        question.addButton(QMessageBox::Cancel);
        question.setDefaultButton(keep);
        question.exec();
        if (question.clickedButton() == keep)
            answer = HostSysctlsOnClose::Keep;
        else if (question.clickedButton() == revert)
            answer = HostSysctlsOnClose::Revert;
        else
            return false;
    }
    if (answer == HostSysctlsOnClose::Keep)
        return true;
    // Reverting may wait for polkit: the window stays until it is done, then closes, or shows why not.
    m_closingAfterReverts = true;
    connect(m_sysctls, &SysctlPanel::idle, this, [this] {
        disconnect(m_sysctls, &SysctlPanel::idle, this, nullptr);
        m_closingAfterReverts = false;
        if (m_sysctls->hostChangesInForce().isEmpty()) {
            close();
        } else {
            showView(View::Sysctls);
            statusBar()->showMessage(tr("Not every sysctl change could be reverted; the Sysctls panel says why"));
        }
    });
    m_sysctls->revertHostChanges();
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mayCloseWithHostSysctls()) {
        event->ignore();
        return;
    }
    event->accept();
    m_recorder->stop();
    if (!m_rememberState)
        return;
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"connectionTable/header"_s, m_view->horizontalHeader()->saveState());
}

} // namespace TcpLens
