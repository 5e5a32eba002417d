// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "sysctllogging.h"

Q_LOGGING_CATEGORY(lcSysctl, "tcplens.core.sysctl", QtInfoMsg)
