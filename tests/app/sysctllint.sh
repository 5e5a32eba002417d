#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# sysctllint.sh TCPLENS DATA: `tcplens sysctl lint` against the running kernel, in a private network
# namespace: the lessons' production file has errors (exit 1, one "FILE:LINE: error|warning: message"
# line each, the same as --json), a clean file exits 0 and prints nothing, an unreadable file exits 2.
set -euo pipefail
app=$1
data=$2
source "$(dirname "$0")/innetns.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

set +e
out=$("$app" sysctl lint "$data/production.conf" 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] || fail "production.conf: exit $rc, want 1 (errors found): $out"
while IFS= read -r line; do
    [[ "$line" =~ ^"$data/production.conf":[0-9]+:\ (error|warning):\ . ]] || fail "not FILE:LINE: severity: message: $line"
done <<<"$out"
for key in tcp_tw_recycle ip_conntrack_max; do
    grep -q "error: .*$key" <<<"$out" || fail "no error for $key: $out"
done
grep -q 'production.conf:10: warning: tcp_fin_timeout = 2' <<<"$out" || fail "no warning for tcp_fin_timeout = 2: $out"

set +e
json=$("$app" sysctl lint --json "$data/production.conf")
rc=$?
set -e
[ "$rc" = 1 ] || fail "--json: exit $rc, want 1"
count=$(python3 -c 'import json, sys; f = json.load(sys.stdin); assert all(set(x) >= {"file", "line", "column", "severity", "message"} for x in f); print(len(f))' <<<"$json")
[ "$count" = "$(wc -l <<<"$out")" ] || fail "--json has $count findings, the text $(wc -l <<<"$out")"

out=$("$app" sysctl lint "$data/clean.conf") || fail "clean.conf: exit $?, want 0"
[ -z "$out" ] || fail "clean.conf: findings on a clean file: $out"

set +e
err=$("$app" sysctl lint /nonexistent/sysctl.conf 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 2 ] || fail "missing file: exit $rc, want 2"
grep -q "/nonexistent/sysctl.conf" <<<"$err" || fail "missing file not named: $err"
echo "sysctl lint: production.conf $count findings (exit 1), clean.conf none (exit 0), missing file exit 2"
