#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# versionagrees.sh TCPLENS VERSION METAINFO CHANGELOG.md: the CMake project's VERSION is what
# `tcplens --version` prints (the About dialog shows the same QCoreApplication::applicationVersion()),
# the newest <release> of the AppStream metainfo and the newest release of CHANGELOG.md.
set -euo pipefail
app=$1 version=$2 metainfo=$3 changelog=$4
failed=0

# check WHAT FOUND
check() {
    if [ "$2" = "$version" ]; then
        echo "PASS: $1: $2"
    else
        echo "FAIL: $1 says '$2', the project's version (CMakeLists.txt) is $version"
        failed=1
    fi
}

check "tcplens --version" "$("$app" --version | sed -n 's/^tcplens \([^ ]*\)$/\1/p')"
# appstreamcli validate checks that releases are newest first.
check "the metainfo's newest release" "$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)"
check "CHANGELOG.md's newest release" "$(sed -n 's/^## \([^ ]*\) — .*/\1/p' "$changelog" | head -n 1)"
metainfo_date=$(grep -o '<release version="[^"]*" date="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f4)
changelog_date=$(sed -n 's/^## [^ ]* — \([0-9-]*\).*/\1/p' "$changelog" | head -n 1)
if [ "$metainfo_date" = "$changelog_date" ]; then
    echo "PASS: both date the release $changelog_date"
else
    echo "FAIL: the metainfo dates the release $metainfo_date, CHANGELOG.md $changelog_date"
    failed=1
fi
exit "$failed"
