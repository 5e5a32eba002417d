// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "apppreferences.h"
#include "collect/collectorsettings.h"
#include "model/tcpstate.h"
#include "pipeline/trackedsnapshot.h"

#include <QMainWindow>

#include <expected>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTableView;

namespace TcpLens {

class ConnectionFilterProxy;
class ConnectionTableModel;
class ConnectionTimelineView;
class ConnectionTracker;
class CounterPanel;
class ListenerPanel;
class LiveConnections;
class StateDiagramPanel;
class SysctlPanel;
class LabPanel;
class PlaybackBar;
class ProblemsPanel;
class ReadingView;
class RecordController;
class RemoteSessionBar;
class ThemeController;

// The window a user keeps open: the connection table in the centre; the state diagram, the selected
// connection's timeline and reading ("Why is it here?"), the listeners' queues, the kernel's counters
// and the diagnosis's problems in docks the user can move, stack or close (remembered between runs).
//
// It builds menus and docks and keeps one thing of its own: which connection the user follows. The
// data come from one LiveConnections, which every panel reads by itself (docs/architecture.md).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View : quint8 { Table, Diagram, Timeline, Listeners, Counters, Sysctls, Lab, Problems, Reading };
    Q_ENUM(View)
    static std::optional<View> viewFromName(const QString &name);

    // Watches the kernel as `settings` says (namespace, interval, exact mode). `rememberState`:
    // restore the layout saved by the last run and save it on close. Screenshots and tests leave it
    // off so they neither depend on nor change a user's layout.
    explicit MainWindow(const CollectorSettings &settings, bool rememberState = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    LiveConnections *connections() const { return m_connections; }
    ConnectionTableModel *connectionModel() const { return m_model; }
    ConnectionFilterProxy *connectionProxy() const { return m_proxy; }
    QTableView *connectionView() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QWidget *viewWidget(View view) const;
    QDockWidget *dock(View view) const { return m_docks.value(view); }
    StateDiagramPanel *diagramPanel() const { return m_diagram; }
    ConnectionTimelineView *timelineView() const { return m_timeline; }
    ListenerPanel *listenerPanel() const { return m_listeners; }
    CounterPanel *counterPanel() const { return m_counters; }
    SysctlPanel *sysctlPanel() const { return m_sysctls; }
    LabPanel *labPanel() const { return m_lab; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    ReadingView *readingView() const { return m_reading; }
    PlaybackBar *playbackBar() const { return m_playback; }
    RecordController *recorder() const { return m_recorder; }
    // Watches a new lab of `scenario` (a built-in's name or a file) instead of the machine.
    // `play`: runs its steps as soon as it is loaded.
    void startLab(const QString &scenario, const QString &title = QString(), bool play = false);
    // Replays a recording (tcplens record, File -> Record) instead of watching the machine; the
    // error names what is wrong with the file, and the window goes on with what it showed.
    std::expected<void, QString> openRecording(const QString &path);

    // What closing does while sysctl changes TCP Lens made on the host are still in force.
    enum class HostSysctlsOnClose : quint8 {
        Ask, // keep them, revert them, or stay open (a person is there to answer)
        Keep,
        Revert, // revert, then close once they are reverted (stay open if one fails)
    };
    // Ask by default; Keep for screenshots and tests (rememberState off), where nobody answers.
    void setHostSysctlsOnClose(HostSysctlsOnClose answer) { m_hostSysctlsOnClose = answer; }

    // Renders the window (View::Table) or one view (the dock's contents) to an image file.
    bool saveScreenshot(const QString &path, QString *error = nullptr, View view = View::Table);

    // Selects the connection's row, keeps it selected across polls, shows its timeline and its path.
    void followConnection(quint64 connectionId);
    quint64 followedConnection() const { return m_followed; }
    void setFilterText(const QString &text);
    // What the preferences dialog's OK does: saves them and applies them at once.
    void applyPreferences(const AppPreferences &preferences);
    const AppPreferences &preferences() const { return m_preferences; }
    // For this run only (the command line's --theme): the preferences keep their own choice.
    void setTheme(AppPreferences::Theme theme);
    void showView(View view);
    // Widens every column of the table to what its visible rows hold (View menu, header menu).
    void sizeColumnsToContents();
    bool isDisplayPaused() const;

public Q_SLOTS:
    // Watches "[user@]host[:port]" through `ssh host tcplens agent` (RemoteSource) with this window's
    // interval, namespace and exact mode; the status bar offers "Reconnect" when the session ends.
    void connectToHost(const QString &destination);

Q_SIGNALS:
    // The table shows the snapshot of this generation (or would, were the display not paused): the
    // model applies a snapshot in slices, so this comes a few event-loop turns after the collector's.
    void snapshotShown(quint64 generation);
    void followedConnectionChanged(quint64 connectionId);

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createTable();
    void createDocks();
    void createActions();
    void createStatusBar();
    void startSource(bool sameKernel);
    void showSourceDescription();
    void showSnapshot();
    // The model has finished applying a snapshot: what depends on the table's rows follows.
    void tableUpdated(quint64 generation);
    void showFollowedConnection();
    void selectConnectionRow(quint64 connectionId, bool scroll);
    void selectionChanged();
    // The table's selection shows the followed connection's row, or nothing when it has none.
    void syncSelectionToFollowed();
    void updateFilterCount();
    // Alt+1…N: brings a dock forward when it is hidden or tabbed behind another, hides it when in front.
    void toggleDock(View view);
    void showHeaderMenu(const QPoint &position);
    void showTableContextMenu(const QPoint &position);
    void setDisplayPaused(bool paused);
    void updateStepActions();
    void filterByState(TcpState state);
    // The user chose a problem (its rows `cookies`): "Why is it here?" reads one of them.
    void readProblemRow(const QList<quint64> &cookies);
    void showSysctl(const QString &key);
    void updateStatus();
    void editPreferences();
    void restoreWindowState();
    void saveScreenshotInteractively();
    void openRecordingInteractively();
    void showAbout();
    bool mayCloseWithHostSysctls();

    CollectorSettings m_settings;
    // latest()'s tracking, while the table stands still (LiveConnections keeps none).
    QList<SocketTracking> m_trackingWhilePaused;
    AppPreferences m_preferences;
    LiveConnections *m_connections;
    ThemeController *m_theme;
    ConnectionTableModel *m_model;
    ConnectionFilterProxy *m_proxy;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterError = nullptr;
    QLabel *m_filterCount = nullptr;
    QHash<View, QDockWidget *> m_docks;
    QHash<View, QWidget *> m_views;
    StateDiagramPanel *m_diagram = nullptr;
    ConnectionTimelineView *m_timeline = nullptr;
    ListenerPanel *m_listeners = nullptr;
    CounterPanel *m_counters = nullptr;
    SysctlPanel *m_sysctls = nullptr;
    LabPanel *m_lab = nullptr;
    ProblemsPanel *m_problems = nullptr;
    ReadingView *m_reading = nullptr;
    PlaybackBar *m_playback = nullptr;
    RecordController *m_recorder = nullptr;
    HostSysctlsOnClose m_hostSysctlsOnClose = HostSysctlsOnClose::Ask;
    bool m_closingAfterReverts = false;
    QAction *m_pauseAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_stepForwardAction = nullptr;
    QAction *m_stepBackAction = nullptr;
    QLabel *m_collectionLabel = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_dumpLabel = nullptr;
    bool m_firstSnapshot = true;
    quint64 m_followed = 0;
    quint64 m_refollowCookie = 0; // the followed socket, to follow again in a fresh source's first snapshot
    bool m_selecting = false;
    // Inside a removal, layout change or reset of the table's rows: the view moves its selection to
    // a neighbour then, which is not the user choosing another connection.
    int m_rowsChanging = 0;
    bool m_rememberState = true;
    bool m_defaultDockSizes = false;
    bool m_labDockSized = false;
    RemoteSessionBar *m_remoteBar = nullptr; // made at the first connectToHost()
    bool m_readingDockSized = false;
};

} // namespace TcpLens
