#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# docscreenshots.sh TCPLENS OUT-DIR: renders the documentation's pictures (docs/make-screenshots.sh,
# the demo scene in a private namespace) and checks that each was written and shows what the scene
# holds. `TCPLENS_APP=... docs/make-screenshots.sh` with no OUT-DIR writes them into docs/.
set -euo pipefail
app=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
TCPLENS_APP=$app TCPLENS_ROWS=$out/rows.txt bash "$here/../../docs/make-screenshots.sh" "" "$out" >/dev/null
for name in main-window main-window-dark window-1024x700 window-1920x1080 diagram timeline sysctls listeners counters \
    lab-accept-overflow replay-accept-overflow lab-handshake lab-simultaneous-close-zh main-window-zh sysctls-zh problems-close-wait problems-accept-overflow; do
    file=$out/$name.png
    [ -s "$file" ] || { echo "FAIL: $name.png was not written"; exit 1; }
    head -c 8 "$file" | od -An -c | grep -q 'P   N   G' || { echo "FAIL: $name.png is not a PNG"; exit 1; }
done
# --size is the picture's size: nothing made the window grow past the screen it stands for.
for size in 1024x700 1920x1080; do
    shown=$(python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' \
        "$out/window-$size.png")
    [ "$shown" = "$size" ] || { echo "FAIL: window-$size.png is $shown"; exit 1; }
done
# The main window's table shows the scene: the web server on 8080 (its listener or its connections
# with their unread bytes; which rows are in view depends on the followed connection).
for name in main-window main-window-dark window-1024x700 window-1920x1080; do
    grep -Eq "^$name: (LISTEN \*:8080 |ESTAB 127\.0\.0\.1:8080 127\.0\.0\.1:[0-9]+ (18|36|54) 0$|ESTAB 127\.0\.0\.1:[0-9]+ 127\.0\.0\.1:8080 (1000|2000|3000) 0$)" "$out/rows.txt" ||
        { echo "FAIL: $name does not show the web server or its connections"; cat "$out/rows.txt"; exit 1; }
done
# The lab's pictures show the lab's namespace, not the scene's: accept-overflow's listener with its
# full accept queue (2 of a backlog of 1).
grep -Eq '^lab-accept-overflow: LISTEN 127\.0\.0\.1:8080 \*:\* 2 1$' "$out/rows.txt" ||
    { echo "FAIL: lab-accept-overflow does not show the lab's full accept queue"; cat "$out/rows.txt"; exit 1; }
# Its recording replayed shows the same full queue, and nothing was left behind.
grep -Eq '^replay-accept-overflow: LISTEN 127\.0\.0\.1:8080 \*:\* 2 1$' "$out/rows.txt" ||
    { echo "FAIL: the replayed lab recording does not show the full accept queue"; cat "$out/rows.txt"; exit 1; }
[ ! -e "$out/accept-overflow.tcplens" ] || { echo "FAIL: the lab recording was left in $out"; exit 1; }
# The Problems pictures show the problem's rows only: the server's socket stuck in CLOSE-WAIT, the
# listener with its full accept queue.
grep -Eq '^problems-close-wait: CLOSE-WAIT 127\.0\.0\.1:8080 127\.0\.0\.1:[0-9]+ 0 0$' "$out/rows.txt" ||
    { echo "FAIL: problems-close-wait does not show the socket in CLOSE-WAIT"; cat "$out/rows.txt"; exit 1; }
[ "$(grep -c '^problems-close-wait: ' "$out/rows.txt")" = 1 ] ||
    { echo "FAIL: problems-close-wait shows more than the problem's row"; cat "$out/rows.txt"; exit 1; }
grep -Eq '^problems-accept-overflow: LISTEN 127\.0\.0\.1:8080 \*:\* 2 1$' "$out/rows.txt" ||
    { echo "FAIL: problems-accept-overflow does not show the full listener"; cat "$out/rows.txt"; exit 1; }
echo "PASS: $(ls "$out"/*.png | wc -l) pictures in $out"
