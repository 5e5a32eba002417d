#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# agentprocess.sh TCPLENS: `tcplens agent` as ssh runs it, without ssh. It becomes tcplens-agent
# (exec(), so the process maps Qt Core but never Qt Gui or Widgets), starts its stream with the
# protocol's magic, ends with status 0 when stdin ends (the ssh session gone) and at SIGTERM, and
# refuses a wrong argument with status 2.
set -euo pipefail
[ -z "${TCPLENS_TRACE:-}" ] || set -x
app=$1
source "$(dirname "$0")/../app/innetns.sh"
source "$(dirname "$0")/../support/scratch.sh"
fail() { echo "FAIL: $*"; exit 1; }

# stdin held open by a fifo we control.
mkfifo "$work/in"
"$app" agent --interval 50 <"$work/in" >"$work/stream" 2>"$work/err" &
agent=$!
exec 3>"$work/in"
for _ in $(seq 100); do
    [ "$(stat -c %s "$work/stream")" -gt 100 ] && break
    sleep 0.05
done
magic=$(head -c 8 "$work/stream" | od -An -tx1 | tr -d ' \n')
# "\x89TCPLNS\n" (docs/agent-protocol.md)
[ "$magic" = 895443504c4e530a ] || fail "the stream starts with $magic, not the magic"
exe=$(readlink "/proc/$agent/exe")
[[ "$exe" == */tcplens-agent ]] || fail "tcplens agent runs $exe, not tcplens-agent"
grep -q libQt6Core "/proc/$agent/maps" || fail "the agent maps no Qt Core?"
! grep -qE 'libQt6(Gui|Widgets)' "/proc/$agent/maps" || fail "the agent maps Qt Gui or Widgets"
echo "PASS: tcplens agent is $exe, maps Qt Core only"

# stdin ends: the agent ends, status 0.
exec 3>&-
status=0
timeout 10 tail --pid="$agent" -f /dev/null || fail "the agent did not end at stdin's end"
wait "$agent" || status=$?
[ "$status" = 0 ] || fail "the agent ended with status $status at stdin's end: $(cat "$work/err")"
echo "PASS: ends with status 0 when stdin ends"

# SIGTERM: the same.
mkfifo "$work/in2"
"$app" agent --interval 50 <"$work/in2" >/dev/null 2>"$work/err" &
agent=$!
exec 4>"$work/in2"
for _ in $(seq 100); do
    [[ "$(readlink "/proc/$agent/exe" 2>/dev/null)" == */tcplens-agent ]] && break
    sleep 0.05
done
sleep 0.3
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
[ "$status" = 0 ] || fail "the agent ended with status $status at SIGTERM: $(cat "$work/err")"
grep -q "stopped by a signal" "$work/err" || fail "no line on stderr says why the agent stopped: $(cat "$work/err")"
exec 4>&-
echo "PASS: ends with status 0 at SIGTERM"

status=0
"$app" agent --interval 5 </dev/null >/dev/null 2>"$work/err" || status=$?
[ "$status" = 2 ] || fail "--interval 5 gave status $status, expected 2"
grep -q "tcplens agent: --interval" "$work/err" || fail "no usage line: $(cat "$work/err")"
echo "PASS: a wrong argument gives status 2"
