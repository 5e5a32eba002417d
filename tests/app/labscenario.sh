#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# labscenario.sh TCPLENS_LAB NAME: plays one built-in scenario with --json --fast and expects exit 0,
# a JSON line per event and a finished event that passed. On failure it prints each failed
# expectation with what the kernel did.
set -u
lab=$1
name=$2
out=$("$lab" run "$name" --json --fast 2>&1)
status=$?
fail() {
    echo "FAIL: $name: $1"
    echo "$out" | grep -E '"verdict":"(fail|skipped)"|"event":"error"' | sed 's/^/  kernel said: /'
    echo "--- full output ---"
    echo "$out"
    exit 1
}
[ "$status" -eq 0 ] || fail "tcplens-lab exited with $status (0: every expectation held)"
echo "$out" | grep -q '^{"event":"loaded"' || fail "no loaded event"
echo "$out" | grep -q '^{"event":"step"' || fail "no step event"
echo "$out" | tail -n 1 | grep -q "\"event\":\"finished\"" && echo "$out" | tail -n 1 | grep -q "\"passed\":true" || fail "the last line is not a passed finished event"
if echo "$out" | grep -v '^{.*"event":"[a-z]*".*}$' | grep -q .; then
    fail "a line that is not a JSON event"
fi
passes=$(echo "$out" | grep -c '"verdict":"pass"')
[ "$passes" -gt 0 ] || fail "no expectation passed"
echo "PASS: $name: $passes expectations held"
