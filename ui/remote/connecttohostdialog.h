// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace TcpLens {

// File → Connect to host…: asks for "[user@]host[:port]", offering the hosts connected to before
// (QSettings, newest first), and says what the other side needs. OK is enabled only for a destination
// RemoteSource::parseDestination() takes.
class ConnectToHostDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int MaximumRecentHosts = 10;

    explicit ConnectToHostDialog(QWidget *parent = nullptr);

    QString destination() const;

    // The hosts connected to before, newest first.
    static QStringList recentHosts();
    // Puts `destination` first in recentHosts().
    static void rememberHost(const QString &destination);

private:
    void validate();

    QComboBox *m_host = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace TcpLens
