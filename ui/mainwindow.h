// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "apppreferences.h"
#include "collect/collectorsettings.h"
#include "model/socketsnapshot.h"
#include "tracking/connectionevent.h"
#include "tracking/connectiontracker.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTableView;

namespace TcpLens {

class ConnectionFilterProxy;
class ConnectionTimelineView;
class CounterPanel;
class ListenerPanel;
class ConnectionTableModel;
class SnapshotCollector;
class StateDiagramPanel;
class ThemeController;

// The window a user keeps open: the connection table in the centre; the state diagram, the selected
// connection's timeline, the listeners' queues and the kernel's counters in docks the user can move,
// stack or close (remembered between runs).
//
// Data flows one way: the collector's thread hands over snapshots, destroy notices and tracepoint
// events; the tracker turns them into connections and events; models and panels show them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View : quint8 { Table, Diagram, Timeline, Listeners, Counters };
    Q_ENUM(View)
    static std::optional<View> viewFromName(const QString &name);

    // `preferences` overrides what QSettings holds (the command line's --interval, say).
    // `rememberState`: restore the layout saved by the last run and save it on close. Screenshots and
    // tests leave it off so they neither depend on nor change a user's layout.
    explicit MainWindow(const CollectorSettings &settings, bool rememberState = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionTableModel *connectionModel() const { return m_model; }
    ConnectionFilterProxy *connectionProxy() const { return m_proxy; }
    QTableView *connectionView() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    const ConnectionTracker &tracker() const { return m_tracker; }
    QWidget *viewWidget(View view) const;
    StateDiagramPanel *diagramPanel() const { return m_diagram; }
    ConnectionTimelineView *timelineView() const { return m_timeline; }
    ListenerPanel *listenerPanel() const { return m_listeners; }
    CounterPanel *counterPanel() const { return m_counters; }

    // Renders the window (View::Table) or one view (the dock's contents) to an image file.
    bool saveScreenshot(const QString &path, QString *error = nullptr, View view = View::Table);
    // The table rows the window shows right now, one line each ("LISTEN 127.0.0.1:80 *:* 0 128"):
    // what a screenshot shows, as text, for scripts and tests.
    QStringList visibleRowsText() const;

    // Selects the connection's row, keeps it selected across polls, shows its timeline and its path.
    void followConnection(quint64 connectionId);
    quint64 followedConnection() const { return m_followed; }
    // For screenshots: follow the connection with the longest known history, if none is followed,
    // and show the listener whose accept queue is fullest.
    void followMostInterestingConnection();
    void selectFullestListener();
    void setFilterText(const QString &text);
    // What the preferences dialog's OK does: saves them and applies them at once.
    void applyPreferences(const AppPreferences &preferences);
    const AppPreferences &preferences() const { return m_preferences; }
    // For this run only (the command line's --theme): the preferences keep their own choice.
    void setTheme(AppPreferences::Theme theme);
    void showView(View view);
    // For a screenshot of one view: its dock floats alone at `size`, so the picture is not cramped.
    void detachView(View view, QSize size);
    bool isDisplayPaused() const;

Q_SIGNALS:
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
    void startCollector();
    void showSnapshot(const SocketSnapshot &snapshot);
    void showDestroyed(const DestroyedSockets &destroyed);
    void showStateChanges(const QList<StateChangeEvent> &changes);
    void showEvents(const ConnectionEvents &events);
    void showExactMode(bool active, const QString &status);
    void showFailure(const QString &message);
    void showPacing(int effectiveMs, bool backedOff, qint64 lastDumpNs);
    void showFollowedConnection();
    void selectionChanged();
    void showTableContextMenu(const QPoint &position);
    void setDisplayPaused(bool paused);
    void updateStepActions();
    void filterByState(TcpState state);
    void updateStatus();
    void editPreferences();
    void restoreWindowState();
    void saveScreenshotInteractively();
    void showAbout();

    CollectorSettings m_settings;
    AppPreferences m_preferences;
    SnapshotCollector *m_collector = nullptr;
    ConnectionTracker m_tracker;
    ThemeController *m_theme = nullptr;
    ConnectionTableModel *m_model = nullptr;
    ConnectionFilterProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterError = nullptr;
    QHash<View, QDockWidget *> m_docks;
    QHash<View, QWidget *> m_views;
    StateDiagramPanel *m_diagram = nullptr;
    ConnectionTimelineView *m_timeline = nullptr;
    ListenerPanel *m_listeners = nullptr;
    CounterPanel *m_counters = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stepForwardAction = nullptr;
    QAction *m_stepBackAction = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_netnsLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_dumpLabel = nullptr;
    SocketSnapshot m_latest; // the newest snapshot, applied to the table unless the display is paused
    QString m_netnsName;
    QString m_exactStatus;
    bool m_exactActive = false;
    qint64 m_exactLost = 0;
    int m_effectiveIntervalMs = 0;
    bool m_backedOff = false;
    bool m_firstSnapshot = true;
    quint64 m_followed = 0;
    bool m_selecting = false;
    bool m_rememberState = true;
    bool m_defaultDockSizes = false;
};

} // namespace TcpLens
