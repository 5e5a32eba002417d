// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLoggingCategory>

// QT_LOGGING_RULES="tcplens.core.collect.debug=true" shows every poll and back-off.
Q_DECLARE_LOGGING_CATEGORY(lcCollect)
