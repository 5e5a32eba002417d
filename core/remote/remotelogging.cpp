// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#include "remotelogging.h"

Q_LOGGING_CATEGORY(lcRemote, "tcplens.core.remote", QtInfoMsg)
