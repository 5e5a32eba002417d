// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "collect/collectorsettings.h"
#include "model/socketsnapshot.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace TcpLens {

class ConnectionTableModel;
class SnapshotCollector;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const CollectorSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionTableModel *connectionModel() const { return m_model; }
    QTableView *connectionView() const { return m_view; }
    // Renders the window (not the screen) to an image file; false and a message on failure.
    bool saveScreenshot(const QString &path, QString *error = nullptr);
    // The table rows the window shows right now, one line each ("LISTEN 127.0.0.1:80 *:* 0 128"):
    // what a screenshot shows, as text, for scripts and tests.
    QStringList visibleRowsText() const;

Q_SIGNALS:
    void snapshotShown(quint64 generation);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void showSnapshot(const SocketSnapshot &snapshot);
    void showFailure(const QString &message);
    void showPacing(int effectiveMs, bool backedOff, qint64 lastDumpNs);
    void updateStatus();
    void restoreState();
    void saveScreenshotInteractively();
    void showAbout();

    SnapshotCollector *m_collector = nullptr;
    ConnectionTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_pauseAction = nullptr;
    QLabel *m_sourceLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_dumpLabel = nullptr;
    QString m_netnsLabel;
    int m_effectiveIntervalMs = 0;
    bool m_backedOff = false;
    bool m_firstSnapshot = true;
};

} // namespace TcpLens
