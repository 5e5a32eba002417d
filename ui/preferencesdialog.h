// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include "apppreferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace TcpLens {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const AppPreferences &preferences, QWidget *parent = nullptr);

    AppPreferences preferences() const;

private:
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_retention = nullptr;
    QSpinBox *m_maxClosed = nullptr;
    QCheckBox *m_exact = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
};

} // namespace TcpLens
