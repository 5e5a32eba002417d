// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "mainwindow.h"

#include "charts/counterpanel.h"
#include "charts/listenerpanel.h"
#include "collect/snapshotcollector.h"
#include "diagram/statediagrampanel.h"
#include "diagram/transitionplayer.h"
#include "models/connectionfilterproxy.h"
#include "models/connectiontablemodel.h"
#include "preferencesdialog.h"
#include "themecontroller.h"
#include "timeline/connectiontimelineview.h"
#include "uilogging.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QImageWriter>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaEnum>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

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
    , m_theme(new ThemeController(this))
    , m_model(new ConnectionTableModel(this))
    , m_proxy(new ConnectionFilterProxy(this))
    , m_netnsName(settings.netns)
    , m_effectiveIntervalMs(settings.intervalMs)
    , m_rememberState(rememberState)
{
    setWindowTitle(tr("TCP Lens"));
    setWindowIcon(QIcon(u":/icons/tcplens.svg"_s));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    // The diagram is tall: it keeps the whole right side; timeline and charts go under the table.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    // What the command line chose wins over the saved preferences for this run.
    m_preferences.pollIntervalMs = settings.intervalMs;
    m_tracker.setSettings(trackerSettings(m_preferences));
    m_theme->setTheme(m_preferences.theme);

    createTable();
    createDocks();
    createActions();
    createStatusBar();
    restoreWindowState();
    startCollector();
    // One 20 Hz listener-only sampler feeds both chart panels (queues, counters, sysctl markers).
    m_listeners->start(m_settings.netns);
    m_counters->setSampler(m_listeners->sampler());
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
    m_filter->setToolTip(tr("<p>Words narrow the table: every word must match.</p>"
                            "<p><b>text</b> anywhere in a row · <b>state:</b>estab, listen, syn-recv, time-wait, … "
                            "(prefixes work) · <b>port:</b>443 (either end; <b>lport:</b>, <b>rport:</b> for one) · "
                            "<b>addr:</b>10.0.0 · <b>proc:</b>nginx or a PID · a leading <b>-</b> excludes "
                            "(-state:listen) · the same key twice means either (state:fin1 state:fin2).</p>"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ConnectionFilterProxy::setFilterText);
    layout->addWidget(m_filter);
    m_filterError = new QLabel(central);
    m_filterError->setObjectName(u"filterError"_s);
    m_filterError->setVisible(false);
    m_filterError->setContentsMargins(6, 2, 6, 2);
    connect(m_proxy, &ConnectionFilterProxy::filterErrorsChanged, this, [this](const QStringList &errors) {
        m_filterError->setText(tr("Ignored: %1").arg(errors.join(u"; "_s)));
        m_filterError->setVisible(!errors.isEmpty());
    });
    layout->addWidget(m_filterError);

    m_view = new QTableView(central);
    m_view->setObjectName(u"connectionTable"_s);
    m_view->setModel(m_proxy);
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
    connect(m_listeners, &ListenerPanel::failed, this, &MainWindow::showFailure);
    QDockWidget *listeners =
        addDock(View::Listeners, tr("Listeners"), u"listenersDock"_s, m_listeners, Qt::BottomDockWidgetArea);
    m_counters = new CounterPanel(this);
    m_counters->setObjectName(u"counterPanel"_s);
    connect(m_counters, &CounterPanel::failed, this, &MainWindow::showFailure);
    QDockWidget *counters =
        addDock(View::Counters, tr("Counters"), u"countersDock"_s, m_counters, Qt::BottomDockWidgetArea);
    tabifyDockWidget(timeline, listeners);
    tabifyDockWidget(listeners, counters);
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
    preferences->setShortcut(QKeySequence::Preferences);
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
    QAction *refresh = viewMenu->addAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh Now"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, this, [this] { m_collector->pollNow(); });
    viewMenu->addSeparator();
    int key = Qt::Key_1;
    for (const View view : {View::Diagram, View::Timeline, View::Listeners, View::Counters}) {
        QAction *toggle = m_docks.value(view)->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key(key++)));
        viewMenu->addAction(toggle);
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About TCP Lens"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = helpMenu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    m_sourceLabel = new QLabel(this);
    m_netnsLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_dumpLabel = new QLabel(this);
    m_sourceLabel->setObjectName(u"sourceLabel"_s);
    m_netnsLabel->setObjectName(u"netnsLabel"_s);
    m_countLabel->setObjectName(u"countLabel"_s);
    m_dumpLabel->setObjectName(u"dumpLabel"_s);
    statusBar()->addWidget(m_sourceLabel, 1);
    statusBar()->addPermanentWidget(m_netnsLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_dumpLabel);
    m_netnsLabel->setText(
        m_netnsName.isEmpty() ? tr("Network namespace: TCP Lens's own") : tr("Network namespace: %1").arg(m_netnsName));
    m_countLabel->setText(tr("Waiting for the first dump…"));
    updateStatus();
}

void MainWindow::startCollector()
{
    if (m_collector) {
        // The new collector counts generations from 1 again: nothing it sends is stale.
        delete m_collector;
        m_latest = {};
        m_model->expectNewSource();
    }
    m_collector = new SnapshotCollector(m_settings, this);
    m_exactActive = false;
    m_exactLost = 0;
    m_exactStatus.clear();
    connect(m_collector, &SnapshotCollector::snapshotReady, this, &MainWindow::showSnapshot);
    connect(m_collector, &SnapshotCollector::socketsDestroyed, this, &MainWindow::showDestroyed);
    connect(m_collector, &SnapshotCollector::stateChanges, this, &MainWindow::showStateChanges);
    connect(m_collector, &SnapshotCollector::exactModeChanged, this, &MainWindow::showExactMode);
    connect(m_collector, &SnapshotCollector::exactEventsLost, this, [this](qint64 count) {
        m_exactLost += count;
        updateStatus();
    });
    connect(m_collector, &SnapshotCollector::failed, this, &MainWindow::showFailure);
    connect(m_collector, &SnapshotCollector::pacingChanged, this, &MainWindow::showPacing);
    m_collector->start();
    updateStatus();
}

void MainWindow::showSnapshot(const SocketSnapshot &snapshot)
{
    if (!m_latest.isNull() && snapshot.generation() <= m_latest.generation() &&
        snapshot.netnsInode() == m_latest.netnsInode())
        return; // overtaken by a newer one
    const ConnectionEvents events = m_tracker.applySnapshot(snapshot);
    m_latest = snapshot;
    if (!isDisplayPaused()) {
        m_model->applySnapshot(snapshot, &m_tracker);
        m_view->viewport()->update(); // "In state for" moved on every row (the model does not signal it)
        if (m_firstSnapshot) {
            m_firstSnapshot = false;
            m_view->resizeColumnsToContents();
        }
    }
    showEvents(events);
    QHash<TcpState, int> counts;
    for (const SocketRecord &socket : snapshot.sockets())
        ++counts[socket.state];
    m_diagram->setStateCounts(counts);
    m_counters->addStateCounts(snapshot.monotonicNs(), counts);
    showFollowedConnection();
    updateStatus();
    Q_EMIT snapshotShown(snapshot.generation());
}

void MainWindow::showDestroyed(const DestroyedSockets &destroyed)
{
    showEvents(m_tracker.applyDestroyed(destroyed));
}

void MainWindow::showStateChanges(const QList<StateChangeEvent> &changes)
{
    showEvents(m_tracker.applyExact(changes));
}

void MainWindow::showEvents(const ConnectionEvents &events)
{
    if (events.isEmpty())
        return;
    m_diagram->addEvents(events);
    if (m_followed != 0) {
        for (const ConnectionEvent &event : events) {
            if (event.connectionId == m_followed) {
                showFollowedConnection();
                break;
            }
        }
    }
}

void MainWindow::showExactMode(bool active, const QString &status)
{
    m_exactActive = active;
    m_exactStatus = status;
    updateStatus();
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
    QString polling;
    if (m_backedOff)
        polling = tr("polling every %1 s (slowed down: dumps take long here)")
                      .arg(double(m_effectiveIntervalMs) / 1000.0, 0, 'f', 1);
    else
        polling = tr("polling at %1 Hz").arg(1000.0 / double(std::max(m_effectiveIntervalMs, 1)), 0, 'g', 3);
    QString source = m_exactActive ? tr("Exact transitions from the kernel, %1").arg(polling)
                                   : tr("Inferred between polls, %1").arg(polling);
    source[0] = source[0].toUpper();
    if (m_exactActive && m_exactLost > 0)
        source += tr(" (%n event(s) lost to full ring buffers; those steps are inferred)", nullptr, int(m_exactLost));
    if (isDisplayPaused())
        source = tr("Display paused (Space resumes); collection goes on");
    else if (m_settings.exact && !m_exactActive && !m_exactStatus.isEmpty())
        source += tr(" — no exact mode: %1").arg(m_exactStatus);
    m_sourceLabel->setText(source);
    m_sourceLabel->setToolTip(m_exactStatus.isEmpty()
            ? tr("States between two polls are inferred from RFC 9293's diagram. Exact mode (Preferences) "
                 "needs CAP_PERFMON.")
            : m_exactStatus);

    if (m_latest.isNull())
        return;
    m_countLabel->setText(
        tr("%n socket(s), %1 listening", nullptr, int(m_latest.sockets().size())).arg(m_latest.listeners().size()));
    m_dumpLabel->setText(tr("Last dump %1 ms at %2")
            .arg(double(m_latest.statistics().durationNs) / 1e6, 0, 'f', 1)
            .arg(m_latest.takenAt().toLocalTime().toString(u"HH:mm:ss"_s)));
}

void MainWindow::selectionChanged()
{
    if (m_selecting)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // A row that went away (its connection closed) leaves the connection followed: its timeline and
    // path stay on show until the user picks another.
    if (rows.isEmpty())
        return;
    const quint64 id = rows.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong();
    if (id == m_followed)
        return;
    m_followed = id;
    showFollowedConnection();
    Q_EMIT followedConnectionChanged(id);
}

void MainWindow::followConnection(quint64 connectionId)
{
    m_followed = connectionId;
    const int sourceRow = m_model->rowOfConnection(connectionId);
    const QModelIndex proxyIndex = sourceRow < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    m_selecting = true;
    if (proxyIndex.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(proxyIndex);
    }
    m_selecting = false;
    showFollowedConnection();
    Q_EMIT followedConnectionChanged(connectionId);
}

void MainWindow::selectFullestListener()
{
    if (m_latest.isNull() || m_listeners->selectedCookie() != 0)
        return;
    const ListenerQueue *fullest = nullptr;
    const auto fill = [](const ListenerQueue &q) {
        return double(q.acceptQueueLength + q.synQueueLength) / double(std::max(q.acceptQueueLimit, 1u));
    };
    for (const ListenerQueue &queue : m_latest.listeners()) {
        if (!fullest || fill(queue) > fill(*fullest))
            fullest = &queue;
    }
    if (fullest)
        m_listeners->selectListenerCookie(fullest->cookie);
}

void MainWindow::followMostInterestingConnection()
{
    selectFullestListener();
    if (m_followed != 0)
        return;
    const TrackedConnection *best = nullptr;
    const auto consider = [&](const TrackedConnection &connection) {
        // A connection seen from its start, with many steps and samples, tells the most; a listener
        // the least.
        const auto score = [](const TrackedConnection &c) {
            return (c.last.state == TcpState::Listen ? 0 : 1'000'000) + (c.seenFromStart ? 100'000 : 0) +
                c.path.size() * 1000 + c.samples.size();
        };
        if (!best || score(connection) > score(*best))
            best = &connection;
    };
    m_tracker.forEachOpen(consider);
    for (const auto &connection : m_tracker.closed())
        consider(connection);
    if (best)
        followConnection(best->id);
    // A picture of the table starts at its top, with the listeners, wherever the connection is.
    m_view->scrollToTop();
}

void MainWindow::showFollowedConnection()
{
    const TrackedConnection *connection = m_followed == 0 ? nullptr : m_tracker.find(m_followed);
    m_diagram->setHighlightedPath(connection ? connection->path : QList<ConnectionStep>());
    if (!connection) {
        m_timeline->clear();
        return;
    }
    m_timeline->setConnection(*connection, m_latest.isNull() ? connection->openedNs : m_latest.monotonicNs());
    // The connection's socket may have changed (request to child, full socket to TIME-WAIT): keep
    // its new row selected.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selectedHere =
        !rows.isEmpty() && rows.constFirst().data(ConnectionTableModel::ConnectionIdRole).toULongLong() == m_followed;
    if (!selectedHere && !isDisplayPaused()) {
        const int sourceRow = m_model->rowOfConnection(m_followed);
        if (sourceRow >= 0) {
            const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
            if (proxyIndex.isValid()) {
                m_selecting = true;
                m_view->selectionModel()->setCurrentIndex(
                    proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_selecting = false;
            }
        }
    }
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
    const QString process = m_model->index(sourceRow, ConnectionTableModel::ProcessColumn).data().toString();
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
    // "nginx (1234)": the command is what a user means by "this process".
    const QString command = process.section(u" ("_s, 0, 0);
    if (!command.isEmpty() && !command.startsWith(u'—') && !command.startsWith(u'?') && !command.startsWith(u'…'))
        addFilter(tr("Filter by Process %1").arg(command), u"proc:%1"_s.arg(command));
    addFilter(
        tr("Filter by State %1").arg(QString(stateName(state == TcpState::NewSynRecv ? TcpState::SynRecv : state))),
        ConnectionFilter::stateTerm(state));
    menu.addSeparator();
    QAction *follow =
        menu.addAction(QIcon::fromTheme(u"go-jump"_s), tr("Follow This Connection"), this, [this, connectionId] {
            followConnection(connectionId);
            showView(View::Timeline);
        });
    follow->setEnabled(connectionId != 0);
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

void MainWindow::showView(View view)
{
    if (QDockWidget *dock = m_docks.value(view)) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::detachView(View view, QSize size)
{
    QDockWidget *dock = m_docks.value(view);
    if (!dock)
        return;
    dock->setFloating(true);
    dock->resize(size);
    dock->show();
    dock->raise();
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
    QStringList words = m_filter->text().split(u' ', Qt::SkipEmptyParts);
    words.removeIf([](const QString &word) { return word.startsWith(u"state:"_s) || word.startsWith(u"s:"_s); });
    words.append(ConnectionFilter::stateTerm(state));
    m_filter->setText(words.join(u' '));
}

void MainWindow::setDisplayPaused(bool paused)
{
    if (m_diagram->player()->isPaused() != paused)
        m_diagram->player()->setPaused(paused);
    m_listeners->setPaused(paused);
    m_counters->setPaused(paused);
    if (!paused && !m_latest.isNull()) {
        // Catch up at once: the tracker kept following while the table stood still.
        m_model->applySnapshot(m_latest, &m_tracker);
        showFollowedConnection();
    }
    updateStatus();
}

void MainWindow::applyPreferences(const AppPreferences &preferences)
{
    const bool restart = preferences.exactWhenPermitted != m_preferences.exactWhenPermitted;
    m_preferences = preferences;
    m_preferences.save();
    m_tracker.setSettings(trackerSettings(preferences));
    m_theme->setTheme(preferences.theme);
    m_settings.intervalMs = preferences.pollIntervalMs;
    m_effectiveIntervalMs = preferences.pollIntervalMs;
    m_settings.exact = preferences.exactWhenPermitted;
    if (restart)
        startCollector(); // the tracepoint is opened by the collector's thread when it starts
    else
        m_collector->setIntervalMs(preferences.pollIntervalMs);
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
    const QPixmap pixmap = widget->grab();
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
            resizeDocks({m_docks.value(View::Diagram)}, {width() * 2 / 5}, Qt::Horizontal);
            resizeDocks({m_docks.value(View::Timeline)}, {height() * 2 / 5}, Qt::Vertical);
        });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    event->accept();
    if (!m_rememberState)
        return;
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"connectionTable/header"_s, m_view->horizontalHeader()->saveState());
}

} // namespace TcpLens
