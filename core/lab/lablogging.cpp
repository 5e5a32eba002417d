// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "lablogging.h"

Q_LOGGING_CATEGORY(lcLab, "tcplens.core.lab", QtInfoMsg)
