// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLoggingCategory>

// QT_LOGGING_RULES="tcplens.core.proc.debug=true" shows what is read from /proc.
Q_DECLARE_LOGGING_CATEGORY(lcProc)
