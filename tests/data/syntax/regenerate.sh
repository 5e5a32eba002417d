#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Rewrites the *.ref highlighting references of tst_sysctlconfeditor from resources/syntax/sysctl-conf.xml
# as it is now. Read the diff (git diff tests/data/syntax) before committing it.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$top"
scripts/shell cmake --build --preset ci --target tst_sysctlconfeditor >&2
scripts/shell env QT_QPA_PLATFORM=offscreen TCPLENS_REGENERATE_GOLDEN=1 build/ci/tests/tst_sysctlconfeditor highlightingMatchesTheReference >/dev/null
git -C "$top" status --short tests/data/syntax
