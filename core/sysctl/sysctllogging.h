// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLoggingCategory>

// QT_LOGGING_RULES="tcplens.core.sysctl.debug=true" shows what is read from and written to /proc/sys.
Q_DECLARE_LOGGING_CATEGORY(lcSysctl)
