#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
#
# fuzz/capture-agent-corpus.sh TCPLENS: writes fuzz/corpus-agent/real-*.bin, real `tcplens agent`
# output in a private network namespace: an empty one, then one with a listener, clients in its
# accept queue and a closed connection. Each seed starts with the byte fuzz_agentstream reads as the
# size of its pieces. Run as root in the build root: scripts/shell fuzz/capture-agent-corpus.sh build/ci/app/tcplens
set -euo pipefail
app=$(realpath "$1")
out=$(cd "$(dirname "$0")" && pwd)/corpus-agent
source "$(dirname "$0")/../tests/app/innetns.sh"
capture() { # capture NAME SECONDS
    { printf '\x05'; sleep "$2" | "$app" agent --interval 100; } >"$out/$1"
}
capture real-empty.bin 0.6
python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 7777)); s.listen(4)
clients = [socket.create_connection(("127.0.0.1", 7777)) for _ in range(3)]
a, _ = s.accept(); a.close()
time.sleep(5)
' &
sleep 0.3
capture real-listener.bin 1.2
wait
ls -l "$out"
