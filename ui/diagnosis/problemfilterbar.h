// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QWidget>

class QLabel;

namespace TcpLens {

class ConnectionFilterProxy;

// The line above the table while it shows one problem's rows: "Showing 3 rows of: Connections stuck
// in CLOSE-WAIT — Clear". Hidden otherwise; Clear (or Esc in the table) shows every row again.
class ProblemFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit ProblemFilterBar(ConnectionFilterProxy *proxy, QWidget *parent = nullptr);

    QString text() const;

private:
    void showFilter();

    ConnectionFilterProxy *m_proxy;
    QLabel *m_label;
};

} // namespace TcpLens
