#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# tests/core/translationscurrent.sh LUPDATE SOURCE-DIR: every .ts in translations/ is what lupdate
# makes of today's sources, with the options translations/CMakeLists.txt gives it. A tr() text added
# without running update_translations, or one left behind after its code went, fails here;
# tst_translations then checks that every entry is translated.
set -euo pipefail
lupdate=$1
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find core ui app \( -name '*.cpp' -o -name '*.h' \) | sort >"$work/sources"
for ts in translations/*.ts; do
    cp "$ts" "$work/current.ts"
    "$lupdate" -silent -no-obsolete -locations none -source-language en "@$work/sources" -ts "$work/current.ts"
    if ! diff -u "$ts" "$work/current.ts" >"$work/diff"; then
        head -n 60 "$work/diff"
        echo "FAIL: $ts is not what lupdate makes of the sources (above: what it would change)." >&2
        echo "  run: scripts/shell cmake --build --preset ci --target update_translations" >&2
        echo "  then translate the entries marked unfinished (docs/translation.md)" >&2
        exit 1
    fi
    echo "PASS: $ts holds every text of the sources and no other"
done
