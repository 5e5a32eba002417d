#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# labhostuntouched.sh TCPLENS_LAB RESOURCES SCENARIO...: plays each scenario with `run --fast` as root
# and checks that the lab changed nothing outside its own namespace: every /proc/sys key of the
# sysctl catalog (RESOURCES/sysctl/catalog.json) that this kernel has, the nftables ruleset, and the
# TCP sockets on the scenarios' ports (from RESOURCES/lab/SCENARIO.json), of which there must be none
# before, while the scenarios play and after. Exit 77 (skipped) when not root: an ordinary user's lab
# cannot reach the host's sysctls or ruleset in the first place.
set -u
lab=$1
resources=$2
shift 2
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: only root's lab could touch the host"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() {
    echo "FAIL: $1"
    failed=1
}

files=()
for scenario in "$@"; do
    files+=("$resources/lab/$scenario.json")
done
# The catalog's keys this kernel has, and every port the scenarios name (listen, connect, checks).
mapfile -t paths < <(python3 -c '
import json, os, sys
for entry in json.load(open(sys.argv[1]))["entries"]:
    if os.path.exists(entry["path"]):
        print(entry["path"])' "$resources/sysctl/catalog.json")
mapfile -t ports < <(python3 -c '
import json, sys
def walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("port", "bindPort") and isinstance(item, int) and item > 0:
                yield item
            else:
                yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
print("\n".join(str(port) for port in sorted({p for path in sys.argv[1:] for p in walk(json.load(open(path)))})))' \
    "${files[@]}")
[ "${#paths[@]}" -gt 0 ] || fail "no key of $resources/sysctl/catalog.json exists on this kernel"
[ "${#ports[@]}" -gt 0 ] || fail "the scenarios $* name no port"
filter=""
for port in "${ports[@]}"; do
    filter+="${filter:+ or }sport = :$port or dport = :$port"
done

# state FILE: the host's sysctls and its nftables ruleset, as text.
state() {
    for path in "${paths[@]}"; do
        printf '%s = %s\n' "$path" "$(tr '\t' ' ' <"$path" 2>&1)"
    done >"$1"
    if command -v nft >/dev/null; then
        { echo "--- nft list ruleset"; nft list ruleset 2>&1; } >>"$1"
    fi
}
# sockets LABEL: the host's TCP sockets on the scenarios' ports, which must be none.
sockets() {
    local found
    found=$(ss -tanH "( $filter )" 2>&1)
    [ -z "$found" ] || fail "$1, the host has TCP sockets on the scenarios' ports (${ports[*]}):
$found"
}

command -v nft >/dev/null || echo "NOTE: nft is not installed; the ruleset is not compared"
sockets "before the lab"
state "$work/before"
for scenario in "$@"; do
    "$lab" run "$scenario" --fast >"$work/$scenario.out" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        sockets "while $scenario played"
        sleep 0.1
    done
    wait "$pid"
    status=$?
    if [ "$status" != 0 ]; then
        fail "tcplens-lab run $scenario --fast exited $status"
        sed 's/^/    /' "$work/$scenario.out"
    fi
done
state "$work/after"
sockets "after the lab"
if ! diff -u "$work/before" "$work/after" >"$work/diff"; then
    fail "the host's sysctls or nftables ruleset changed:"
    sed 's/^/    /' "$work/diff"
fi
[ "$failed" = 1 ] ||
    echo "PASS: $* left the host's ${#paths[@]} sysctls, its ruleset and ports ${ports[*]} as they were"
exit "$failed"
