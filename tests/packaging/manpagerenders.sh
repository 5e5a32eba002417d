#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# manpagerenders.sh PAGE: the man page renders as `man -l` shows it, and groff finds nothing to warn
# about (a macro it does not know, a line it cannot break, an escape it does not know), and lexgrog
# reads its NAME line as whatis will. Without man (Debian: man-db), groff alone (groff-base); the test
# is not added without either.
set -euo pipefail
page=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if command -v man >/dev/null; then
    MANWIDTH=80 MAN_KEEP_STDERR=1 LC_ALL=C.UTF-8 man --warnings=mac,break,escape,font,number,range,char,missing,input -E UTF-8 -l "$page" >"$work/out" 2>"$work/err" || {
        echo "FAIL: man -l $page exited $?"
        cat "$work/err"
        exit 1
    }
    tool="man -l"
else
    groff -man -Tutf8 -ww -z "$page" 2>"$work/err" && groff -man -Tutf8 "$page" >"$work/out"
    tool="groff -man"
fi
if [ -s "$work/err" ]; then
    echo "FAIL: $tool warns:"
    cat "$work/err"
    exit 1
fi
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" FILES "SEE ALSO"; do
    if ! grep -q "^$section" "$work/out"; then
        echo "FAIL: $tool shows no $section section"
        exit 1
    fi
done
# The NAME line as apropos and whatis read it (lintian's bad-whatis-entry).
if command -v lexgrog >/dev/null && ! lexgrog "$page" >"$work/whatis"; then
    echo "FAIL: lexgrog cannot read the NAME section"
    exit 1
fi
echo "PASS: $tool renders $(wc -l <"$work/out") lines without a warning"
