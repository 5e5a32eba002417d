// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "metricslogging.h"

Q_LOGGING_CATEGORY(lcMetrics, "tcplens.core.metrics", QtInfoMsg)
