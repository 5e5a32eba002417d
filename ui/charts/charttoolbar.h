// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace TcpLens {

// The row above a panel's charts: time window, pause, follow, export, and a status text.
class ChartToolBar : public QWidget
{
    Q_OBJECT
public:
    explicit ChartToolBar(QWidget *parent = nullptr);

    qint64 windowNs() const;
    void setWindowNs(qint64 windowNs);
    bool isPaused() const;
    void setStatus(const QString &text, const QString &tooltip = {});

public Q_SLOTS:
    void setPaused(bool paused);
    void setFollowing(bool following);

Q_SIGNALS:
    void windowChosen(qint64 windowNs);
    void pausedChanged(bool paused);
    void followRequested();
    void exportPngRequested();
    void exportCsvRequested();

private:
    QComboBox *m_window;
    QToolButton *m_pause;
    QToolButton *m_follow;
    QLabel *m_status;
};

} // namespace TcpLens
