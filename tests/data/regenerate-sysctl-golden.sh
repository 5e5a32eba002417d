#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# Rewrites the sysctl.d golden files (tests/data/sysctl-*.conf) from the current renderer. Review the
# diff before committing: a changed golden file is a changed user-visible text.
#   tests/data/regenerate-sysctl-golden.sh [BUILD_DIR]   (default: build/default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build="${1:-build/default}"
cmake --build "$build" --target tst_sysctlwriter
TCPLENS_REGENERATE_GOLDEN=1 "$build/tests/tst_sysctlwriter" sysctlDFileMatchesGolden
echo "Review with: git diff -- tests/data/sysctl-*.conf"
