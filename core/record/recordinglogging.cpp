// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "recordinglogging.h"

Q_LOGGING_CATEGORY(lcRecord, "tcplens.core.record", QtInfoMsg)
