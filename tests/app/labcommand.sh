#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# labcommand.sh TCPLENS: `tcplens lab` runs tcplens-lab (beside it in the build tree) with the same
# arguments: list --json is one JSON array with the built-in scenarios, run --json --fast plays one to
# a passed finished event with exit 0, without nft it skips what needs it and exits 4, and a bad
# scenario name or subcommand exits 2 saying which.
set -u
app=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# run ARGS...: sets $status, $work/out and $work/err.
run() {
    status=0
    env -u DISPLAY -u WAYLAND_DISPLAY "$app" "$@" >"$work/out" 2>"$work/err" || status=$?
}
fail() {
    echo "FAIL: tcplens $1"
    echo "--- stdout ---"
    cat "$work/out"
    echo "--- stderr ---"
    cat "$work/err"
    failed=1
}

run lab list --json
if [ "$status" != 0 ]; then
    fail "lab list --json exited $status"
elif ! python3 -c '
import json, sys
names = [s["name"] for s in json.load(open(sys.argv[1]))]
sys.exit(0 if "accept-overflow" in names else 1)' "$work/out"; then
    fail "lab list --json is not a JSON array naming accept-overflow"
else
    echo "PASS: tcplens lab list --json: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/out") scenarios"
fi

# A user's scenario with a built-in one's name replaces it.
mkdir -p "$work/data/tcplens/lab"
cat >"$work/data/tcplens/lab/accept-overflow.json" <<'JSON'
{"format": 1, "name": "accept-overflow", "title": "A teacher's own", "steps": [{"title": "Nothing"}]}
JSON
XDG_DATA_HOME="$work/data" run lab list --json
if [ "$status" != 0 ] || ! python3 -c '
import json, sys
found = [s for s in json.load(open(sys.argv[1])) if s["name"] == "accept-overflow"]
sys.exit(0 if len(found) == 1 and not found[0]["builtIn"] and found[0]["title"] == "A teacher\x27s own" else 1)' "$work/out"; then
    fail "lab list --json: a user's accept-overflow.json does not replace the built-in one"
else
    echo "PASS: tcplens lab list --json: a user's accept-overflow.json replaces the built-in one"
fi

run lab run accept-overflow --json --fast
last=$(tail -n 1 "$work/out")
if [ "$status" != 0 ]; then
    fail "lab run accept-overflow --json --fast exited $status (0: every expectation held)"
elif ! echo "$last" | grep -q '"event":"finished"' || ! echo "$last" | grep -q '"passed":true'; then
    fail "lab run accept-overflow --json --fast: the last line is not a passed finished event: $last"
else
    echo "PASS: tcplens lab run accept-overflow --json --fast: $last"
fi

# Without nft (an empty file bound over it, in a mount namespace of this test's own): a scenario that
# drops packets still plays, skips the expectations of the steps that need it, says which tool is
# missing, and exits 4 (ToolMissing), never 0 and never a failure of the kernel's.
nft=$(PATH=/usr/sbin:/sbin:$PATH command -v nft || true)
if [ "$(id -u)" != 0 ] || [ -z "$nft" ] || ! command -v unshare >/dev/null; then
    echo "SKIP: lab run without nft (needs root, nft and unshare to hide it)"
else
    status=0
    unshare --mount sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' sh "$nft" \
        env -u DISPLAY -u WAYLAND_DISPLAY "$app" lab run simultaneous-close --json --fast \
        >"$work/out" 2>"$work/err" || status=$?
    last=$(tail -n 1 "$work/out")
    if [ "$status" != 4 ]; then
        fail "lab run simultaneous-close without nft exited $status (want 4: a tool is missing)"
    elif ! grep '"verdict":"skipped"' "$work/out" | grep -q 'nft is missing' ||
        ! echo "$last" | grep -q '"passed":false' || echo "$last" | grep -q '"skipped":0'; then
        fail "lab run simultaneous-close without nft: want skipped expectations naming nft and a finished event with skipped > 0, last line: $last"
    else
        echo "PASS: tcplens lab run simultaneous-close without nft: exit 4, $(grep -c '"verdict":"skipped"' "$work/out") expectations skipped, naming nft"
    fi
fi

run lab run no-such-scenario --json
if [ "$status" != 2 ] || ! grep -q "no-such-scenario" "$work/err"; then
    fail "lab run no-such-scenario exited $status (want 2, and a message naming it)"
else
    echo "PASS: tcplens lab run no-such-scenario: $(head -n 1 "$work/err")"
fi

for arguments in "bogus" ""; do
    # shellcheck disable=SC2086 # no arguments at all is one of the cases
    run lab $arguments
    if [ "$status" != 2 ] || ! grep -q "usage: " "$work/err" || [ -s "$work/out" ] ||
        { [ -n "$arguments" ] && ! grep -q "'$arguments'" "$work/err"; }; then
        fail "lab $arguments exited $status (want 2, and the usage on stderr)"
    else
        echo "PASS: tcplens lab $arguments: $(head -n 1 "$work/err")"
    fi
done
exit "$failed"
