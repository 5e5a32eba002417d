#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# hostuntouched.sh TCPLENS_LAB SYSCTL_CATALOG SCENARIO_DIR NAME: plays the built-in scenario NAME with --fast and
# checks that the host was left alone. Before and after the run it reads every sysctl of the catalog
# that exists under /proc/sys here (the host's namespace, not the lab's); during and after the run it
# looks, with ss, for sockets on the scenario's ports that were not there before, and for the lab's
# nftables table. The lab writes its sysctls, makes its sockets and loads its rules in a namespace of
# its own; a single one of them showing up here is a leak.
set -u
lab=$1
catalog=$2
scenarios=$3
name=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
    echo "FAIL: $name: $1"
    [ -s "$work/out" ] && { echo "--- tcplens-lab output ---"; cat "$work/out"; }
    exit 1
}

# The sysctls the catalog knows, as their /proc/sys paths; write-only or unreadable ones are skipped.
grep -o '"path": *"/proc/sys/[^"]*"' "$catalog" | sed 's/.*"\(\/proc\/sys\/[^"]*\)"/\1/' | sort -u >"$work/paths"
[ -s "$work/paths" ] || fail "no sysctl path found in $catalog"
snapshot_sysctls() {
    while read -r path; do
        [ -r "$path" ] || continue
        value=$(tr -s ' \t' ' ' <"$path" 2>/dev/null) || continue
        printf '%s = %s\n' "$path" "$value"
    done <"$work/paths"
}

# The scenario's ports: every "port" and "bindPort" of its file.
ports=$(grep -o '"\(port\|bindPort\)": *[0-9]*' "$scenarios/$name.json" | sed 's/.*: *//' | sort -un)
[ -n "$ports" ] || fail "no port found in $scenarios/$name.json"
filter=""
for port in $ports; do
    filter="$filter${filter:+ or }sport = :$port or dport = :$port"
done
host_sockets() {
    ss -tanH "( $filter )" 2>/dev/null | awk '{print $1, $4, $5}' | sort -u
}
host_table() {
    command -v nft >/dev/null 2>&1 || return 0
    nft list tables 2>/dev/null | grep -w tcplens_lab
}

snapshot_sysctls >"$work/before"
host_sockets >"$work/sockets-before"
[ -z "$(host_table)" ] || fail "the host already has a tcplens_lab nftables table; cannot tell a leak from it"

"$lab" run "$name" --json --fast >"$work/out" 2>&1 &
run=$!
leaks=""
while kill -0 "$run" 2>/dev/null; do
    host_sockets | comm -13 "$work/sockets-before" - >>"$work/leaked-sockets"
    [ -n "$(host_table)" ] && leaks="the lab's nftables table appeared in the host; "
    sleep 0.2
done
wait "$run"
status=$?
[ "$status" -eq 0 ] || fail "tcplens-lab exited with $status"

snapshot_sysctls >"$work/after"
host_sockets | comm -13 "$work/sockets-before" - >>"$work/leaked-sockets"
[ -n "$(host_table)" ] && leaks="${leaks}the lab's nftables table is left in the host; "

if ! diff -u "$work/before" "$work/after" >"$work/sysctl-diff"; then
    echo "host sysctls changed:"
    grep '^[-+]/' "$work/sysctl-diff"
    leaks="${leaks}host sysctls changed; "
fi
if [ -s "$work/leaked-sockets" ]; then
    echo "sockets on the lab's ports ($(echo $ports)) seen in the host:"
    sort -u "$work/leaked-sockets"
    leaks="${leaks}sockets on the lab's ports appeared in the host; "
fi
[ -z "$leaks" ] || fail "$leaks"
echo "PASS: $name: $(wc -l <"$work/before") host sysctls unchanged, no socket on ports $(echo $ports) and no nftables table in the host"
