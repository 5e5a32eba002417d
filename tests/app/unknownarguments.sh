#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# unknownarguments.sh TCPLENS: an unknown command, option or argument ends tcplens with one line on
# stderr and exit status 2, with no display and before Qt looks for one (no platform plugin message,
# no abort); Qt's own options still pass, and --help lists every command.
set -euo pipefail
app=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# run ARGS...: tcplens without a display; sets $status, $work/out and $work/err.
run() {
    status=0
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" "$@" >"$work/out" 2>"$work/err" || status=$?
}

# rejects EXPECTED-LINE ARGS...
rejects() {
    local expected=$1
    shift
    run "$@"
    if [ "$status" != 2 ] || [ "$(wc -l <"$work/err")" != 1 ] || [ "$(cat "$work/err")" != "$expected" ] ||
        [ -s "$work/out" ]; then
        echo "FAIL: tcplens $* exited $status (want 2) with stderr:"
        sed 's/^/    /' "$work/err"
        echo "  want the one line: $expected"
        failed=1
        return
    fi
    echo "PASS: tcplens $*: $expected"
}

rejects "tcplens: unknown command 'diagnose' (see tcplens --help)" diagnose
rejects "tcplens: unknown command 'diagnose' (see tcplens --help)" diagnose --json
rejects "tcplens doctor: unknown option '--bogus' (see tcplens doctor --help)" doctor --bogus
rejects "tcplens: unknown option '--bogus' (see tcplens --help)" --bogus
rejects "tcplens: unknown option '--bogus' (see tcplens --help)" --exact --bogus
rejects "tcplens: unknown argument 'doctor' (see tcplens --help)" --exact doctor
rejects "tcplens: missing value after '--netns' (see tcplens --help)" --netns
rejects "tcplens: there is no recording at '$work/gone.tcplens'" "$work/gone.tcplens"
rejects "tcplens: a recording is replayed as it was; leave out --lab, --netns and --record" /etc/hostname --lab accept-overflow
rejects "tcplens: --view takes one of table, diagram, timeline, listeners, counters, sysctls, lab, problems, reading, not 'bogus'" --view bogus
rejects "tcplens snapshot: unknown option '--bogus' (see tcplens snapshot --help)" snapshot --bogus
rejects "tcplens snapshot: add --json or --jsonl (the only output formats so far)" snapshot
rejects "tcplens snapshot: --json or --jsonl, not both" snapshot --json --jsonl
rejects "tcplens snapshot: --pretty indents --json; --jsonl keeps each socket on one line" snapshot --jsonl --pretty
rejects "tcplens watch: unknown option '--bogus' (see tcplens watch --help)" watch --json --bogus
rejects "tcplens counters: unknown option '--bogus' (see tcplens counters --help)" counters --bogus
rejects "tcplens sysctl: unknown option '--bogus' (see tcplens sysctl --help)" sysctl --bogus
rejects "tcplens sysctl validate: unknown option '--bogus' (see tcplens sysctl validate --help)" \
    sysctl validate --bogus tcp_syn_retries 3

# Qt's own options reach Qt: -platform and its value are not ours to reject.
run -platform offscreen --version
if [ "$status" != 0 ] || ! grep -q '^tcplens ' "$work/out"; then
    echo "FAIL: tcplens -platform offscreen --version exited $status:"
    cat "$work/out" "$work/err"
    failed=1
else
    echo "PASS: tcplens -platform offscreen --version: $(cat "$work/out")"
fi

# A file that is no recording: the reader's error, naming the file, and exit status 1 (the arguments
# were right; the file is not).
printf 'notes, not a recording\n' >"$work/notes.tcplens"
run "$work/notes.tcplens" --screenshot "$work/shot.png"
if [ "$status" != 1 ] || ! grep -q "notes.tcplens" "$work/err" || [ -e "$work/shot.png" ]; then
    echo "FAIL: tcplens notes.tcplens --screenshot exited $status (want 1, a line naming the file, no picture):"
    sed 's/^/    /' "$work/err"
    failed=1
else
    echo "PASS: tcplens notes.tcplens: $(grep notes.tcplens "$work/err")"
fi

run --help
for command in snapshot watch counters sysctl lab; do
    if [ "$status" != 0 ] || ! grep -q "^  $command " "$work/out"; then
        echo "FAIL: tcplens --help (exit $status) does not list '$command'"
        failed=1
    fi
done
[ "$failed" = 1 ] || echo "PASS: tcplens --help lists snapshot, watch, counters, sysctl and lab"
exit "$failed"
