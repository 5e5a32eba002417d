// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "netlinklogging.h"

Q_LOGGING_CATEGORY(lcNetlink, "tcplens.core.netlink", QtInfoMsg)
