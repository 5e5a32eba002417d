// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QLoggingCategory>

// QT_LOGGING_RULES="tcplens.core.lab.debug=true" shows the lab's steps, sysctl writes and nft rulesets;
// warnings say where the kernel refused something a scenario relies on without failing the step.
Q_DECLARE_LOGGING_CATEGORY(lcLab)
