// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "proclogging.h"

Q_LOGGING_CATEGORY(lcProc, "tcplens.core.proc", QtInfoMsg)
