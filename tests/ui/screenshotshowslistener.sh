#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# screenshotshowslistener.sh TCPLENS OUT.png
# With no display at all, `tcplens --screenshot` must write a PNG of live sockets, among them a
# listener opened just before. Runs in a private network namespace so the listener is easy to find.
set -euo pipefail
app=$1
out=$2
source "$(dirname "$0")/../app/innetns.sh"
rm -f "$out"
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(7)
print(s.getsockname()[1], flush=True)
time.sleep(60)
' >"$out.port" &
holder=$!
trap 'kill $holder 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$out.port" ] && break; sleep 0.1; done
port=$(cat "$out.port")
rm -f "$out.port"

shown=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" --screenshot "$out")
printf '%s\n' "$shown"
[ "$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || {
    echo "FAIL: $out is not a PNG"
    exit 1
}
grep -Eq "^LISTEN +127\.0\.0\.1:$port " <<<"$shown" || {
    echo "FAIL: the listener on 127.0.0.1:$port is not among the rows the screenshot shows"
    exit 1
}
echo "PASS: $out shows LISTEN 127.0.0.1:$port"
