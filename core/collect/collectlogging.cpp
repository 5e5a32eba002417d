// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "collectlogging.h"

Q_LOGGING_CATEGORY(lcCollect, "tcplens.core.collect", QtInfoMsg)
