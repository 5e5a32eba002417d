#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# unprivileged.sh TCPLENS_LAB NAME: plays the built-in scenario NAME with --json --fast as an
# ordinary user (uid and gid 65534, no groups, through setpriv when this runs as root) and expects
# exit 0 and a passed finished event: the lab needs no privilege, it makes a user namespace and a
# network namespace of its own and writes its sysctls and nftables rules there.
set -u
lab=$1
name=$2
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv >/dev/null 2>&1 || { echo "SKIP: setpriv is missing"; exit 77; }
    run=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent XDG_DATA_HOME=/nonexistent)
else
    run=()
fi
out=$("${run[@]}" "$lab" run "$name" --json --fast 2>&1)
status=$?
fail() {
    echo "FAIL: $name as uid $("${run[@]}" id -u): $1"
    echo "$out" | grep -E '"verdict":"(fail|skipped)"|"event":"error"' | sed 's/^/  kernel said: /'
    echo "--- full output ---"
    echo "$out"
    exit 1
}
[ "$status" -eq 0 ] || fail "tcplens-lab exited with $status (3: no namespace could be made)"
echo "$out" | tail -n 1 | grep -q '"event":"finished".*"passed":true' || fail "the last line is not a passed finished event"
if echo "$out" | grep -q '"userNamespace":false'; then
    fail "the helper says it made no user namespace, so it did not run unprivileged"
fi
echo "PASS: $name as uid $("${run[@]}" id -u): $(echo "$out" | grep -c '"verdict":"pass"') expectations held"
