#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Rewrites the *.expected references of tst_sysctllint from what the lint says now. Read the diff
# (git diff tests/data/sysctl-lint) before committing it: every changed line is a changed verdict.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$top"
scripts/shell cmake --build --preset ci --target tst_sysctllint >&2
scripts/shell env TCPLENS_REGENERATE_GOLDEN=1 build/ci/tests/tst_sysctllint matchesTheReference >/dev/null
git -C "$top" status --short tests/data/sysctl-lint
